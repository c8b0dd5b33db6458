import type { Page } from 'playwright-core';
import type { Spec } from '../lib/runner.ts';
import { ADMIN } from '../lib/server.ts';
import { apiAs } from '../lib/api.ts';
import { expectHidden, expectText, expectUrl, expectVisible, loginAs, pick, saveShortcut } from '../lib/ui.ts';

// Its own people and records, so the spec runs alone (E2E_ONLY=07) or after the others.
const MANAGER = { name: 'Maren Manager', email: 'maren.manager@example.com', password: 'manager-password-42' };
const SALES = { name: 'Sven Sales', email: 'sven.sales@example.com', password: 'sales-password-4242' };
const ACCOUNT = 'Permafrost Logistics AG';
const HIDDEN = 'Quentin Hidden';
const PUBLIC = 'Paula Public';

/** Names on the first page of the contacts list, newest first (new records are always on it); none when it is empty. */
async function newestContacts(page: Page, baseUrl: string): Promise<string[]> {
  await page.goto(`${baseUrl}/contacts?sort=-createdAt`);
  await Promise.race([page.getByTestId('contacts-table').waitFor(), page.getByTestId('empty-state').waitFor()]);
  if (await page.getByTestId('empty-state').count()) return [];
  await page.waitForFunction(() => !document.querySelector('[data-testid="contacts-table"] .mantine-Skeleton-root'));
  return page.getByTestId('row-name').allTextContents();
}

async function searchContacts(page: Page, baseUrl: string, q: string): Promise<'rows' | 'empty'> {
  await page.goto(`${baseUrl}/contacts`);
  await page.getByTestId('list-search').fill(q);
  await page.waitForURL(new RegExp(`q=${q}`));
  await Promise.race([page.getByTestId('row-name').first().waitFor(), page.getByTestId('empty-state').waitFor()]);
  return (await page.getByTestId('empty-state').count()) ? 'empty' : 'rows';
}

async function relatedContacts(page: Page, accountUrl: string): Promise<string> {
  await page.goto(accountUrl);
  await expectVisible(page.getByTestId('related-contacts'));
  await page.waitForFunction(() => !document.querySelector('[data-testid="related-contacts"] .mantine-Skeleton-root'));
  return (await page.getByTestId('related-contacts').textContent()) ?? '';
}

const spec: Spec = {
  name: 'Permissions: roles, restricted records, sharing defaults',
  async run({ page, browser, baseUrl, step, shot, state }) {
    await step('admin creates a sales manager on the Users page', async () => {
      await loginAs(page, baseUrl, ADMIN.email, ADMIN.password);
      await page.goto(`${baseUrl}/settings/users`);
      await page.getByTestId('new-user').click();
      await page.getByTestId('user-name').fill(MANAGER.name);
      await page.getByTestId('user-email').fill(MANAGER.email);
      await page.getByTestId('user-password').fill(MANAGER.password);
      await pick(page, 'user-role', 'Sales manager');
      await shot('user-form-role-profile');
      await page.getByTestId('user-save').click();
      await expectHidden(page.getByTestId('user-form'));
      await expectText(page.getByTestId('users-table'), MANAGER.name);
    });

    await step('setup through the API: a salesperson, an account both see, a contact owned by admin', async () => {
      const admin = await apiAs(browser, baseUrl, ADMIN.email, ADMIN.password);
      try {
        await admin.post('/users', { ...SALES, role: 'sales', locale: 'en' });
        const settings = await admin.get<Record<string, unknown>>('/settings');
        await admin.put('/settings', { ...settings, orgDefaults: { accounts: 'read_write', contacts: 'read_write' } });
        const account = await admin.post<{ id: string }>('/accounts', { name: ACCOUNT });
        await admin.post('/contacts', { firstName: 'Paula', lastName: 'Public', accountId: account.id });
        state.permAccountUrl = `${baseUrl}/accounts/${account.id}`;
      } finally {
        await admin.close();
      }
      await page.goto(`${baseUrl}/settings/users`);
      await expectText(page.getByTestId('users-table'), SALES.name);
      await shot('settings-users-roles-profiles', { wide: true });
    });

    await step('admin adds a contact owned by the manager and restricts it to its owner', async () => {
      await page.goto(state.permAccountUrl ?? '');
      await page.getByTestId('new-related-contact').click();
      await page.getByTestId('field-firstName').fill('Quentin');
      await page.getByTestId('field-lastName').fill('Hidden');
      await pick(page, 'field-owner', MANAGER.name);
      await saveShortcut(page);
      await expectHidden(page.getByTestId('contact-form'));
      await page.getByTestId('related-contacts-table').getByText(HIDDEN).click();
      await expectUrl(page, /\/contacts\/\d+$/);
      state.hiddenUrl = page.url();
      await expectText(page.getByTestId('sharing-owner'), MANAGER.name);
      await page.getByTestId('sharing-restrict').click();
      await expectVisible(page.getByTestId('restrict-users'));
      await shot('restrict-dialog');
      await page.getByTestId('restrict-save').click();
      await expectText(page.getByTestId('sharing-state'), 'Restricted to the owner');
      await expectVisible(page.getByTestId('sidebar-restricted'));
      await shot('contact-restricted', { full: true });
    });

    await step('the restricted contact shows a lock in the lists', async () => {
      await page.goto(`${baseUrl}/contacts?q=Hidden`);
      await expectVisible(page.getByTestId('contacts-table').getByTestId('restricted-icon'));
      await page.goto(state.permAccountUrl ?? '');
      await expectVisible(page.getByTestId('related-contacts-table').getByTestId('restricted-icon'));
    });

    await step('the account can be shared with a role, and the share removed', async () => {
      await page.getByTestId('sharing-share').click();
      await page.getByTestId('share-kind').getByText('A role').click();
      await pick(page, 'share-target', 'Salesperson');
      await page.getByTestId('share-access-write').click();
      await shot('share-dialog');
      await page.getByTestId('share-save').click();
      await expectText(page.getByTestId('shares-list'), 'Role Salesperson and the roles below it');
      await expectText(page.getByTestId('shares-list'), 'Read and write');
      await shot('account-sharing-section', { full: true });
      await page.getByTestId('share-remove').click();
      await expectVisible(page.getByTestId('shares-empty'));
    });

    await step('the salesperson does not see it: list, name filter, related list, its address', async () => {
      await loginAs(page, baseUrl, SALES.email, SALES.password);
      const names = await newestContacts(page, baseUrl);
      if (!names.includes(PUBLIC)) throw new Error(`the salesperson should see ${PUBLIC}; newest contacts: ${names.slice(0, 5).join(', ')}`);
      if (names.includes(HIDDEN)) throw new Error(`the salesperson sees ${HIDDEN} in the contacts list`);
      if ((await searchContacts(page, baseUrl, 'Hidden')) !== 'empty') throw new Error(`the name filter finds ${HIDDEN} for the salesperson`);
      const related = await relatedContacts(page, state.permAccountUrl ?? '');
      if (!related.includes(PUBLIC) || related.includes(HIDDEN)) throw new Error(`related contacts for the salesperson: ${related}`);
      await page.goto(state.hiddenUrl ?? '');
      await expectVisible(page.getByTestId('record-not-found'));
      await shot('sales-restricted-not-found');
    });

    await step('the manager (its owner) sees it in all three places', async () => {
      await loginAs(page, baseUrl, MANAGER.email, MANAGER.password);
      const names = await newestContacts(page, baseUrl);
      if (!names.includes(HIDDEN)) throw new Error(`the manager does not see ${HIDDEN}: ${names.slice(0, 5).join(', ')}`);
      if ((await searchContacts(page, baseUrl, 'Hidden')) !== 'rows') throw new Error(`the name filter does not find ${HIDDEN} for the manager`);
      await expectText(page.getByTestId('contacts-table'), HIDDEN);
      const related = await relatedContacts(page, state.permAccountUrl ?? '');
      if (!related.includes(HIDDEN)) throw new Error(`related contacts for the manager: ${related}`);
      await page.goto(state.hiddenUrl ?? '');
      await expectText(page.getByTestId('record-name'), HIDDEN);
      await expectVisible(page.getByTestId('sharing-restrict'));
    });

    await step('org default "private" for contacts hides the admin\'s contact from the salesperson', async () => {
      await loginAs(page, baseUrl, ADMIN.email, ADMIN.password);
      await page.goto(`${baseUrl}/settings/sharing`);
      await page.getByTestId('org-default-contacts-private').click();
      await page.getByTestId('org-defaults-save').click();
      await expectVisible(page.getByText('Saved', { exact: true }));
      await shot('settings-sharing-defaults');
      await loginAs(page, baseUrl, SALES.email, SALES.password);
      const names = await newestContacts(page, baseUrl);
      if (names.includes(PUBLIC)) throw new Error(`with contacts private the salesperson still sees ${PUBLIC}`);
      const related = await relatedContacts(page, state.permAccountUrl ?? '');
      if (related.includes(PUBLIC)) throw new Error(`with contacts private the account still lists ${PUBLIC}`);
    });

    await step('sharing the contact with the salesperson brings it back', async () => {
      await loginAs(page, baseUrl, ADMIN.email, ADMIN.password);
      await page.goto(`${baseUrl}/contacts?q=Public`);
      await page.getByTestId('row-name').getByText(PUBLIC).click();
      await page.getByTestId('record-more').click();
      await page.getByTestId('menu-share').click();
      await pick(page, 'share-target', SALES.name);
      await page.getByTestId('share-save').click();
      await expectText(page.getByTestId('shares-list'), SALES.name);
      await loginAs(page, baseUrl, SALES.email, SALES.password);
      if (!(await newestContacts(page, baseUrl)).includes(PUBLIC)) throw new Error(`${PUBLIC} is shared with the salesperson but not listed`);
      await page.getByTestId('row-name').getByText(PUBLIC).click();
      await expectVisible(page.getByTestId('section-sharing'));
      // read-only share: no edit, no delete, no sharing actions
      if (await page.getByTestId('record-edit').count()) throw new Error('a read share shows "Edit"');
      if (await page.getByTestId('sharing-share').count()) throw new Error('a read share shows "Share"');
      await shot('sales-read-only-share', { full: true });
    });

    await step('back to read/write for the next specs', async () => {
      const admin = await apiAs(browser, baseUrl, ADMIN.email, ADMIN.password);
      try {
        const settings = await admin.get<Record<string, unknown>>('/settings');
        await admin.put('/settings', { ...settings, orgDefaults: { accounts: 'read_write', contacts: 'read_write' } });
      } finally {
        await admin.close();
      }
    });
  },
};
export default spec;
