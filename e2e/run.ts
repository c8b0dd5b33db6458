// End-to-end: a real server on a fresh database, Debian's Chromium, the specs in e2e/specs in order.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { startServer, type RunningServer } from './lib/server.ts';
import { createCtx, StepFailure, type Spec } from './lib/runner.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..');
const shotsDir = path.join(here, 'screenshots');

async function loadSpecs(): Promise<Spec[]> {
  const dir = path.join(here, 'specs');
  const only = process.env.E2E_ONLY;
  // E2E_SKIP leaves specs out (CI runs the page sweep, which measures layout and accessibility, on one engine only).
  const skip = process.env.E2E_SKIP?.split(',').filter(Boolean) ?? [];
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.ts') && !skip.some((s) => f.includes(s))).sort();
  const specs: Spec[] = [];
  for (const f of files) {
    const mod = (await import(path.join(dir, f))) as { default: Spec };
    if (!only || only.split(',').some((o) => f.includes(o))) specs.push(mod.default);
  }
  return specs;
}

async function main(): Promise<number> {
  if (!fs.existsSync(path.join(repoRoot, 'apps/web/dist/index.html'))) {
    console.error('apps/web/dist is missing: run `npm run build:web` first (npm run e2e does).');
    return 1;
  }
  fs.rmSync(shotsDir, { recursive: true, force: true });
  let server: RunningServer | null = null;
  let browser: Browser | null = null;
  const cleanup = async () => {
    await browser?.close().catch(() => undefined);
    browser = null;
    await server?.stop();
    server = null;
  };
  const onSignal = () => void cleanup().then(() => process.exit(130));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  const started = Date.now();
  try {
    server = await startServer(repoRoot);
    console.log(`Server: ${server.baseUrl}`);
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US', timezoneId: 'Europe/Berlin' });
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    const ctx = createCtx({ page, browser, baseUrl: server.baseUrl, repoRoot, serverEnv: server.env, shotsDir });

    for (const spec of await loadSpecs()) {
      console.log(`\n${spec.name}`);
      await spec.run(ctx);
    }
    if (pageErrors.length) throw new StepFailure(`Uncaught errors in the page:\n${pageErrors.join('\n')}`);
    console.log(`\nAll specs passed in ${((Date.now() - started) / 1000).toFixed(1)} s. Screenshots: ${path.relative(process.cwd(), shotsDir)}/`);
    return 0;
  } catch (e) {
    console.error(`\nFAILED: ${e instanceof Error ? e.message : String(e)}`);
    if (!(e instanceof StepFailure) && e instanceof Error && e.stack) console.error(e.stack);
    const logs = server?.logs().trim();
    if (logs) console.error(`\n--- server output (last lines) ---\n${logs.split('\n').slice(-40).join('\n')}`);
    return 1;
  } finally {
    await cleanup();
  }
}

process.exitCode = await main();
