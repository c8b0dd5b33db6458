import type { Page } from 'playwright-core';
import type { Spec } from '../lib/runner.ts';
import { ADMIN } from '../lib/server.ts';
import { apiAs, type ApiClient } from '../lib/api.ts';
import { expectHidden, expectText, expectUrl, expectVisible, loginAs } from '../lib/ui.ts';

// Issue #14, "Actions that work": a viewer is offered no action the server would refuse; a refusal that still happens
// (a race) shows the server's reason in the user's language and keeps the dialog open; an undo toast closes once used
// or left behind; the breadcrumb back to a list keeps its filter, sort and scroll. Its own people and records (tags of
// its own), so it runs alone (E2E_ONLY=20).
const VIEWER = { name: 'Vivian Viewer', email: 'vivian.viewer@example.com', password: 'viewer-password-42' };
const SELLER = { name: 'Selma Seller', email: 'selma.seller@example.com', password: 'seller-password-42' };
const WATCHED = 'Aktionstest Schauraum GmbH';
const RACED = 'Aktionstest Wettlauf KG';
const SCROLL_TAG = 'e2e-scroll';
const SCROLL_COUNT = 120;

async function setOrgDefault(admin: ApiClient, accounts: 'read_write' | 'read_only'): Promise<void> {
  const settings = await admin.get<Record<string, unknown>>('/settings');
  const current = (settings.orgDefaults ?? {}) as Record<string, string>;
  await admin.put('/settings', { ...settings, orgDefaults: { ...current, accounts } });
}

/** The table's own scroll box (the list scrolls inside its card). */
const tableScroll = (page: Page) => page.getByTestId('accounts-table-frame').locator('.k-table-scroll');

const spec: Spec = {
  name: 'Actions that work: what a viewer is offered, refusals in German, undo, the way back to a list',
  async run({ page, browser, baseUrl, step, shot, state }) {
    await step('setup through the API: a view-only profile, a salesperson writing German, accounts', async () => {
      const admin = await apiAs(browser, baseUrl, ADMIN.email, ADMIN.password);
      try {
        const profile = await admin.post<{ id: string }>('/profiles', { name: 'Viewer (e2e)', rights: { modules: { accounts: ['view'], contacts: ['view'] }, admin: [] } });
        await admin.post('/users', { ...VIEWER, role: 'sales', profileId: profile.id, locale: 'en' });
        await admin.post('/users', { ...SELLER, role: 'sales', locale: 'de' });
        await setOrgDefault(admin, 'read_write');
        const watched = await admin.post<{ id: string }>('/accounts', { name: WATCHED, industry: 'retail', tags: ['e2e-actions'] });
        const raced = await admin.post<{ id: string }>('/accounts', { name: RACED, tags: ['e2e-actions'] });
        state.watchedUrl = `${baseUrl}/accounts/${watched.id}`;
        state.racedUrl = `${baseUrl}/accounts/${raced.id}`;
        const names = Array.from({ length: SCROLL_COUNT }, (_, i) => `Scrolltest ${String(i).padStart(3, '0')} AG`);
        for (let i = 0; i < names.length; i += 12) await Promise.all(names.slice(i, i + 12).map((name) => admin.post('/accounts', { name, tags: [SCROLL_TAG] })));
      } finally {
        await admin.close();
      }
    });

    await step('a viewer sees no Edit, Delete, Share or inline edit on an account, even with the read/write default', async () => {
      await loginAs(page, baseUrl, VIEWER.email, VIEWER.password);
      await page.goto(state.watchedUrl ?? '');
      await expectText(page.getByTestId('record-name'), WATCHED);
      await expectVisible(page.getByTestId('record-more'));
      for (const id of ['record-edit', 'sharing-share', 'sharing-restrict']) if (await page.getByTestId(id).count()) throw new Error(`the viewer is offered ${id}`);
      if (await page.locator('.k-inline-trigger').count()) throw new Error('the viewer is offered inline editing');
      await page.getByTestId('record-more').click();
      await expectVisible(page.getByTestId('record-print'));
      for (const id of ['record-delete', 'record-clone']) if (await page.getByTestId(id).count()) throw new Error(`the viewer's More menu offers ${id}`);
      await shot('viewer-account-more-menu');
      await page.keyboard.press('Escape');
    });

    await step('a refusal that still happens (the default changed meanwhile) is shown in German and the dialog stays', async () => {
      await loginAs(page, baseUrl, SELLER.email, SELLER.password);
      await page.goto(state.racedUrl ?? '');
      await expectText(page.getByTestId('record-name'), RACED);
      await page.getByTestId('record-more').click();
      await page.getByTestId('record-delete').click();
      await expectVisible(page.getByTestId('delete-confirm'));
      // meanwhile an administrator makes other people's accounts read-only
      const admin = await apiAs(browser, baseUrl, ADMIN.email, ADMIN.password);
      try {
        await setOrgDefault(admin, 'read_only');
        await page.getByTestId('delete-confirm').click();
        const dialog = page.getByTestId('delete-dialog');
        await expectText(dialog.getByRole('alert'), 'Sie sehen diesen Datensatz, dürfen ihn aber nicht löschen.');
        const text = (await dialog.textContent()) ?? '';
        if (/Something went wrong|Etwas ist schiefgelaufen|You can see/.test(text)) throw new Error(`the refusal is not the translated reason: ${text}`);
        await expectVisible(page.getByTestId('delete-confirm'));
        await shot('refusal-translated-dialog-open');
      } finally {
        await setOrgDefault(admin, 'read_write');
        await admin.close();
      }
    });

    await step('an undo toast closes at once when Undo is clicked, and the record is back', async () => {
      await page.getByTestId('delete-confirm').click();
      await expectUrl(page, /\/accounts(\?.*)?$/);
      await expectVisible(page.getByTestId('undo-toast'));
      await shot('undo-toast-de');
      await page.getByTestId('undo-delete').click();
      await expectHidden(page.getByTestId('undo-toast'), 1500);
      await expectUrl(page, /\/accounts\/\d+$/);
      await expectText(page.getByTestId('record-name'), RACED);
      await shot('undo-done');
    });

    await step('an undo left behind on another page closes', async () => {
      await page.getByTestId('record-more').click();
      await page.getByTestId('record-delete').click();
      await page.getByTestId('delete-confirm').click();
      await expectVisible(page.getByTestId('undo-toast'));
      await page.getByTestId('nav-contacts').click();
      await expectUrl(page, /\/contacts/);
      await expectHidden(page.getByTestId('undo-toast'), 1500);
    });

    await step('a filtered, sorted and scrolled list: open a record, the breadcrumb comes back to the same place', async () => {
      await page.goto(`${baseUrl}/accounts?tag=${SCROLL_TAG}&sort=-name`);
      await expectText(page.getByTestId('row-name').first(), 'Scrolltest 119 AG');
      const scroller = tableScroll(page);
      await scroller.evaluate((el) => {
        el.scrollTop = 1400;
      });
      await page.waitForTimeout(400);
      const before = await scroller.evaluate((el) => el.scrollTop);
      if (before < 1000) throw new Error(`the list did not scroll (${before})`);
      // the first row fully in view below the sticky header
      const name = await scroller.evaluate((el) => {
        const top = el.getBoundingClientRect().top + 48;
        const row = [...el.querySelectorAll<HTMLElement>('[data-testid="row-name"]')].find((r) => r.getBoundingClientRect().top >= top);
        return row?.textContent ?? '';
      });
      if (!name.startsWith('Scrolltest')) throw new Error(`no row in view (${name})`);
      await shot('list-scrolled-before');
      await page.getByTestId('row-name').filter({ hasText: name }).click();
      await expectUrl(page, /\/accounts\/\d+$/);
      await expectText(page.getByTestId('record-name'), name);
      await page.getByTestId('back-link').click();
      await expectUrl(page, new RegExp(`/accounts\\?.*tag=${SCROLL_TAG}`));
      const url = new URL(page.url());
      if (url.searchParams.get('sort') !== '-name') throw new Error(`the sort was lost: ${page.url()}`);
      await expectText(page.getByTestId('row-name').first(), 'Scrolltest 119 AG');
      const deadline = Date.now() + 5000;
      let after = 0;
      while (Date.now() < deadline) {
        after = await tableScroll(page).evaluate((el) => el.scrollTop);
        if (Math.abs(after - before) <= 40) break;
        await page.waitForTimeout(100);
      }
      if (Math.abs(after - before) > 40) throw new Error(`the list came back at ${after}px, not ${before}px`);
      await expectVisible(page.getByTestId('row-name').filter({ hasText: name }));
      await shot('list-back-same-place');
    });
  },
};

export default spec;
