// Compiles the server (and the contract it imports) to one plain-JavaScript module, apps/server/dist/kontor.mjs, so
// `kontor serve` starts without a transpiler. Pure-JavaScript npm packages are bundled too: resolving and reading
// their ~1,500 files was most of a start (0.55 s of module loading). Packages that load native code or their own
// files at run time stay imports (`external`).
// Run by `npm install` (the root `prepare` script) and by bin/kontor.mjs whenever a source is newer than the build.
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const here = import.meta.dirname;
const outDir = path.join(here, 'dist');
export const outFile = path.join(outDir, 'kontor.mjs');

/** Native addons, packages that read their own files (swagger-ui's assets) or start worker threads by path (pino). */
const external = ['better-sqlite3', 'sharp', '@node-rs/argon2', 'pg-native', '@fastify/swagger-ui', 'pino', 'pino-pretty', 'thread-stream', 'esbuild', 'tsx'];

/**
 * Bundles src/cli/main.ts into kontor.mjs and, for what commands load on demand (the app, the seeders), chunks named
 * by their content. Built in a temporary folder, then moved: the chunks first, the entry last, so a process starting
 * meanwhile sees the old build or the new one, never half of one.
 */
export async function buildServer() {
  const tmpDir = path.join(outDir, `.build-${process.pid}`);
  await build({
    entryPoints: { kontor: path.join(here, 'src/cli/main.ts') },
    outdir: tmpDir,
    outExtension: { '.js': '.mjs' },
    splitting: true,
    chunkNames: 'chunk-[hash]',
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: 'linked',
    sourcesContent: false,
    logLevel: 'warning',
    external,
    // CommonJS packages in an ES module bundle still call require() for Node's built-ins.
    banner: { js: "import { createRequire as __kontorRequire } from 'node:module'; const require = __kontorRequire(import.meta.url);" },
  });
  const built = fs.readdirSync(tmpDir);
  const entry = path.basename(outFile);
  for (const name of built.filter((n) => !n.startsWith(entry))) fs.renameSync(path.join(tmpDir, name), path.join(outDir, name));
  fs.renameSync(path.join(tmpDir, `${entry}.map`), `${outFile}.map`);
  fs.renameSync(path.join(tmpDir, entry), outFile);
  fs.rmSync(tmpDir, { recursive: true, force: true });
  // Chunks of earlier builds are no longer named by the entry.
  for (const name of fs.readdirSync(outDir)) if (name.startsWith('chunk-') && !built.includes(name)) fs.rmSync(path.join(outDir, name), { force: true });
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.join(here, 'build.mjs')) {
  const started = performance.now();
  await buildServer();
  console.log(`Built ${path.relative(process.cwd(), outFile)} in ${Math.round(performance.now() - started)} ms.`);
}
