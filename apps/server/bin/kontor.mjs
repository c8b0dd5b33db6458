#!/usr/bin/env node
// The `kontor` command runs the compiled server (apps/server/dist/kontor.mjs, plain JavaScript: no transpiler at
// start-up). `npm install` builds it; when a source file is newer than the build (a developer edited the code), it is
// rebuilt here first, in about half a second, so the command never runs stale code.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const serverDir = path.resolve(import.meta.dirname, '..');
const outFile = path.join(serverDir, 'dist', 'kontor.mjs');
const sourceDirs = [path.join(serverDir, 'src'), path.resolve(serverDir, '../../packages/contract/src')];

/** The newest modification time of the server's and the contract's sources (tests included: cheap, and harmless). */
function newestSource() {
  let newest = 0;
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(ts|json)$/.test(entry.name)) newest = Math.max(newest, fs.statSync(full).mtimeMs);
    }
  };
  for (const dir of sourceDirs) if (fs.existsSync(dir)) walk(dir);
  return newest;
}

const builtAt = fs.existsSync(outFile) ? fs.statSync(outFile).mtimeMs : 0;
const stale = builtAt === 0 || (fs.existsSync(sourceDirs[0]) && newestSource() > builtAt);
if (stale && !process.env.KONTOR_NO_BUILD) {
  const { buildServer } = await import(pathToFileURL(path.join(serverDir, 'build.mjs')).href);
  await buildServer();
}
const { main } = await import(pathToFileURL(outFile).href);
await main(process.argv.slice(2));
