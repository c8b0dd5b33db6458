import type { Page } from 'playwright-core';
import type { Spec } from '../lib/runner.ts';
import { ADMIN } from '../lib/server.ts';
import { apiAs } from '../lib/api.ts';
import { drag, expectHidden, expectText, expectUrl, expectVisible, loginAs, pick, saveShortcut, switchLanguage } from '../lib/ui.ts';

// Issue #9 in the browser: a pipeline set up in Settings, deals added from an account's page, moved on the board with
// the mouse and the keyboard, won, and the account becoming a customer. Its own records, so it runs alone (E2E_ONLY=11).
const PIPELINE = 'Enterprise & Public Sector Framework Agreements';
const ACCOUNT = 'Hanseatische Präzisionswerkzeuge & Maschinenbau GmbH';
const OTHER_ACCOUNT = 'Großhandel Nordwest Industriebedarf KG';
const DEAL_WON = 'Werkzeugmaschinen-Rahmenvertrag 2027';
const DEAL_KEYS = 'Wartungsvertrag für alle Standorte in Norddeutschland';
const EMPTY_PIPELINE = 'Partner channel';
const LONG = 'Modernisierung der kompletten Fertigungslinie einschließlich Schulung, Wartung und Ersatzteilversorgung für fünf Jahre';

/** The card of the deal with exactly this name. */
const card = (page: Page, name: string) => page.getByTestId('deal-card').filter({ has: page.getByTestId('card-name').getByText(name, { exact: true }) });
const column = (page: Page, i: number) => page.getByTestId(`board-column-${i}`);

const spec: Spec = {
  name: 'Deals: pipeline, board, winning, the customer',
  async run({ page, browser, baseUrl, step, shot, state }) {
    await step('setup through the API: two accounts', async () => {
      const admin = await apiAs(browser, baseUrl, ADMIN.email, ADMIN.password);
      try {
        state.dealAccountId = (await admin.post<{ id: string }>('/accounts', { name: ACCOUNT })).id;
        state.otherAccountId = (await admin.post<{ id: string }>('/accounts', { name: OTHER_ACCOUNT })).id;
        await admin.post('/pipelines', { name: EMPTY_PIPELINE, stages: [{ name: 'Lead', probability: 10 }, { name: 'Onboarding', probability: 50 }, { name: 'First order', probability: 90 }] });
      } finally {
        await admin.close();
      }
      await loginAs(page, baseUrl, ADMIN.email, ADMIN.password);
    });

    await step('create a pipeline in Settings › Pipelines: rename, remove, add and reorder stages', async () => {
      await page.getByTestId('nav-settings').click();
      await page.getByTestId('settings-nav-pipelines').click();
      await expectText(page.getByTestId('pipeline-row').first(), 'Sales pipeline');
      await page.getByTestId('new-pipeline').click();
      await expectVisible(page.getByTestId('pipeline-form'));
      await page.getByTestId('pipeline-name-input').fill(PIPELINE);
      await page.getByTestId('stage-name-0').fill('Discovery');
      await page.getByTestId('stage-remove-2').click(); // "Demo scheduled"
      await page.getByTestId('stage-add').click();
      await page.getByTestId('stage-name-4').fill('Needs analysis');
      await page.getByTestId('stage-probability-4').fill('15');
      for (const i of [4, 3, 2]) await page.getByTestId(`stage-up-${i}`).click();
      await shot('pipeline-form');
      await page.getByTestId('pipeline-save').click();
      await expectHidden(page.getByTestId('pipeline-form'));
      const row = page.getByTestId('pipeline-row').filter({ hasText: PIPELINE });
      const stages = await row.getByTestId('pipeline-stage').allTextContents();
      const names = stages.map((s) => s.replace(/\s*\d+ %$/, ''));
      if (names.join('|') !== 'Discovery|Needs analysis|Contact made|Proposal made|Negotiations started') throw new Error(`stages in order: ${names.join(', ')}`);
      await row.getByTestId('pipeline-make-default').click();
      await expectVisible(row.getByTestId('pipeline-default'));
      await expectHidden(page.getByTestId('pipeline-row').filter({ hasText: 'Sales pipeline' }).getByTestId('pipeline-default'));
      await shot('settings-pipelines');
    });

    await step('deals appear wherever modules are listed (rights, sharing defaults, custom fields, recycle bin)', async () => {
      await page.getByTestId('settings-nav-profiles').click();
      await page.getByTestId('profile-tab-salesperson').click();
      await expectVisible(page.getByTestId('right-deals-edit'));
      await page.getByTestId('settings-nav-sharing').click();
      await expectText(page.getByTestId('org-default-deals'), 'Deals');
      await page.getByTestId('settings-nav-customFields').click();
      await expectText(page.getByTestId('cf-tab-deals'), 'Deals');
      await page.getByTestId('nav-recycle-bin').click();
      await expectText(page.getByTestId('bin-tab-deals'), 'Deals');
    });

    await step('setup through the API: many open deals with long names in the new pipeline', async () => {
      const admin = await apiAs(browser, baseUrl, ADMIN.email, ADMIN.password);
      try {
        const pipelines = await admin.get<{ data: { id: string; name: string; stages: { id: string }[] }[] }>('/pipelines');
        const p = pipelines.data.find((x) => x.name === PIPELINE);
        if (!p) throw new Error('the new pipeline is not listed');
        state.pipelineId = p.id;
        const currencies = ['EUR', 'EUR', 'USD', 'CNY', 'RON'];
        for (let i = 0; i < 56; i++) {
          await admin.post('/deals', {
            name: i % 4 === 0 ? `${LONG} (${i + 1})` : `Ersatzteile Los ${i + 1}`,
            amount: i % 7 === 0 ? null : 1000 * (i + 1),
            currency: currencies[i % currencies.length],
            stageId: i < 52 ? p.stages[0]?.id : p.stages[(i % 4) + 1]?.id,
            accountId: state.otherAccountId,
            expectedCloseDate: i % 3 === 0 ? '2025-03-31' : '2031-09-30',
          });
        }
      } finally {
        await admin.close();
      }
    });

    await step('add two deals on the account from its page ("New deal" is linked to the account)', async () => {
      await page.goto(`${baseUrl}/accounts/${state.dealAccountId}`);
      await expectText(page.getByTestId('record-name'), ACCOUNT);
      await expectVisible(page.getByTestId('related-deals-empty'));
      for (const [name, amount, currency, date] of [
        [DEAL_WON, '48000', 'EUR', '2031-06-30'],
        [DEAL_KEYS, '12500', 'USD', '2025-01-15'],
      ] as const) {
        await page.getByTestId('new-related-deal').click();
        await expectVisible(page.getByTestId('deal-form'));
        const linked = await page.getByTestId('field-account').inputValue();
        if (linked !== ACCOUNT) throw new Error(`the new deal is not linked to the account (account field: "${linked}")`);
        const pipeline = await page.getByTestId('field-pipeline').inputValue();
        if (pipeline !== PIPELINE) throw new Error(`a new deal starts in "${pipeline}", not in the default pipeline`);
        await page.getByTestId('field-name').fill(name);
        await page.getByTestId('field-amount').fill(amount);
        if (currency !== 'EUR') await pick(page, 'field-currency', new RegExp(`^${currency}`), currency);
        await page.getByTestId('field-expectedCloseDate').fill(date);
        if (name === DEAL_KEYS) await shot('deal-form-from-account');
        await saveShortcut(page);
        await expectHidden(page.getByTestId('deal-form'));
        await expectText(page.getByTestId('related-deals-table'), name);
      }
    });

    await step('the board: the new default pipeline, a column per stage, sums per currency, "load more"', async () => {
      await page.getByTestId('nav-deals').click();
      await expectUrl(page, /\/deals/);
      await expectVisible(page.getByTestId('deal-board'));
      const pipeline = await page.getByTestId('board-pipeline').inputValue();
      if (pipeline !== PIPELINE) throw new Error(`the board shows "${pipeline}"`);
      await expectText(column(page, 0).getByTestId('column-name'), 'Discovery');
      await expectText(column(page, 0).getByTestId('column-count'), '54');
      await expectText(column(page, 0).getByTestId('column-sums'), '$');
      await expectVisible(card(page, DEAL_WON));
      const shown = await column(page, 0).getByTestId('deal-card').count();
      if (shown !== 50) throw new Error(`the first column shows ${shown} cards before "load more"`);
      await expectVisible(column(page, 0).getByTestId('card-close-date').first());
      await shot('board-many-long-cards', { wide: true });
      await column(page, 0).getByTestId('column-load-more').click();
      await expectHidden(column(page, 0).getByTestId('column-load-more'));
      const all = await column(page, 0).getByTestId('deal-card').count();
      if (all !== 54) throw new Error(`the first column shows ${all} of 54 cards after "load more"`);
    });

    await step('drag a deal to another stage with the mouse', async () => {
      await column(page, 0).locator('.k-board-col-body').evaluate((el) => el.scrollTo(0, 0));
      await drag(page, card(page, DEAL_WON), () => column(page, 2));
      await expectVisible(column(page, 2).locator('[data-deal-card]').filter({ hasText: DEAL_WON }));
      await expectText(column(page, 0).getByTestId('column-count'), '53');
      await expectText(page.getByTestId('board-announcer'), `${DEAL_WON} moved to Contact made`);
      await page.reload();
      await expectVisible(column(page, 2).getByTestId('deal-card').filter({ hasText: DEAL_WON }));
    });

    await step('move a deal with the keyboard (Alt+→), the move is announced and the card keeps the focus', async () => {
      const c = card(page, DEAL_KEYS);
      await c.focus();
      await page.keyboard.press('Alt+ArrowRight');
      await expectVisible(column(page, 1).getByTestId('deal-card').filter({ hasText: DEAL_KEYS }));
      await expectText(page.getByTestId('board-announcer'), `${DEAL_KEYS} moved to Needs analysis, stage 2 of 5`);
      await page.keyboard.press('Alt+ArrowRight');
      await expectVisible(column(page, 2).getByTestId('deal-card').filter({ hasText: DEAL_KEYS }));
      const focused = await page.evaluate(() => document.activeElement?.textContent ?? '');
      if (!focused.includes(DEAL_KEYS)) throw new Error(`after the move the focus is on "${focused.slice(0, 80)}"`);
      await shot('board-keyboard-move');
    });

    await step('win a deal by dropping it on "Won"; lose another from its card menu with a reason', async () => {
      await drag(page, card(page, DEAL_WON), () => page.getByTestId('drop-won'));
      await expectHidden(card(page, DEAL_WON));
      await expectText(page.getByTestId('board-announcer'), `“${DEAL_WON}” won.`);
      const before = await column(page, 0).getByTestId('column-count').textContent();
      await card(page, 'Ersatzteile Los 51').getByTestId('card-menu').click();
      await page.getByTestId('card-lost').click();
      await expectVisible(page.getByTestId('lost-modal'));
      await page.getByTestId('lost-reason-competitor').click();
      const reason = await page.getByTestId('lost-reason').inputValue();
      if (reason !== 'Went with a competitor') throw new Error(`the reason chosen reads "${reason}"`);
      await shot('board-lost-reason');
      await page.getByTestId('lost-confirm').click();
      await expectHidden(page.getByTestId('lost-modal'));
      await expectHidden(card(page, 'Ersatzteile Los 51'));
      await expectText(column(page, 0).getByTestId('column-count'), String(Number(before) - 1));
    });

    await step('the account is now a customer: badge, won sum, open sum, deals open first', async () => {
      await page.goto(`${baseUrl}/accounts/${state.dealAccountId}`);
      await expectVisible(page.getByTestId('customer-badge'));
      await expectText(page.getByTestId('won-sum'), '€48,000');
      await expectText(page.getByTestId('open-sum'), '$12,500');
      const rows = await page.getByTestId('related-deals-table').getByTestId('row-name').allTextContents();
      if (rows[0] !== DEAL_KEYS || rows[1] !== DEAL_WON) throw new Error(`related deals in order: ${rows.join(', ')}`);
      await shot('account-customer-with-deals', { full: true });
      await page.goto(`${baseUrl}/accounts?customer=true&q=${encodeURIComponent('Hanseatische')}`);
      await expectText(page.getByTestId('accounts-table'), ACCOUNT);
      await expectVisible(page.getByTestId('accounts-table').getByTestId('customer-mark'));
      const customers = await page.getByTestId('accounts-table').getByTestId('row-name').allTextContents();
      if (customers.includes(OTHER_ACCOUNT)) throw new Error('an account without a won deal is listed as a customer');
    });

    await step('the deal page: pipeline bar moves the deal, Lost asks for a reason, Reopen', async () => {
      await page.goto(`${baseUrl}/accounts/${state.dealAccountId}`);
      await page.getByTestId('related-deals-table').getByText(DEAL_KEYS).click();
      await expectUrl(page, /\/deals\/\d+$/);
      await expectText(page.getByTestId('record-name'), DEAL_KEYS);
      await expectText(page.getByTestId('value-stageId'), 'Contact made');
      await expectText(page.getByTestId('value-expectedCloseDate'), 'overdue');
      await page.getByTestId('stage-step-3').click();
      await expectText(page.getByTestId('value-stageId'), 'Proposal made');
      await expectText(page.getByTestId('value-probability'), '60 %');
      await shot('deal-page', { wide: true, full: true });
      await page.getByTestId('deal-lost').click();
      await page.getByTestId('lost-reason').fill('No budget this year');
      await page.getByTestId('lost-confirm').click();
      await expectText(page.getByTestId('deal-status'), 'Lost');
      await expectText(page.getByTestId('deal-lost-reason'), 'No budget this year');
      await page.getByTestId('deal-reopen').click();
      await expectText(page.getByTestId('deal-status'), 'Open');
      const original = page.url();
      await page.getByTestId('record-more').click();
      await page.getByTestId('record-clone').click();
      await page.waitForURL((u) => /\/deals\/\d+$/.test(u.pathname) && u.href !== original);
      await expectText(page.getByTestId('record-name'), DEAL_KEYS);
      await expectText(page.getByTestId('deal-account-link'), ACCOUNT);
    });

    await step('the list view: filter by status', async () => {
      await page.getByTestId('back-link').click();
      await page.getByTestId('deals-view').getByText('List').click();
      await expectVisible(page.getByTestId('deals-table'));
      await pick(page, 'filter-status', 'Won');
      await page.getByTestId('list-search').fill('Werkzeugmaschinen');
      await expectText(page.getByTestId('deals-table'), DEAL_WON);
      const count = await page.getByTestId('deals-table').getByTestId('row-name').count();
      if (count !== 1) throw new Error(`${count} won deals listed`);
      await shot('deals-list-won');
      await page.getByTestId('clear-filters').click();
      await page.getByTestId('deals-view').getByText('Board').click();
      await expectVisible(page.getByTestId('deal-board'));
    });

    await step('a pipeline without deals shows its empty columns and says what to do', async () => {
      await pick(page, 'board-pipeline', EMPTY_PIPELINE);
      await expectVisible(page.getByTestId('board-empty-state'));
      await expectVisible(column(page, 0).getByTestId('column-empty'));
      await shot('board-empty-pipeline');
      await pick(page, 'board-pipeline', PIPELINE);
      await expectVisible(card(page, DEAL_KEYS));
    });

    await step('the board in German', async () => {
      await switchLanguage(page, 'de');
      await expectText(page.getByTestId('nav-deals'), 'Deals');
      await expectText(page.getByTestId('board-totals'), 'offene Deals');
      await shot('de-board', { wide: true });
      await switchLanguage(page, 'en');
      await expectText(page.getByTestId('board-totals'), 'open deals');
    });
  },
};
export default spec;
