import type { Locator, Page } from 'playwright-core';
import type { Spec } from '../lib/runner.ts';
import { ADMIN } from '../lib/server.ts';
import { apiAs } from '../lib/api.ts';
import { expectHidden, expectText, expectUrl, expectVisible, loginAs, switchLanguage } from '../lib/ui.ts';

// Issue #14, keyboard first and tables that fit: the skip link, the A-Z index and the table's rows as one Tab stop each
// (arrows move, Enter opens, Space selects), `?` lists the shortcuts, cut names show their full text on hover and on
// focus, headers are never cut at 1280 px in German, columns resize by drag and by keyboard and keep their width.
// Runs alone (E2E_ONLY=19) or after the others: its own accounts, and it leaves English and no stored widths behind.
const LONG = 'Internationale Gesellschaft für Präzisionsmaschinenbau und Industrieautomatisierung mbH';
const C_NAMES = ['Cobalt Keyboard Systems GmbH', 'Copper Keyboard Works AG', 'Crimson Keyboard Analytics SRL'];
const OTHERS = ['Amber Keyboard Logistics Ltd', 'Birch Keyboard Consulting SA'];
const VIRTUAL_ROWS = 205;

const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return { tag: el?.tagName ?? '', testId: el?.dataset.testid ?? '', text: (el?.textContent ?? '').trim().slice(0, 80), index: el?.dataset.index ?? '', id: el?.id ?? '' };
  });

/** Presses Tab until the focus is where `where` says (at most `max` times); fails with what had the focus. */
async function tabUntil(page: Page, where: () => Promise<boolean>, what: string, max = 60): Promise<number> {
  for (let i = 1; i <= max; i += 1) {
    await page.keyboard.press('Tab');
    if (await where()) return i;
  }
  throw new Error(`Tab never reached ${what}; the focus is on ${JSON.stringify(await focused(page))}`);
}

/** Switches the language and waits until the user's choice is stored (a page load reads it from the server). */
async function chooseLanguage(page: Page, locale: string, navLabel: string): Promise<void> {
  const stored = page.waitForResponse((r) => r.url().endsWith('/api/v1/me') && r.request().method() === 'PATCH');
  await switchLanguage(page, locale);
  await stored;
  await expectText(page.getByTestId('nav-accounts'), navLabel);
}

const inside = (page: Page, selector: string) => () => page.evaluate((s) => Boolean(document.activeElement?.closest(s)), selector);
const headerWidth = (page: Page, table: string, column: string) =>
  page.locator(`[data-testid="${table}"] thead th[data-column="${column}"]`).evaluate((el) => Math.round(el.getBoundingClientRect().width));

/** Every visible header of the table shows its whole label (nothing cut, nothing spilling out of its cell). */
async function expectHeadersWhole(table: Locator, label: string): Promise<void> {
  const cut = await table.evaluate((el) =>
    [...el.querySelectorAll<HTMLElement>('thead th[data-column]')]
      .filter((th) => th.offsetParent !== null)
      .flatMap((th) => {
        const text = th.querySelector<HTMLElement>('.k-th-label');
        const bad = (text && text.scrollWidth > text.clientWidth + 1) || th.scrollWidth > th.clientWidth + 1;
        return bad ? [`${th.dataset.column}: "${text?.textContent ?? ''}" needs ${text?.scrollWidth}px, has ${text?.clientWidth}px`] : [];
      }),
  );
  if (cut.length) throw new Error(`${label}: cut headers: ${cut.join('; ')}`);
}

const spec: Spec = {
  name: 'Keyboard: skip link, A-Z and rows as one Tab stop, shortcuts, cut names, fitted and resizable columns',
  async run({ page, browser, baseUrl, step, shot, state }) {
    await step('setup through the API: accounts with C, a very long name, contacts', async () => {
      const admin = await apiAs(browser, baseUrl, ADMIN.email, ADMIN.password);
      try {
        for (const name of [...C_NAMES, ...OTHERS]) await admin.post('/accounts', { name, phone: '+49 30 1234567' });
        const long = await admin.post<{ id: string }>('/accounts', { name: LONG, industry: 'manufacturing' });
        state.longAccountId = long.id;
        for (const [first, last] of [['Dorothea', 'Keyboard-Schmidt'], ['Konstantin', 'Keyboard-Wagner']]) {
          await admin.post('/contacts', { firstName: first, lastName: last, accountId: long.id, position: 'Leiterin Einkauf und strategische Beschaffung' });
        }
        // enough rows for a virtualised list (more than 200 loaded)
        for (let i = 0; i < VIRTUAL_ROWS; i += 25) {
          await Promise.all(Array.from({ length: Math.min(25, VIRTUAL_ROWS - i) }, (_, j) => admin.post('/accounts', { name: `Vrow ${String(i + j + 1).padStart(3, '0')}` })));
        }
        // one row in each other list, so their tables show
        await admin.post('/deals', { name: 'Keyboard Wartungsvertrag 2026', amount: 48000, currency: 'EUR', accountId: long.id, expectedCloseDate: '2031-06-30' });
        await admin.post('/leads', { firstName: 'Waltraud', lastName: 'Keyboard', company: 'Keyboard Feinmechanik Süd', email: 'w.keyboard@example.com' });
        await admin.post('/activities', { type: 'task', subject: 'Keyboard-Angebot nachfassen', dueAt: '2031-06-01T09:00:00.000Z', accountId: long.id });
      } finally {
        await admin.close();
      }
      await loginAs(page, baseUrl, ADMIN.email, ADMIN.password);
      await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('kontor.columnWidths.')).forEach((k) => localStorage.removeItem(k)));
    });

    await step('the first Tab stop is the skip link; Enter moves the focus to the page', async () => {
      await page.goto(`${baseUrl}/accounts`);
      await expectVisible(page.getByTestId('accounts-table').getByTestId('table-row'));
      await page.keyboard.press('Tab');
      const first = await focused(page);
      if (first.testId !== 'skip-link') throw new Error(`the first Tab stop is ${JSON.stringify(first)}`);
      // it slides in when focused
      await page.waitForFunction(() => (document.querySelector('[data-testid="skip-link"]')?.getBoundingClientRect().top ?? -1) >= 0, undefined, { timeout: 2000 });
      await shot('keyboard-skip-link');
      await page.keyboard.press('Enter');
      const after = await focused(page);
      if (after.tag !== 'MAIN' || after.id !== 'main') throw new Error(`Enter on the skip link focused ${JSON.stringify(after)}`);
    });

    await step('the A-Z index is one Tab stop: arrows to C, Enter filters', async () => {
      await tabUntil(page, inside(page, '[data-testid="letter-index"]'), 'the A-Z index');
      const stops = await page.getByTestId('letter-index').locator('button[tabindex="0"]').count();
      if (stops !== 1) throw new Error(`the A-Z index has ${stops} Tab stops`);
      if ((await focused(page)).testId !== 'letter-all') throw new Error(`the A-Z index starts at ${JSON.stringify(await focused(page))}`);
      for (let i = 0; i < 3; i += 1) await page.keyboard.press('ArrowRight');
      if ((await focused(page)).testId !== 'letter-C') throw new Error(`three right arrows reached ${JSON.stringify(await focused(page))}`);
      await page.keyboard.press('Enter');
      await expectUrl(page, /letter=C/);
      await page.waitForFunction(() => {
        const names = [...document.querySelectorAll('[data-testid="accounts-table"] [data-testid="row-name"]')].map((e) => e.textContent ?? '');
        // Chinese names are filed by the pinyin of their first characters (成都 under C).
        return names.length > 0 && names.every((n) => /^c/i.test(n) || /^\p{Script=Han}/u.test(n));
      });
      if ((await page.getByTestId('letter-C').getAttribute('aria-pressed')) !== 'true') throw new Error('C is not marked as the chosen letter');
      await shot('keyboard-letter-c');
      // the chosen letter is the Tab stop now, and one Tab leaves the index
      await page.keyboard.press('Tab');
      if (await inside(page, '[data-testid="letter-index"]')()) throw new Error('a second Tab stop inside the A-Z index');
      await page.getByTestId('letter-C').focus();
      await page.keyboard.press('Home');
      await page.keyboard.press('Enter');
      await page.waitForURL((u) => !u.search.includes('letter='));
    });

    await step('the rows are one Tab stop: two arrows down, Space selects, Enter opens', async () => {
      await page.getByTestId('list-search').fill('Keyboard');
      await expectUrl(page, /q=Keyboard/);
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="accounts-table"] [data-testid="table-row"]').length >= 5);
      await page.getByTestId('letter-index').locator('button[tabindex="0"]').focus();
      await tabUntil(page, async () => (await focused(page)).testId === 'table-row', 'a table row');
      const start = await focused(page);
      if (start.index !== '0') throw new Error(`Tab entered the table at row ${start.index}, not the first`);
      const stops = await page.locator('[data-testid="accounts-table"] tbody tr[tabindex="0"]').count();
      if (stops !== 1) throw new Error(`the table body has ${stops} Tab stops`);
      const innerStops = await page.locator('[data-testid="accounts-table"] tbody tr :is(a, button, input)[tabindex="0"], [data-testid="accounts-table"] tbody tr a:not([tabindex])').count();
      if (innerStops !== 0) throw new Error(`${innerStops} links or controls inside rows are still Tab stops`);
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowDown');
      const third = await focused(page);
      if (third.index !== '2') throw new Error(`two arrows down reached ${JSON.stringify(third)}`);
      await page.keyboard.press('Space');
      await expectVisible(page.getByTestId('mass-action-bar'));
      await expectText(page.getByTestId('selected-count'), '1');
      const checked = await page.locator('[data-testid="accounts-table"] tr[data-index="2"] [data-testid="row-select"]').isChecked();
      if (!checked) throw new Error('Space did not tick the row’s checkbox');
      if ((await focused(page)).index !== '2') throw new Error('the focus left the row when it was selected');
      await shot('keyboard-row-selected');
      const name = (await page.locator('[data-testid="accounts-table"] tr[data-index="2"] [data-testid="row-name"]').textContent()) ?? '';
      await page.keyboard.press('Enter');
      await expectUrl(page, /\/accounts\/\d+/);
      await expectText(page.getByTestId('record-name'), name.trim());
    });

    await step('a virtualised list: End, Home and PageDown move the row and bring it into view', async () => {
      await page.goto(`${baseUrl}/accounts?q=Vrow&pageSize=200`);
      const table = page.getByTestId('accounts-table');
      await expectVisible(table.getByTestId('table-row'));
      await page.getByTestId('load-more').click();
      // virtualised: the table says how many rows it has, and renders only some
      await page.waitForFunction((n) => document.querySelector('[data-testid="accounts-table"]')?.getAttribute('aria-rowcount') === String(n + 1), VIRTUAL_ROWS);
      const rendered = await table.getByTestId('table-row').count();
      if (rendered >= VIRTUAL_ROWS) throw new Error(`all ${rendered} rows are rendered: the list is not virtualised`);
      await table.locator('tbody tr[tabindex="0"]').focus();
      const inView = async (index: string) => {
        const at = await focused(page);
        if (at.index !== index) throw new Error(`the focus is on row ${at.index}, not ${index}`);
        const ok = await page.getByTestId('accounts-table-scroll').evaluate((box) => {
          const row = document.activeElement?.getBoundingClientRect();
          const b = box.getBoundingClientRect();
          return row !== undefined && row.top >= b.top && row.bottom <= b.bottom + 1;
        });
        if (!ok) throw new Error(`row ${index} has the focus but is not in view`);
      };
      await page.keyboard.press('End');
      await inView(String(VIRTUAL_ROWS - 1));
      await expectText(page.locator('[data-testid="accounts-table"] tr:focus [data-testid="row-name"]'), `Vrow ${VIRTUAL_ROWS}`);
      await shot('keyboard-virtual-end');
      await page.keyboard.press('Home');
      await inView('0');
      await page.keyboard.press('PageDown');
      const paged = Number((await focused(page)).index);
      if (!(paged >= 5)) throw new Error(`PageDown moved to row ${paged}`);
      await inView(String(paged));
      await page.keyboard.press('ArrowUp');
      await inView(String(paged - 1));
    });

    await step('? lists the shortcuts (not while typing)', async () => {
      await page.goto(`${baseUrl}/accounts`);
      await expectVisible(page.getByTestId('accounts-table').getByTestId('table-row'));
      await page.getByTestId('list-search').click();
      await page.keyboard.type('?');
      await page.waitForTimeout(200);
      if (await page.getByTestId('shortcuts-dialog').isVisible()) throw new Error('? in a text field opened the shortcuts');
      await page.getByTestId('list-search').fill('');
      await page.locator('body').click({ position: { x: 700, y: 12 } });
      await page.keyboard.press('?');
      await expectVisible(page.getByTestId('shortcuts-dialog'));
      for (const id of ['search', 'palette', 'help', 'rowMove', 'rowOpen', 'rowSelect', 'letterMove', 'save', 'cardMove', 'columnResize']) {
        await expectVisible(page.getByTestId(`shortcut-${id}`));
      }
      await expectText(page.getByTestId('shortcut-rowSelect'), /Space/);
      await shot('keyboard-shortcuts-en');
      await page.keyboard.press('Escape');
      await expectHidden(page.getByTestId('shortcuts-dialog'));
    });

    await step('a long name is cut, with its full text on hover and on keyboard focus', async () => {
      await page.getByTestId('list-search').fill('Internationale');
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="accounts-table"] [data-testid="table-row"]').length === 1);
      const cell = page.getByTestId('accounts-table').getByTestId('row-name').first();
      const cut = await cell.evaluate((el) => el.scrollWidth > el.clientWidth + 1);
      if (!cut) throw new Error('the long name is not cut: the test needs a name wider than its column');
      await cell.hover();
      if ((await cell.getAttribute('title')) !== LONG) throw new Error(`hover: the cut name's title is "${await cell.getAttribute('title')}"`);
      await page.getByTestId('letter-index').locator('button[tabindex="0"]').focus();
      await tabUntil(page, async () => (await focused(page)).testId === 'table-row', 'the row');
      await expectText(page.getByTestId('cell-reveal'), LONG);
      await shot('keyboard-long-name-focus');
      await page.keyboard.press('Shift+Tab');
      await expectHidden(page.getByTestId('cell-reveal'));
    });

    await step('resize a column by drag and by keyboard; the widths stay after a reload and a new visit', async () => {
      await page.getByTestId('list-search').fill('');
      await page.goto(`${baseUrl}/accounts`);
      await expectVisible(page.getByTestId('accounts-table').getByTestId('table-row'));
      const name0 = await headerWidth(page, 'accounts-table', 'name');
      const handle = page.locator('[data-testid="accounts-table"] thead th[data-column="name"] [data-testid="column-resize"]');
      const box = await handle.boundingBox();
      if (!box) throw new Error('no resize handle on the name column');
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await page.mouse.down();
      await page.mouse.move(box.x + box.width / 2 + 40, box.y + box.height / 2, { steps: 4 });
      await page.mouse.move(box.x + box.width / 2 + 80, box.y + box.height / 2, { steps: 4 });
      await page.mouse.up();
      await expectUrl(page, /widths=/);
      const name1 = await headerWidth(page, 'accounts-table', 'name');
      if (Math.abs(name1 - (name0 + 80)) > 2) throw new Error(`dragging 80 px made the name column ${name1} px (was ${name0})`);
      const phone0 = await headerWidth(page, 'accounts-table', 'phone');
      await page.locator('[data-testid="accounts-table"] thead th[data-column="phone"] [data-testid="column-resize"]').focus();
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowRight');
      await page.waitForFunction((w) => {
        const th = document.querySelector('[data-testid="accounts-table"] thead th[data-column="phone"]');
        return th !== null && Math.round(th.getBoundingClientRect().width) === w + 32;
      }, phone0);
      await shot('keyboard-resized');
      await page.reload();
      await expectVisible(page.getByTestId('accounts-table').getByTestId('table-row'));
      if ((await headerWidth(page, 'accounts-table', 'name')) !== name1) throw new Error('the dragged width was lost on reload');
      if ((await headerWidth(page, 'accounts-table', 'phone')) !== phone0 + 32) throw new Error('the keyboard width was lost on reload');
      await page.getByTestId('nav-contacts').click();
      await page.getByTestId('nav-accounts').click();
      await expectVisible(page.getByTestId('accounts-table').getByTestId('table-row'));
      if (/widths=/.test(page.url())) throw new Error('the menu link should open the list without widths in the URL');
      if ((await headerWidth(page, 'accounts-table', 'name')) !== name1) throw new Error('the remembered width was lost on a new visit');
      await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('kontor.columnWidths.')).forEach((k) => localStorage.removeItem(k)));
    });

    await step('at 1280 and 900 px, in English and German: headers whole, overflow shown by a shadow', async () => {
      for (const lang of ['en', 'de'] as const) {
        if (lang === 'de') await chooseLanguage(page, 'de', 'Firmen');
        for (const width of [1280, 900]) {
          await page.setViewportSize({ width, height: 800 });
          for (const list of ['accounts', 'contacts'] as const) {
            await page.goto(`${baseUrl}/${list}`);
            const table = page.getByTestId(`${list}-table`);
            await expectVisible(table.getByTestId('table-row'));
            await page.waitForTimeout(150);
            if (width === 1280) await expectHeadersWhole(table, `${list} in ${lang} at ${width} px`);
            const { overflow, shadow } = await page.getByTestId(`${list}-table-scroll`).evaluate((el) => ({
              overflow: el.scrollWidth > el.clientWidth + 1,
              shadow: el.parentElement?.hasAttribute('data-shadow-right') ?? false,
            }));
            if (overflow !== shadow) throw new Error(`${list} in ${lang} at ${width} px: overflow ${overflow} but right shadow ${shadow}`);
            if (width === 1280 && overflow) throw new Error(`${list} in ${lang} at 1280 px does not fit its card`);
            await shot(`keyboard-${list}-${lang}-${width}`);
          }
        }
        await page.setViewportSize({ width: 1280, height: 800 });
      }
      // the other lists: whole headers in German too, and an overflow (if any) shows its shadow
      for (const list of ['deals', 'leads', 'activities'] as const) {
        await page.goto(`${baseUrl}/${list}${list === 'deals' ? '?view=list' : list === 'activities' ? '/list' : ''}`);
        const table = page.getByTestId(`${list}-table`);
        await expectVisible(table.getByTestId('table-row'));
        await page.waitForTimeout(150);
        await expectHeadersWhole(table, `${list} in de at 1280 px`);
        const { overflow, shadow } = await page.getByTestId(`${list}-table-scroll`).evaluate((el) => ({
          overflow: el.scrollWidth > el.clientWidth + 1,
          shadow: el.parentElement?.hasAttribute('data-shadow-right') ?? false,
        }));
        if (overflow !== shadow) throw new Error(`${list} in de: overflow ${overflow} but right shadow ${shadow}`);
        await shot(`keyboard-${list}-de-1280`);
      }
      await page.goto(`${baseUrl}/accounts/${state.longAccountId}`);
      await expectVisible(page.getByTestId('related-contacts-table').getByTestId('table-row'));
      await expectHeadersWhole(page.getByTestId('related-contacts-table'), 'related contacts in de at 1280 px');
      await shot('keyboard-related-de-1280', { full: true });
      await page.keyboard.press('?');
      await expectText(page.getByTestId('shortcut-rowSelect'), /Leertaste/);
      await shot('keyboard-shortcuts-de');
      await page.keyboard.press('Escape');
      await chooseLanguage(page, 'en', 'Accounts');
    });
  },
};

export default spec;
