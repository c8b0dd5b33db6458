// `npm start` builds the web app only when its sources changed since the last build: a fingerprint of every source
// file (path, size, modification time) is kept beside the build in dist/.sources; a match skips `vite build`.
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const web = import.meta.dirname;
const inputs = ['src', 'index.html', 'vite.config.ts', 'precompress.ts', 'package.json', '../../packages/contract/src', '../../packages/contract/package.json'].map((p) => path.resolve(web, p));
const stampFile = path.join(web, 'dist', '.sources');

function fingerprint() {
  const hash = crypto.createHash('sha256');
  const add = (p) => {
    const stat = fs.statSync(p);
    if (stat.isDirectory()) {
      for (const name of fs.readdirSync(p).sort()) add(path.join(p, name));
    } else {
      hash.update(`${path.relative(web, p)}\0${stat.size}\0${stat.mtimeMs}\n`);
    }
  };
  for (const input of inputs) if (fs.existsSync(input)) add(input);
  return hash.digest('hex');
}

const now = fingerprint();
const built = fs.existsSync(path.join(web, 'dist', 'index.html')) && fs.existsSync(stampFile) ? fs.readFileSync(stampFile, 'utf8') : '';
if (built === now && !process.argv.includes('--force')) {
  console.log('Web app is up to date (sources unchanged since the last build).');
} else {
  execFileSync('npx', ['vite', 'build'], { cwd: web, stdio: 'inherit' });
  fs.writeFileSync(stampFile, now);
}
