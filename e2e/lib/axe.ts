import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults, ImpactValue, RunOptions } from 'axe-core';
import type { Page } from 'playwright-core';

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** An axe-core violation serious enough to fail the run, with the elements it was found on. */
export interface AxeViolation {
  id: string;
  impact: ImpactValue;
  help: string;
  targets: string[];
  /** What axe saw on the first element (the colours and their ratio, the missing name...). */
  summary: string;
}

const FAILING: ImpactValue[] = ['serious', 'critical'];

/**
 * Runs axe-core (WCAG 2.x A/AA and best practices) on the page as it is now and answers the serious and critical
 * violations. Injects axe once per document (evaluated, not a script tag: the app's Content-Security-Policy allows no
 * inline script, and the check must not weaken it).
 */
export async function runAxe(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(`${axeSource}\n;true`);
  const options: RunOptions = { resultTypes: ['violations'], runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] } };
  const results = await page.evaluate(async (opts) => {
    const r = await (window as unknown as { axe: { run: (ctx: Document, o: RunOptions) => Promise<AxeResults> } }).axe.run(document, opts);
    // One known false alarm: an open picker's option list scrolls inside its listbox, and the keyboard moves through
    // the options from the input (aria-activedescendant, the WAI-ARIA combobox pattern), which axe cannot see.
    for (const v of r.violations) {
      if (v.id !== 'scrollable-region-focusable') continue;
      v.nodes = v.nodes.filter((n) => {
        const sel = n.target[0];
        return !(typeof sel === 'string' && document.querySelector(sel)?.closest('[role="listbox"]'));
      });
    }
    r.violations = r.violations.filter((v) => v.nodes.length > 0);
    return r;
  }, options);
  return results.violations
    .filter((v) => v.impact && FAILING.includes(v.impact))
    .map((v) => ({
      id: v.id,
      impact: v.impact ?? null,
      help: v.help,
      targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
      summary: (v.nodes[0]?.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 240),
    }));
}

/** One line per violation, for a failure message. */
export const describeViolation = (v: AxeViolation) => `${v.impact} ${v.id}: ${v.help} at ${v.targets.join(' | ')} (${v.summary})`;
