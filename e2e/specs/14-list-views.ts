import fs from 'node:fs';
import type { Page } from 'playwright-core';
import type { Spec } from '../lib/runner.ts';
import { ADMIN } from '../lib/server.ts';
import { apiAs } from '../lib/api.ts';
import { expectText, expectVisible, loginAs } from '../lib/ui.ts';

// Issue #13 in the browser: build a filter, save it as a view, share it, see it as a colleague, select all matching,
// transfer the owner as a mass action, export the view and open the file. Its own records (a tag of its own), so it
// runs alone (E2E_ONLY=14).
const TAG = 'e2e-views';
const NAMES = ['Viewtest Alpha GmbH', 'Viewtest Beta AG', 'Viewtest Gamma SRL'];
const OTHER = 'Viewtest Delta Ltd';
const VIEW = 'Big Viewtest accounts';
const COLLEAGUE = { email: 'colleague.views@example.com', name: 'Vera Views', password: 'colleague-password-42' };

const rows = (page: Page) => page.getByTestId('accounts-table').getByTestId('table-row');

/** Picks an option of a Mantine select by its visible text. */
async function choose(page: Page, testId: string, option: string | RegExp, within?: string): Promise<void> {
  const scope = within ? page.getByTestId(within) : page;
  await scope.getByTestId(testId).click();
  await page.getByRole('option', { name: option }).first().click();
}

const spec: Spec = {
  name: 'List views: filter, save and share a view, select all, transfer owner, export',
  async run({ page, browser, baseUrl, step, shot, state }) {
    await step('setup through the API: tagged accounts and a colleague', async () => {
      const admin = await apiAs(browser, baseUrl, ADMIN.email, ADMIN.password);
      try {
        for (const [i, name] of NAMES.entries()) await admin.post('/accounts', { name, employees: 200 + i, tags: [TAG] });
        await admin.post('/accounts', { name: OTHER, employees: 5, tags: [TAG] });
        const colleague = await admin.post<{ id: string }>('/users', { ...COLLEAGUE, role: 'manager' });
        state.colleagueId = colleague.id;
      } finally {
        await admin.close();
      }
      await loginAs(page, baseUrl, ADMIN.email, ADMIN.password);
    });

    await step('build a filter: tag is e2e-views and employees over 100', async () => {
      await page.goto(`${baseUrl}/accounts`);
      await expectVisible(page.getByTestId('filter-add'));
      for (const [field, op, value] of [
        [/^Tags$/, /any of/i, TAG],
        [/^Employees$/, /greater than/i, '100'],
      ] as const) {
        await page.getByTestId('filter-add').click();
        await expectVisible(page.getByTestId('filter-popover'));
        await choose(page, 'filter-field', field, 'filter-popover');
        await choose(page, 'filter-operator', op, 'filter-popover');
        const input = page.getByTestId('filter-popover').getByTestId('filter-value');
        await input.click();
        await input.fill(value);
        // Tags are picked from the known ones; numbers are typed.
        if (field.source.includes('Tags')) await page.getByRole('option', { name: value }).first().click();
        await page.getByTestId('filter-apply').click();
      }
      await expectText(page.getByTestId('filter-builder'), /Employees/);
      await page.waitForFunction((n) => document.querySelectorAll('[data-testid="accounts-table"] [data-testid="table-row"]').length === n, NAMES.length);
      const shown = (await rows(page).allInnerTexts()).join('\n');
      for (const n of NAMES) if (!shown.includes(n)) throw new Error(`${n} missing from the filtered list`);
      if (shown.includes(OTHER)) throw new Error(`${OTHER} should be filtered out`);
      if (!/filter=/.test(page.url())) throw new Error(`the URL does not hold the filter: ${page.url()}`);
      await shot('views-filtered');
    });

    await step('save it as a shared view', async () => {
      await page.getByTestId('view-selector').click();
      await page.getByTestId('view-save-as').click();
      await page.getByTestId('view-name').fill(VIEW);
      await page.getByTestId('view-name-shared').check();
      await page.getByRole('dialog').getByRole('button', { name: /save/i }).click();
      await expectText(page.getByTestId('view-selector'), VIEW);
      if (!/viewId=/.test(page.url())) throw new Error(`the URL does not name the view: ${page.url()}`);
      await shot('views-saved');
    });

    await step('the colleague sees the shared view and the same three accounts', async () => {
      const other = await browser.newContext();
      const theirs = await other.newPage();
      try {
        await loginAs(theirs, baseUrl, COLLEAGUE.email, COLLEAGUE.password);
        await theirs.goto(`${baseUrl}/accounts`);
        await theirs.getByTestId('view-selector').click();
        await theirs.getByTestId('view-option').filter({ hasText: VIEW }).click();
        await theirs.waitForFunction((n) => document.querySelectorAll('[data-testid="accounts-table"] [data-testid="table-row"]').length === n, NAMES.length);
        await shot('views-shared-colleague', { page: theirs });
      } finally {
        await other.close();
      }
    });

    await step('select all matching and transfer them to the colleague', async () => {
      await page.getByTestId('row-select-all').click();
      await expectVisible(page.getByTestId('mass-action-bar'));
      const all = page.getByTestId('select-all-matching');
      if (await all.isVisible()) await all.click();
      await expectText(page.getByTestId('selected-count'), /3/);
      await page.getByTestId('mass-action-transferOwner').click();
      await expectVisible(page.getByRole('dialog'));
      await choose(page, 'bulk-owner', COLLEAGUE.name);
      await expectText(page.getByTestId('bulk-confirm-text'), /3/);
      await page.getByTestId('bulk-run').click();
      await expectVisible(page.getByTestId('job-done'), 20_000);
      await expectText(page.getByTestId('job-counts'), /3/);
      await shot('views-transferred');
      await page.getByTestId('bulk-close').click();
      await page.waitForFunction(
        (name) => [...document.querySelectorAll('[data-testid="accounts-table"] [data-testid="table-row"]')].every((r) => r.textContent?.includes(name)),
        COLLEAGUE.name,
      );
    });

    await step('every account has one owner change on its timeline', async () => {
      const admin = await apiAs(browser, baseUrl, ADMIN.email, ADMIN.password);
      try {
        const list = await admin.get<{ data: Array<{ id: string; name: string; owner: { id: string } | null }> }>(`/accounts?tag=${TAG}&limit=10`);
        for (const a of list.data.filter((x) => NAMES.includes(x.name))) {
          if (a.owner?.id !== state.colleagueId) throw new Error(`${a.name} still belongs to ${a.owner?.id}`);
          const tl = await admin.get<{ data: Array<{ kind: string }> }>(`/accounts/${a.id}/timeline`);
          if (tl.data.filter((e) => e.kind === 'owner_changed').length !== 1) throw new Error(`${a.name}: not one owner change on the timeline`);
        }
      } finally {
        await admin.close();
      }
    });

    await step('export the view as CSV and open the file', async () => {
      const clear = page.getByTestId('mass-action-clear');
      if (await clear.isVisible()) await clear.click();
      await page.getByTestId('export-open').click();
      await expectVisible(page.getByRole('dialog'));
      await expectText(page.getByTestId('export-what'), /3/);
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-download').click()]);
      const file = await download.path();
      const csv = fs.readFileSync(file, 'utf8');
      const lines = csv.trim().split(/\r?\n/);
      if (lines.length !== NAMES.length + 1) throw new Error(`the file has ${lines.length} lines:\n${csv}`);
      for (const n of NAMES) if (!csv.includes(n)) throw new Error(`${n} missing from the file`);
      if (csv.includes(OTHER)) throw new Error(`${OTHER} should not be exported`);
      if (!csv.includes(COLLEAGUE.name)) throw new Error('the file does not show the new owner');
      if (!/\.csv$/.test(download.suggestedFilename())) throw new Error(`file name ${download.suggestedFilename()}`);
    });
  },
};
export default spec;
