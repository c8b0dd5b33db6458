import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';

export interface Ctx {
  page: Page;
  browser: Browser;
  baseUrl: string;
  repoRoot: string;
  serverEnv: NodeJS.ProcessEnv;
  /** A named step: timed, reported, and a screenshot on failure. */
  step: (name: string, fn: () => Promise<void>) => Promise<void>;
  /** A screenshot at 1280x800; `wide` also at 1920x1080; `full` for the whole page; `page` for another page (a second browser context). */
  shot: (name: string, opts?: { wide?: boolean; full?: boolean; page?: Page }) => Promise<void>;
  /** Values shared between specs (ids, names). */
  state: Record<string, string>;
}

export interface Spec {
  name: string;
  run: (ctx: Ctx) => Promise<void>;
}

export class StepFailure extends Error {}

export function createCtx(opts: { page: Page; browser: Browser; baseUrl: string; repoRoot: string; serverEnv: NodeJS.ProcessEnv; shotsDir: string }): Ctx {
  let shotNo = 0;
  const { page, shotsDir } = opts;
  fs.mkdirSync(shotsDir, { recursive: true });
  const ctx: Ctx = {
    ...opts,
    state: {},
    async step(name, fn) {
      const started = Date.now();
      try {
        await fn();
        console.log(`  \u2713 ${name} \x1b[2m(${Date.now() - started} ms)\x1b[0m`);
      } catch (e) {
        console.log(`  \u2717 ${name}`);
        const file = path.join(shotsDir, `FAILED-${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.png`);
        await page.screenshot({ path: file, fullPage: true }).catch(() => undefined);
        console.log(`    screenshot: ${path.relative(opts.repoRoot, file)}`);
        console.log(`    url: ${page.url()}`);
        throw new StepFailure(`${name}: ${e instanceof Error ? e.message : String(e)}`);
      }
    },
    async shot(name, o = {}) {
      shotNo += 1;
      const base = `${String(shotNo).padStart(2, '0')}-${name}`;
      const target = o.page ?? page;
      await target.waitForTimeout(250);
      await target.screenshot({ path: path.join(shotsDir, `${base}.png`), fullPage: Boolean(o.full) });
      if (o.wide && !o.page) {
        const size = page.viewportSize() ?? { width: 1280, height: 800 };
        await page.setViewportSize({ width: 1920, height: 1080 });
        await page.waitForTimeout(300);
        await page.screenshot({ path: path.join(shotsDir, `${base}-1920.png`), fullPage: Boolean(o.full) });
        await page.setViewportSize(size);
        await page.waitForTimeout(150);
      }
    },
  };
  return ctx;
}
