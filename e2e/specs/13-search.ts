import type { Page } from 'playwright-core';
import type { Spec } from '../lib/runner.ts';
import { ADMIN } from '../lib/server.ts';
import { apiAs } from '../lib/api.ts';
import { expectHidden, expectText, expectUrl, expectVisible, loginAs, saveShortcut, switchLanguage } from '../lib/ui.ts';

// Issue #12 in the browser: the header search box with a fuzzy name picked by keyboard, the command palette (Ctrl+K
// and `/`) with its pages, actions and records, exclusion, "nothing found", a notice, and the palette in German and
// Chinese. Its own records, so it runs alone (E2E_ONLY=13).
const ACCOUNT = 'Acme Suchtechnik GmbH';
const JOHNSON = { firstName: 'Johnson', lastName: 'Miller', email: 'johnson.miller@acme-search.example', phone: '+49 30 1234567' };
const EMMA_PATEL = { firstName: 'Emmelina', lastName: 'Patelova' };
const EMMA_SCHULZ = { firstName: 'Emmelina', lastName: 'Schulzova' };
const CHINESE = { firstName: '小明', lastName: '王' };

/** The open dropdown's or palette's hit rows whose title is exactly `title`. */
const hitRow = (page: Page, scope: string, title: string) =>
  page.getByTestId(scope).getByTestId('search-hit').filter({ has: page.getByTestId('search-hit-title').getByText(title, { exact: true }) });

/** Waits until the rows in `scope` answer exactly `q` (not an earlier keystroke's query). */
async function waitForAnswer(page: Page, scope: string, q: string): Promise<void> {
  await page.getByTestId(scope).locator(`[data-searched="${q.replace(/"/g, '\\"')}"][data-stale="false"]`).waitFor({ state: 'attached' });
}

async function openPalette(page: Page): Promise<void> {
  await page.keyboard.press('Control+k');
  await expectVisible(page.getByTestId('command-palette'));
  await expectVisible(page.getByTestId('palette-input'));
}

/** The palette's input points at the highlighted row, which is the row with this text. */
async function expectActiveRow(page: Page, inputTestId: string, text: string): Promise<void> {
  const activeId = await page.getByTestId(inputTestId).getAttribute('aria-activedescendant');
  if (!activeId) throw new Error(`${inputTestId} has no aria-activedescendant`);
  const row = page.locator(`[id="${activeId}"]`);
  await expectText(row, text);
  const selected = await row.getAttribute('aria-selected');
  if (selected !== 'true') throw new Error(`the highlighted row is not aria-selected (${selected})`);
}

const spec: Spec = {
  name: 'Search: header box, command palette, query language',
  async run({ page, browser, baseUrl, step, shot, state }) {
    await step('setup through the API: an account and contacts to find', async () => {
      const admin = await apiAs(browser, baseUrl, ADMIN.email, ADMIN.password);
      try {
        const account = await admin.post<{ id: string }>('/accounts', { name: ACCOUNT, addresses: [{ label: 'work', city: 'Berlin', primary: true }] });
        const johnson = await admin.post<{ id: string }>('/contacts', {
          firstName: JOHNSON.firstName,
          lastName: JOHNSON.lastName,
          accountId: account.id,
          emails: [{ label: 'work', value: JOHNSON.email, primary: true }],
          phones: [{ label: 'work', value: JOHNSON.phone, primary: true }],
        });
        state.johnsonId = johnson.id;
        for (const c of [EMMA_PATEL, EMMA_SCHULZ, CHINESE]) await admin.post('/contacts', { ...c, accountId: account.id });
      } finally {
        await admin.close();
      }
      await loginAs(page, baseUrl, ADMIN.email, ADMIN.password);
    });

    await step('a fuzzy name in the header box, picked with the arrow key and Enter', async () => {
      const box = page.getByTestId('header-search');
      await expectVisible(box);
      const placeholder = (await box.getAttribute('placeholder')) ?? '';
      if (!placeholder.includes('/') || !placeholder.includes('K')) throw new Error(`the placeholder does not show the shortcuts: "${placeholder}"`);
      await box.click();
      await box.pressSequentially('Jonson~', { delay: 40 });
      await waitForAnswer(page, 'header-search-dropdown', 'Jonson~');
      const row = hitRow(page, 'header-search-dropdown', `${JOHNSON.firstName} ${JOHNSON.lastName}`);
      await expectVisible(row);
      await expectText(row.getByTestId('search-hit-details'), JOHNSON.email);
      await expectText(row.getByTestId('search-hit-details'), ACCOUNT);
      await expectText(page.getByTestId('header-search-dropdown').getByTestId('search-group-contact'), 'Contacts');
      if ((await box.getAttribute('aria-expanded')) !== 'true') throw new Error('the combobox does not say it is expanded');
      await page.keyboard.press('ArrowDown');
      await expectActiveRow(page, 'header-search', `${JOHNSON.firstName} ${JOHNSON.lastName}`);
      await shot('search-header-dropdown');
      await page.keyboard.press('Enter');
      await expectUrl(page, new RegExp(`/contacts/${state.johnsonId}$`));
      await expectText(page.getByTestId('record-name'), `${JOHNSON.firstName} ${JOHNSON.lastName}`);
      await expectHidden(page.getByTestId('header-search-dropdown'));
    });

    await step('Ctrl+K opens the palette with pages and actions; "New contact" opens the create form', async () => {
      await openPalette(page);
      for (const id of ['accounts', 'contacts', 'deals', 'leads', 'activities', 'recycle-bin', 'settings', 'new-contacts', 'new-accounts', 'new-deals', 'new-leads']) {
        await expectVisible(page.getByTestId(`search-command-${id}`));
      }
      await expectActiveRow(page, 'palette-input', 'Accounts');
      await shot('search-palette-empty');
      await page.getByTestId('palette-input').pressSequentially('new cont', { delay: 30 });
      await expectActiveRow(page, 'palette-input', 'New contact');
      await page.keyboard.press('Enter');
      await expectHidden(page.getByTestId('command-palette'));
      await expectUrl(page, /\/contacts$/);
      await expectVisible(page.getByTestId('contact-form'));
      await page.getByTestId('field-firstName').fill('Greta');
      await page.getByTestId('field-lastName').fill('Palette');
      await saveShortcut(page);
      await expectText(page.getByTestId('record-name'), 'Greta Palette');
    });

    await step('-term leaves records out; the arrows move across groups; Escape closes', async () => {
      await openPalette(page);
      await page.getByTestId('palette-input').pressSequentially('Emmelina -Patelova', { delay: 30 });
      await waitForAnswer(page, 'command-palette', 'Emmelina -Patelova');
      await expectVisible(hitRow(page, 'command-palette', 'Emmelina Schulzova'));
      if ((await hitRow(page, 'command-palette', 'Emmelina Patelova').count()) !== 0) throw new Error('"Emmelina -Patelova" still finds Emmelina Patelova');
      await expectVisible(page.getByTestId('command-palette').getByTestId('search-see-all'));
      await page.keyboard.press('ArrowDown');
      await expectActiveRow(page, 'palette-input', 'Show all contacts matching');
      await page.keyboard.press('ArrowUp');
      await expectActiveRow(page, 'palette-input', 'Emmelina Schulzova');
      await page.keyboard.press('Escape');
      await expectHidden(page.getByTestId('command-palette'));
    });

    await step('/ opens the palette outside text fields; "show all" opens the list filtered with the query', async () => {
      // Focus outside any text field (a click on the page could open a field's inline editor).
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      await page.keyboard.press('/');
      await expectVisible(page.getByTestId('command-palette'));
      const input = page.getByTestId('palette-input');
      if ((await input.inputValue()) !== '') throw new Error('the palette does not start empty');
      await input.pressSequentially('Emmelina', { delay: 30 });
      await waitForAnswer(page, 'command-palette', 'Emmelina');
      await expectVisible(hitRow(page, 'command-palette', 'Emmelina Patelova'));
      await shot('search-palette-results', { wide: true });
      await page.getByTestId('command-palette').getByTestId('search-see-all').click();
      await expectUrl(page, /\/contacts\?q=Emmelina$/);
      await expectHidden(page.getByTestId('command-palette'));
    });

    await step('nothing found says what was searched; a notice says how the query was read; the tips', async () => {
      await openPalette(page);
      const input = page.getByTestId('palette-input');
      await input.pressSequentially('Zyxwvut', { delay: 20 });
      await expectText(page.getByTestId('search-empty'), 'Zyxwvut');
      await shot('search-palette-no-results');
      await input.fill('"emmelina patelova');
      await waitForAnswer(page, 'command-palette', '"emmelina patelova');
      await expectVisible(page.getByTestId('search-notice-unbalanced_quote'));
      await expectVisible(hitRow(page, 'command-palette', 'Emmelina Patelova'));
      await shot('search-palette-notice');
      await page.getByTestId('search-tips-toggle').click();
      await expectText(page.getByTestId('search-tips'), 'Jonson~');
      await page.getByTestId('search-tips').getByText('Sm?th', { exact: true }).click();
      if ((await input.inputValue()) !== 'Sm?th') throw new Error('picking an example does not put it in the field');
      await shot('search-palette-tips');
      await page.keyboard.press('Escape');
      await expectHidden(page.getByTestId('command-palette'));
    });

    await step('the palette in German and Chinese', async () => {
      await switchLanguage(page, 'de');
      await expectText(page.getByTestId('nav-accounts'), 'Firmen');
      await openPalette(page);
      await expectText(page.getByTestId('command-palette'), 'Gehe zu');
      await shot('search-palette-empty-de');
      await page.getByTestId('palette-input').pressSequentially('Jonson~', { delay: 30 });
      await waitForAnswer(page, 'command-palette', 'Jonson~');
      await expectVisible(hitRow(page, 'command-palette', `${JOHNSON.firstName} ${JOHNSON.lastName}`));
      await expectText(page.getByTestId('command-palette').getByTestId('search-group-contact'), 'Kontakte');
      await shot('search-palette-results-de');
      await page.keyboard.press('Escape');
      await switchLanguage(page, 'zh-CN');
      await openPalette(page);
      await expectText(page.getByTestId('command-palette'), '转到');
      await page.getByTestId('palette-input').pressSequentially('小明', { delay: 30 });
      await waitForAnswer(page, 'command-palette', '小明');
      await expectVisible(hitRow(page, 'command-palette', '王小明')); // family name first, no space (issue #14)
      await shot('search-palette-results-zh');
      await page.keyboard.press('Escape');
      await switchLanguage(page, 'en');
      await expectText(page.getByTestId('nav-accounts'), 'Accounts');
    });
  },
};

export default spec;
