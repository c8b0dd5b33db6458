import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import type { Spec } from '../lib/runner.ts';
import { ADMIN } from '../lib/server.ts';
import { apiAs } from '../lib/api.ts';
import { expectText, expectUrl, expectVisible, loginAs, switchLanguage } from '../lib/ui.ts';

// Issue #15, end to end in Chromium: upload a real Outlook CSV (Windows-1252) from the contacts list, adjust the
// mapping, preview (`Voß` decoded), run it and watch the progress, open the report (12 contacts per the fixture
// README), download the report, undo, and the contacts are gone. Runs alone too (E2E_ONLY=22-).
const FIXTURE = 'outlook_en_2016_contacts.csv';

/** The real-world fixtures beside the repository (`../shared/fixtures/real/`), as CI lays them out. */
const fixturePath = (repoRoot: string) => path.resolve(repoRoot, '..', 'shared', 'fixtures', 'real', FIXTURE);

const columnRow = (page: Page, header: string) => page.locator(`[data-testid="import-column"][data-header="${header}"]`);

/** Picks a target in a column's searchable select by typing part of its label. */
async function mapColumn(page: Page, row: Locator, search: string, option: string | RegExp): Promise<void> {
  const input = row.getByTestId('import-target');
  await input.click();
  await input.fill(search);
  await page.getByRole('option', { name: option }).first().click();
}

const spec: Spec = {
  name: 'Import: an Outlook CSV through the wizard, its progress and report, then undone',
  async run({ page, browser, baseUrl, repoRoot, step, shot, state }) {
    const file = fixturePath(repoRoot);
    if (!fs.existsSync(file)) throw new Error(`fixture missing: ${file}`);

    await step('the contacts list offers Import beside Export; it opens the wizard with contacts chosen', async () => {
      await loginAs(page, baseUrl, ADMIN.email, ADMIN.password);
      // the texts checked below are English; an earlier spec may have left the administrator in another language
      await switchLanguage(page, 'en');
      await expectText(page.getByTestId('nav-contacts'), 'Contacts');
      await page.goto(`${baseUrl}/contacts`);
      await page.getByTestId('import-open').click();
      await expectUrl(page, /\/imports\/new\?module=contacts/);
      await expectVisible(page.getByTestId('import-upload'));
      const module = await page.getByTestId('import-module').inputValue();
      if (module !== 'Contacts') throw new Error(`the module is "${module}", not Contacts`);
      await page.getByTestId('import-file').setInputFiles(file);
      await expectText(page.getByTestId('import-drop'), FIXTURE);
      await shot('import-upload', { wide: true });
    });

    await step('upload: the Outlook layout, Windows-1252 and the comma are detected; the columns are mapped', async () => {
      await page.getByTestId('import-upload-start').click();
      await expectUrl(page, /\/imports\/\d+$/, 20_000);
      state.importUrl = page.url();
      await expectVisible(page.getByTestId('import-map'));
      await expectText(page.getByTestId('import-detected'), /Outlook export, Windows-1252, comma/);
      await expectVisible(columnRow(page, 'Job Title'));
      await shot('import-map', { wide: true });
    });

    await step('adjust the mapping: Job Title to nothing and back, Categories to tags; the draft is saved', async () => {
      const jobTitle = columnRow(page, 'Job Title');
      const suggested = await jobTitle.getByTestId('import-target').inputValue();
      if (!suggested || suggested === "Don't import") throw new Error(`Job Title was not mapped (${suggested})`);
      const before = (await page.getByTestId('import-mapped-count').textContent()) ?? '';
      const [, mapped = '0', total = '0'] = /(\d+) of (\d+)/.exec(before) ?? [];
      await mapColumn(page, jobTitle, "Don't", "Don't import");
      await expectText(page.getByTestId('import-mapped-count'), `${Number(mapped) - 1} of ${total}`);
      await shot('import-map-job-title-off');
      await mapColumn(page, jobTitle, suggested.slice(0, 6), suggested);
      await expectText(page.getByTestId('import-mapped-count'), before);
      await mapColumn(page, columnRow(page, 'Categories'), 'Tags', /^Tags$/);
      const tags = await columnRow(page, 'Categories').getByTestId('import-target').inputValue();
      if (tags !== 'Tags') throw new Error(`Categories maps to "${tags}"`);
      await expectText(page.getByText('Draft saved'), 'Draft saved');
    });

    await step('preview: the first rows as stored, Voß decoded from Windows-1252, each with its outcome', async () => {
      await page.getByTestId('import-to-preview').click();
      await expectUrl(page, /step=preview/);
      await expectVisible(page.getByTestId('import-preview-table'), 20_000);
      await expectText(page.getByTestId('import-preview-table'), 'Voß');
      const outcomes = await page.getByTestId('import-outcome').count();
      if (outcomes < 12) throw new Error(`the preview shows ${outcomes} rows, not 12`);
      await shot('import-preview', { wide: true });
    });

    await step('run: the import starts, the progress bar shows, and it finishes', async () => {
      await page.getByTestId('import-start').click();
      // 12 rows may finish before the first poll: the bar or the report, whichever comes first
      await page.locator('[data-testid="import-progress"], [data-testid="import-report"]').first().waitFor({ state: 'visible', timeout: 20_000 });
      if (await page.getByTestId('import-progress').isVisible().catch(() => false)) {
        await expectVisible(page.getByTestId('import-run-counts'));
        await shot('import-running');
      } else console.log('    (the import finished before the progress bar was drawn)');
      await expectVisible(page.getByTestId('import-report'), 60_000);
    });

    await step('report: 12 contacts created, accounts from the company column; the report downloads', async () => {
      await expectVisible(page.getByTestId('import-done'));
      await expectText(page.getByTestId('import-count-created').getByTestId('import-count-value'), /^12$/);
      await expectText(page.getByTestId('import-count-accountsCreated').getByTestId('import-count-value'), /^8$/);
      await shot('import-report', { wide: true });
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('import-report-csv').click()]);
      const saved = await download.path();
      const csv = saved ? fs.readFileSync(saved, 'utf8') : '';
      if (!/Line/.test(csv.split(/\r?\n/)[0] ?? '')) throw new Error(`the report CSV has no header: ${csv.slice(0, 200)}`);
      if (!/\.csv$/.test(download.suggestedFilename())) throw new Error(`the report is named ${download.suggestedFilename()}`);
    });

    await step('the imported contacts are in the contacts list', async () => {
      await page.getByTestId('import-open-records').click();
      await expectUrl(page, /\/contacts/);
      await page.goto(`${baseUrl}/contacts?q=Whitcombe`);
      await expectText(page.getByTestId('contacts-table'), 'Whitcombe');
      await shot('import-contacts-list');
    });

    await step('undo from the import history: the dialog names 12 contacts, then the import is undone', async () => {
      await page.goto(`${baseUrl}/contacts`);
      await page.getByTestId('user-menu').click();
      await page.getByTestId('menu-imports').click();
      await expectUrl(page, /\/imports$/);
      await expectText(page.getByTestId('import-row-file').first(), FIXTURE);
      await shot('import-history', { wide: true });
      await page.goto(state.importUrl ?? '');
      await page.getByTestId('import-undo').click();
      await expectText(page.getByTestId('import-undo-text'), '12 contacts');
      await shot('import-undo-dialog');
      await page.getByTestId('import-undo-confirm').click();
      await expectVisible(page.getByTestId('import-undone'), 60_000);
      await shot('import-undone');
    });

    await step('after the undo the contacts are gone', async () => {
      const admin = await apiAs(browser, baseUrl, ADMIN.email, ADMIN.password);
      try {
        for (const q of ['Whitcombe', 'Voß', 'Muñoz']) {
          const found = await admin.get<{ data: unknown[] }>(`/contacts?q=${encodeURIComponent(q)}&limit=5`);
          if (found.data.length) throw new Error(`${q} is still there after the undo`);
        }
      } finally {
        await admin.close();
      }
      await page.goto(`${baseUrl}/contacts?q=Whitcombe`);
      await expectVisible(page.getByTestId('empty-state'));
      await page.goto(`${baseUrl}/imports`);
      await expectText(page.getByTestId('import-row-status').first(), 'Undone');
      await shot('import-history-undone');
    });
  },
};

export default spec;
