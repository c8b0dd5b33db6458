import type { Page } from 'playwright-core';
import type { Spec } from '../lib/runner.ts';
import { ADMIN } from '../lib/server.ts';
import { apiAs, type ApiClient } from '../lib/api.ts';
import { expectHidden, expectText, expectVisible, login, loginAs, switchLanguage } from '../lib/ui.ts';

// Issue #14, inline editing: fields of account, contact, lead and deal pages edited in place, checked before they are
// sent, refused values explained beside the field, and version conflicts that say who changed what. Its own people and
// records, so it runs alone (E2E_ONLY=17).
const COLLEAGUE = { name: 'Sabine Krüger', email: 'sabine.krueger@example.com', password: 'colleague-password-42' };
const VIEWER = { name: 'Victor Viewer', email: 'victor.viewer@example.com', password: 'viewer-password-4242' };
const ACCOUNT = 'Weserstahl Anlagenbau GmbH & Co. KG';
const DEAL = 'Hallenkran-Modernisierung Werk Nord';
const PARENT = 'Weserstahl Holding AG';

/** A field wherever the page shows it: in Info (`value-…`) or on the sidebar's business card (`card-…`). */
const box = (page: Page, key: string) => page.locator(`[data-testid="value-${key}"], [data-testid="card-${key}"]`);
/** A field's "Edit <label>" button. */
const editButton = (page: Page, key: string) => page.locator(`[data-testid="value-${key}-edit"], [data-testid="card-${key}-edit"]`);
/** Opens a field's editor by clicking its value, as a user does. */
async function openByClick(page: Page, key: string, text: string): Promise<void> {
  await box(page, key).getByText(text, { exact: true }).click();
  await expectVisible(page.getByTestId(`inline-editor-${key}`));
}
const activeTestId = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.tagName ?? null);
async function expectFocus(page: Page, testId: string): Promise<void> {
  const deadline = Date.now() + 3000;
  let now = await activeTestId(page);
  while (now !== testId && Date.now() < deadline) {
    await page.waitForTimeout(50);
    now = await activeTestId(page);
  }
  if (now !== testId) throw new Error(`expected the focus on ${testId}, it is on ${now}`);
}
/** The inline error linked to a field's input (aria-describedby), after checking the input says it is invalid. */
async function linkedError(page: Page, key: string): Promise<string> {
  const input = page.getByTestId(`inline-input-${key}`);
  await page.waitForFunction((id) => document.querySelector(`[data-testid="${id}"]`)?.getAttribute('aria-invalid') === 'true', `inline-input-${key}`);
  const ids = (await input.getAttribute('aria-describedby')) ?? '';
  const texts = await Promise.all(ids.split(/\s+/).filter(Boolean).map((id) => page.locator(`[id="${id}"]`).textContent()));
  const text = texts.join(' ').trim();
  if (!text) throw new Error(`the ${key} editor has no error linked by aria-describedby`);
  return text;
}
/** Changes a record as the colleague, over the version the server has: the page still shows the older one. */
async function changeAsColleague(api: ApiClient, path: string, patch: Record<string, unknown>): Promise<void> {
  const current = await api.get<{ version: number }>(path);
  await api.patch(path, { ...patch, version: current.version });
}

const spec: Spec = {
  name: 'Inline editing on record pages',
  async run({ page, browser, baseUrl, step, shot, state }) {
    const session: { colleague: ApiClient | null } = { colleague: null };
    const patches: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'PATCH') patches.push(r.url());
    });

    await step('setup through the API: a colleague, a viewer, an account, a contact, a lead and a deal', async () => {
      const admin = await apiAs(browser, baseUrl, ADMIN.email, ADMIN.password);
      try {
        await admin.post('/users', { ...COLLEAGUE, role: 'admin', locale: 'en' });
        const viewer = await admin.post<{ id: string }>('/users', { ...VIEWER, role: 'readonly', locale: 'en' });
        await admin.post('/custom-fields', { module: 'accounts', key: 'segment', label: 'Segment', type: 'picklist', options: ['Mittelstand', 'Konzern'] });
        await admin.post('/accounts', { name: PARENT });
        state.inlineAccount = (await admin.post<{ id: string }>('/accounts', { name: ACCOUNT, employees: 120, industry: 'machinery', accountSite: 'Bremen' })).id;
        // the viewer sees it whatever the organisation's default is by now (an earlier spec may make accounts private)
        await admin.post(`/accounts/${state.inlineAccount}/shares`, { userId: viewer.id, access: 'read' });
        state.inlineContact = (await admin.post<{ id: string }>('/contacts', { firstName: 'Jonas', position: 'Einkauf' })).id;
        state.inlineLead = (await admin.post<{ id: string }>('/leads', { firstName: 'Mia', lastName: 'Schmidt', company: 'Weserland Logistik', position: 'Disponentin' })).id;
        state.inlineDeal = (await admin.post<{ id: string }>('/deals', { name: DEAL, amount: 25000, currency: 'EUR', accountId: state.inlineAccount })).id;
      } finally {
        await admin.close();
      }
      session.colleague = await apiAs(browser, baseUrl, COLLEAGUE.email, COLLEAGUE.password);
      await loginAs(page, baseUrl, ADMIN.email, ADMIN.password);
    });
    const as = (): ApiClient => {
      if (!session.colleague) throw new Error('no colleague session');
      return session.colleague;
    };

    try {
      await step('account: click a value, type, Enter saves in place (and a reload shows it)', async () => {
        await page.goto(`${baseUrl}/accounts/${state.inlineAccount}`);
        await expectText(page.getByTestId('record-name'), ACCOUNT);
        await expectVisible(page.getByRole('button', { name: 'Edit Employees' }));
        await openByClick(page, 'employees', '120');
        await page.getByTestId('inline-input-employees').fill('250');
        await shot('account-inline-editor');
        await page.keyboard.press('Enter');
        await expectHidden(page.getByTestId('inline-editor-employees'));
        await expectText(box(page, 'employees'), '250');
        await expectFocus(page, 'value-employees-edit');
        await page.reload();
        await expectText(box(page, 'employees'), '250');
      });

      await step('keyboard: Tab moves between fields, Enter opens, Escape cancels and gives the focus back', async () => {
        // the next field's button is the next stop (no value between has a link)
        const triggers = await page.getByTestId('section-info').locator('button[data-testid$="-edit"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
        const next = triggers[triggers.indexOf('value-name-edit') + 1];
        if (!next) throw new Error(`no field after the name to tab to: ${triggers.join(', ')}`);
        await editButton(page, 'name').focus();
        await page.keyboard.press('Tab');
        await expectFocus(page, next);
        await box(page, 'fax').hover();
        await shot('account-inline-focus-hover');
        await editButton(page, 'accountSite').focus();
        await page.keyboard.press('Enter');
        await expectVisible(page.getByRole('textbox', { name: 'Account site' }));
        await expectFocus(page, 'inline-input-accountSite');
        await page.keyboard.press('ControlOrMeta+A');
        await page.keyboard.type('Werk Süd');
        await page.keyboard.press('Escape');
        await expectHidden(page.getByTestId('inline-editor-accountSite'));
        await expectText(box(page, 'accountSite'), 'Bremen');
        await expectFocus(page, 'value-accountSite-edit');
        // a picklist: Enter opens it with its options, choosing one saves
        await editButton(page, 'rating').focus();
        await page.keyboard.press('Enter');
        await page.getByRole('option', { name: 'Active' }).click();
        await expectHidden(page.getByTestId('inline-editor-rating'));
        await expectText(box(page, 'rating'), 'Active');
      });

      await step('an address, the parent account (a search) and a custom field, in place', async () => {
        await editButton(page, 'billingAddress').click();
        await page.getByTestId('inline-input-billingAddress-street').fill('Hafenstraße 12');
        await page.getByTestId('inline-input-billingAddress-postalCode').fill('28217');
        await page.getByTestId('inline-input-billingAddress-city').fill('Bremen');
        await page.getByTestId('inline-input-billingAddress-country').fill('Deutschland');
        await shot('account-inline-address');
        await page.getByTestId('inline-input-billingAddress-city').press('Enter');
        await expectText(box(page, 'billingAddress'), 'Hafenstraße 12, 28217 Bremen, Deutschland');
        await editButton(page, 'parentAccountId').click();
        await page.getByTestId('inline-input-parentAccountId').fill('Holding');
        await page.getByRole('option', { name: PARENT }).click();
        await expectText(box(page, 'parentAccountId'), PARENT);
        await page.getByTestId('value-cf-segment-edit').click();
        await page.getByRole('option', { name: 'Konzern' }).click();
        await expectText(page.getByTestId('value-cf-segment'), 'Konzern');
        await page.reload();
        await expectText(box(page, 'billingAddress'), 'Hafenstraße 12');
        await expectText(box(page, 'parentAccountId'), PARENT);
        await expectText(page.getByTestId('value-cf-segment'), 'Konzern');
      });

      await step('an invalid value shows its message under the editor and saves nothing', async () => {
        const before = patches.length;
        await openByClick(page, 'employees', '250');
        await page.getByTestId('inline-input-employees').fill('abc');
        await page.keyboard.press('Enter');
        const message = await linkedError(page, 'employees');
        if (!/whole number/i.test(message)) throw new Error(`employees "abc" says "${message}"`);
        await expectVisible(page.getByTestId('inline-editor-employees'));
        await shot('account-inline-invalid');
        await page.keyboard.press('Escape');
        await editButton(page, 'annualRevenue').click();
        await page.getByTestId('inline-input-annualRevenue').fill('-5');
        await page.keyboard.press('Enter');
        const revenue = await linkedError(page, 'annualRevenue');
        if (!/negative/i.test(revenue)) throw new Error(`revenue "-5" says "${revenue}"`);
        await page.getByTestId('inline-cancel').click();
        await expectHidden(page.getByTestId('inline-editor-annualRevenue'));
        if (patches.length !== before) throw new Error(`invalid values were sent: ${patches.slice(before).join(', ')}`);
        await page.reload();
        await expectText(box(page, 'employees'), '250');
      });

      await step('account: a conflict names who changed which fields; Reload shows them and keeps what I typed', async () => {
        await changeAsColleague(as(), `/accounts/${state.inlineAccount}`, { industry: 'software', employees: 999 });
        await openByClick(page, 'accountSite', 'Bremen');
        await page.getByTestId('inline-input-accountSite').fill('Werk Nord');
        await page.keyboard.press('Enter');
        const alert = page.getByTestId('inline-editor-accountSite').getByTestId('inline-conflict');
        await expectVisible(alert);
        await expectText(alert, /Sabine Krüger changed Industry and Employees at /);
        await shot('account-inline-conflict');
        await alert.getByTestId('inline-conflict-reload').click();
        await expectHidden(page.getByTestId('inline-conflict'));
        await expectText(box(page, 'employees'), '999');
        await expectText(box(page, 'industry'), 'Software');
        if ((await page.getByTestId('inline-input-accountSite').inputValue()) !== 'Werk Nord') throw new Error('Reload lost what was typed');
        await page.getByTestId('inline-input-accountSite').press('Enter');
        await expectHidden(page.getByTestId('inline-editor-accountSite'));
        await page.reload();
        await expectText(box(page, 'accountSite'), 'Werk Nord');
        await expectText(box(page, 'employees'), '999');
      });

      await step('the sidebar (tags) meets a conflict the same way: Keep mine and save', async () => {
        await changeAsColleague(as(), `/accounts/${state.inlineAccount}`, { ownership: 'private' });
        await page.getByTestId('inline-tag-add').click();
        await page.getByTestId('inline-tag-input').fill('Messe 2026');
        await page.keyboard.press('Enter');
        const alert = page.getByTestId('inline-conflict');
        await expectText(alert, /Sabine Krüger changed Ownership at /);
        await alert.getByTestId('inline-conflict-keep').click();
        await expectHidden(alert);
        await expectText(page.getByTestId('inline-tags'), 'Messe 2026');
        await expectText(box(page, 'ownership'), 'Private');
      });

      await step('contact: a refused value keeps the editor open with the server message; Keep mine and save', async () => {
        await page.goto(`${baseUrl}/contacts/${state.inlineContact}`);
        await expectText(page.getByTestId('record-name'), 'Jonas');
        const sent = patches.length;
        await openByClick(page, 'firstName', 'Jonas');
        await page.getByTestId('inline-input-firstName').fill('');
        await page.keyboard.press('Enter');
        const message = await linkedError(page, 'firstName');
        if (!/first or a last name/i.test(message)) throw new Error(`emptying the only name says "${message}"`);
        if (patches.length !== sent + 1) throw new Error('the server was not asked');
        if ((await page.getByTestId('inline-input-firstName').inputValue()) !== '') throw new Error('the editor lost the input');
        await page.keyboard.press('Escape');
        await expectText(box(page, 'firstName'), 'Jonas');

        await changeAsColleague(as(), `/contacts/${state.inlineContact}`, { department: 'Logistik', salutation: 'mr' });
        await openByClick(page, 'position', 'Einkauf');
        await page.getByTestId('inline-input-position').fill('Leitung Einkauf');
        await page.keyboard.press('Enter');
        const alert = page.getByTestId('inline-conflict');
        await expectText(alert, /Sabine Krüger changed Salutation and Department at /);
        await shot('contact-inline-conflict');
        await alert.getByTestId('inline-conflict-keep').click();
        await expectHidden(page.getByTestId('inline-editor-position'));
        await expectText(box(page, 'position'), 'Leitung Einkauf');
        await expectText(box(page, 'department'), 'Logistik');
        await page.reload();
        await expectText(box(page, 'position'), 'Leitung Einkauf');
        await expectText(box(page, 'salutation'), 'Mr');
      });

      await step('lead: edit in place, pick a source, a conflict and Reload', async () => {
        await page.goto(`${baseUrl}/leads/${state.inlineLead}`);
        await expectText(page.getByTestId('record-name'), 'Schmidt');
        await openByClick(page, 'company', 'Weserland Logistik');
        await page.getByTestId('inline-input-company').fill('Weserland Logistik GmbH');
        await page.keyboard.press('Enter');
        await expectText(box(page, 'company'), 'Weserland Logistik GmbH');
        const sent = patches.length;
        await editButton(page, 'email').click();
        await page.getByTestId('inline-input-email').fill('mia.schmidt at weserland');
        await page.keyboard.press('Enter');
        const email = await linkedError(page, 'email');
        if (!/e-mail address/i.test(email)) throw new Error(`e-mail "mia.schmidt at weserland" says "${email}"`);
        await page.keyboard.press('Escape');
        if (patches.length !== sent) throw new Error('an invalid e-mail address was sent');
        await editButton(page, 'source').click();
        await page.getByRole('option', { name: 'Trade show' }).click();
        await expectText(box(page, 'source'), 'Trade show');
        await changeAsColleague(as(), `/leads/${state.inlineLead}`, { status: 'contacted' });
        await openByClick(page, 'position', 'Disponentin');
        await page.getByTestId('inline-input-position').fill('Leiterin Disposition');
        await page.keyboard.press('Enter');
        await expectText(page.getByTestId('inline-conflict'), /Sabine Krüger changed Status at /);
        await page.getByTestId('inline-conflict-reload').click();
        await expectText(page.getByTestId('lead-status'), 'Contacted');
        await page.getByTestId('inline-input-position').press('Enter');
        await expectHidden(page.getByTestId('inline-editor-position'));
        await page.reload();
        await expectText(box(page, 'position'), 'Leiterin Disposition');
      });

      await step('deal: amount and stage in place, a conflict and Reload', async () => {
        await page.goto(`${baseUrl}/deals/${state.inlineDeal}`);
        await expectText(page.getByTestId('record-name'), DEAL);
        await openByClick(page, 'amount', '€25,000');
        await page.getByTestId('inline-input-amount').fill('30,000');
        await page.keyboard.press('Enter');
        await expectText(box(page, 'amount'), '€30,000');
        await expectText(page.getByTestId('deal-amount'), '€30,000');
        await editButton(page, 'stageId').click();
        await page.getByRole('option', { name: /^Proposal made/ }).click();
        await expectText(box(page, 'stageId'), 'Proposal made');
        await changeAsColleague(as(), `/deals/${state.inlineDeal}`, { expectedCloseDate: '2031-03-31' });
        await editButton(page, 'expectedCloseDate').click();
        await page.getByTestId('inline-input-expectedCloseDate').fill('2031-06-30');
        await page.keyboard.press('Enter');
        await expectText(page.getByTestId('inline-conflict'), /Sabine Krüger changed Expected close at /);
        await shot('deal-inline-conflict');
        await page.getByTestId('inline-conflict-reload').click();
        await expectText(box(page, 'expectedCloseDate'), 'Mar 31, 2031');
        await page.getByTestId('inline-input-expectedCloseDate').press('Enter');
        await expectText(box(page, 'expectedCloseDate'), 'Jun 30, 2031');
        await page.reload();
        await expectText(box(page, 'amount'), '€30,000');
        await expectText(box(page, 'expectedCloseDate'), 'Jun 30, 2031');
      });

      await step('a read-only user sees plain values, nothing to edit', async () => {
        const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
        try {
          const viewer = await context.newPage();
          await login(viewer, baseUrl, VIEWER.email, VIEWER.password);
          await viewer.getByTestId('nav-accounts').waitFor();
          await viewer.goto(`${baseUrl}/accounts/${state.inlineAccount}`);
          await expectText(box(viewer, 'employees'), '999');
          const buttons = await viewer.getByTestId('section-info').getByRole('button', { name: /^Edit / }).count();
          if (buttons !== 0) throw new Error(`a read-only user gets ${buttons} edit buttons`);
          await shot('account-read-only', { page: viewer });
        } finally {
          await context.close();
        }
      });

      await step('German: the message and the conflict in German, and they fit', async () => {
        await page.goto(`${baseUrl}/accounts/${state.inlineAccount}`);
        await switchLanguage(page, 'de');
        await expectVisible(page.getByRole('button', { name: 'Mitarbeitende bearbeiten' }));
        await openByClick(page, 'employees', '999');
        await page.getByTestId('inline-input-employees').fill('abc');
        await page.keyboard.press('Enter');
        const message = await linkedError(page, 'employees');
        if (!/ganze Zahl/i.test(message)) throw new Error(`German employees "abc" says "${message}"`);
        await shot('account-inline-invalid-de');
        await page.keyboard.press('Escape');
        await changeAsColleague(as(), `/accounts/${state.inlineAccount}`, { rating: 'acquired', fax: '+49 421 555 0199' });
        await editButton(page, 'tickerSymbol').click();
        await page.getByTestId('inline-input-tickerSymbol').fill('WSTL');
        await page.keyboard.press('Enter');
        await expectText(page.getByTestId('inline-conflict'), /Sabine Krüger hat am .+ Fax und Bewertung geändert\./);
        await shot('account-inline-conflict-de');
        await page.getByTestId('inline-conflict-keep').click();
        await expectText(box(page, 'tickerSymbol'), 'WSTL');
        await switchLanguage(page, 'en');
      });
    } finally {
      await session.colleague?.close();
    }
  },
};

export default spec;
