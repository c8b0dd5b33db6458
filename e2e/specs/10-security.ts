import type { Browser, Page } from 'playwright-core';
import type { Spec } from '../lib/runner.ts';
import { ADMIN } from '../lib/server.ts';
import { apiAs } from '../lib/api.ts';
import { expectHidden, expectText, expectVisible, loginAs, pick, saveShortcut, switchLanguage } from '../lib/ui.ts';

// Issue #8 in the browser: who may grant and manage what, who may change an owner, the record history, passwords and tokens.
// Its own people and records, so the spec runs alone (E2E_ONLY=10) or after the others.
const USER_MANAGER = { name: 'Ulla Usermanager', email: 'ulla.usermanager@example.com', password: 'user-manager-pass-42', newPassword: 'user-manager-changed-42' };
const VIEWER = { name: 'Vera Viewer', email: 'vera.viewer@example.com', password: 'viewer-password-4242' };
const SALES = { name: 'Maximilian Alexander von Hohenzollern-Sigmaringen', email: 'max.hohenzollern@example.com', password: 'long-name-sales-4242' };
const ACCOUNT = 'Obsidian Eigentum & Freigaben GmbH';
const TOKEN_NAME = 'Nightly export to the marketing data warehouse (read only)';
const PROFILE = 'User manager';

/** The labels of the options a Mantine Select offers, read while it is open. */
async function optionsOf(page: Page, testId: string): Promise<string[]> {
  await page.getByTestId(testId).click();
  await expectVisible(page.getByRole('option'));
  const labels = await page.getByRole('option').allTextContents();
  await page.getByTestId(testId).press('Escape');
  return labels;
}

/** The HTTP status of a GET with this cookie jar or these headers (the API helpers throw on anything but 2xx). */
async function statusOf(browser: Browser, url: string, headers: Record<string, string> = {}, cookiesFrom?: { email: string; password: string }): Promise<number> {
  const context = await browser.newContext();
  try {
    if (cookiesFrom) await context.request.post(url.replace(/\/api\/v1\/.*$/, '/api/v1/auth/login'), { data: cookiesFrom });
    return (await context.request.get(url, { headers })).status();
  } finally {
    await context.close();
  }
}

const spec: Spec = {
  name: 'Security: granting, managing, owners, record history, password and tokens',
  async run({ page, browser, baseUrl, step, shot, state }) {
    await step('setup through the API: a user manager profile and user, a viewer with a token, a salesperson with a write share', async () => {
      const admin = await apiAs(browser, baseUrl, ADMIN.email, ADMIN.password);
      try {
        const profile = await admin.post<{ id: string }>('/profiles', {
          name: PROFILE,
          rights: { modules: { accounts: ['view', 'create', 'edit', 'export'], contacts: ['view', 'create', 'edit', 'export'] }, admin: ['users'] },
        });
        const manager = await admin.post<{ id: string }>('/users', { ...USER_MANAGER, role: 'manager', profileId: profile.id, locale: 'en' });
        state.userManagerId = manager.id;
        await admin.post('/users', { ...VIEWER, role: 'readonly', locale: 'en' });
        const sales = await admin.post<{ id: string }>('/users', { ...SALES, role: 'sales', locale: 'en' });
        const settings = await admin.get<Record<string, unknown>>('/settings');
        await admin.put('/settings', { ...settings, orgDefaults: { accounts: 'private', contacts: 'read_write' } });
        const account = await admin.post<{ id: string }>('/accounts', { name: ACCOUNT });
        await admin.post(`/accounts/${account.id}/shares`, { userId: sales.id, access: 'write' });
        state.securityAccountUrl = `${baseUrl}/accounts/${account.id}`;
        const contact = await admin.post<{ id: string }>('/contacts', { firstName: 'Hedda', lastName: 'Historyless' });
        state.quietContactUrl = `${baseUrl}/contacts/${contact.id}`;
      } finally {
        await admin.close();
      }
      const viewer = await apiAs(browser, baseUrl, VIEWER.email, VIEWER.password);
      try {
        await viewer.post('/tokens', { name: TOKEN_NAME, scope: 'read' });
      } finally {
        await viewer.close();
      }
    });

    await step('the user manager is offered only the roles and profiles within their own', async () => {
      await loginAs(page, baseUrl, USER_MANAGER.email, USER_MANAGER.password);
      await page.goto(`${baseUrl}/settings/users`);
      await expectText(page.getByTestId('users-table'), VIEWER.name);
      await page.getByTestId('new-user').click();
      await expectVisible(page.getByTestId('user-form'));
      const roles = await optionsOf(page, 'user-role');
      if (roles.includes('Administrator') || roles.includes('Sales manager') || !roles.includes('Salesperson')) throw new Error(`roles offered to the user manager: ${roles.join(', ')}`);
      const profiles = await optionsOf(page, 'user-profile');
      if (profiles.includes('Administrator') || profiles.includes('Salesperson') || profiles.includes('Standard for the role')) throw new Error(`profiles offered: ${profiles.join(', ')}`);
      if (!profiles.includes('Read-only') || !profiles.includes(PROFILE)) throw new Error(`profiles within the user manager's rights are missing: ${profiles.join(', ')}`);
      await expectText(page.getByTestId('user-form'), 'You can give roles below your own');
      await page.getByTestId('user-profile').click();
      await shot('user-manager-new-user-profiles');
      await page.getByTestId('user-profile').press('Escape');
      await page.keyboard.press('Escape');
      await expectHidden(page.getByTestId('user-form'));
    });

    await step('no actions on the administrator or on a salesperson with more rights; the viewer can be managed', async () => {
      if (await page.getByTestId(`user-actions-${ADMIN.email}`).count()) throw new Error('the user manager has actions on the administrator');
      await expectVisible(page.getByTestId(`user-locked-${ADMIN.email}`));
      await expectVisible(page.getByTestId(`user-locked-${SALES.email}`));
      await page.getByTestId(`user-locked-${ADMIN.email}`).hover();
      await expectVisible(page.getByText('Only an administrator can manage this user', { exact: false }));
      await shot('user-manager-users', { wide: true });
      await page.getByTestId(`user-actions-${VIEWER.email}`).click();
      await expectVisible(page.getByTestId('user-reset-password'));
      await page.getByTestId('user-edit').click();
      if (!(await page.getByTestId('user-role').isDisabled()) || !(await page.getByTestId('user-profile').isDisabled())) throw new Error('a user manager can change an existing user\'s role or profile');
      await expectVisible(page.getByTestId('user-role-locked'));
      await shot('user-manager-edit-user');
      await page.keyboard.press('Escape');
      await expectHidden(page.getByTestId('user-form'));
    });

    await step('the user manager revokes the viewer\'s API token after a confirmation', async () => {
      await page.getByTestId(`user-actions-${VIEWER.email}`).click();
      await page.getByTestId('user-sessions').click();
      await expectText(page.getByTestId('user-tokens-table'), TOKEN_NAME.slice(0, 20));
      await expectVisible(page.getByTestId('sessions-table'));
      await shot('user-manager-sessions-and-tokens');
      await page.getByTestId('user-token-revoke').click();
      await expectText(page.locator('.mantine-Modal-content').last(), TOKEN_NAME);
      await page.getByTestId('confirm').click();
      await expectVisible(page.getByTestId('user-tokens-empty'));
      await shot('user-manager-token-revoked');
      await page.keyboard.press('Escape');
    });

    await step('roles and profiles are read-only for the user manager', async () => {
      await page.getByTestId('settings-nav-roles').click();
      await expectVisible(page.getByTestId('roles-read-only'));
      await expectVisible(page.getByTestId('roles-tree'));
      if (await page.getByTestId('role-add-child').count()) throw new Error('the user manager can add roles');
      if (await page.getByTestId('role-rename').count()) throw new Error('the user manager can rename roles');
      await shot('user-manager-roles-read-only');
      await page.getByTestId('settings-nav-profiles').click();
      await expectVisible(page.getByTestId('profiles-read-only'));
      if (await page.getByTestId('new-profile').count()) throw new Error('the user manager can create profiles');
      await page.getByTestId('profile-tab-read_only').click();
      if (await page.getByTestId('profile-save').count()) throw new Error('the user manager can save a profile');
      if (!(await page.getByTestId('right-accounts-view').isDisabled())) throw new Error('the user manager can tick rights');
      await shot('user-manager-profiles-read-only');
    });

    await step('a salesperson with a write share cannot change the owner', async () => {
      await loginAs(page, baseUrl, SALES.email, SALES.password);
      await page.goto(state.securityAccountUrl ?? '');
      await expectText(page.getByTestId('record-name'), ACCOUNT);
      await expectText(page.getByTestId('history-list'), `Administrator shared it with ${SALES.name} (read/write)`);
      await page.getByTestId('record-edit').click();
      await expectVisible(page.getByTestId('account-form'));
      if (!(await page.getByTestId('field-owner').isDisabled())) throw new Error('the owner field is enabled for a write share');
      await expectText(page.getByTestId('account-form'), 'Only the owner, users in roles above the owner and administrators can change the owner');
      await shot('sales-owner-field-locked');
      await page.getByTestId('field-fax').fill('+49 30 1234567');
      await saveShortcut(page);
      await expectHidden(page.getByTestId('account-form'));
      await expectText(page.getByTestId('value-fax'), '1234567');
    });

    await step('a record nobody changed has an empty history', async () => {
      await loginAs(page, baseUrl, ADMIN.email, ADMIN.password);
      await page.goto(state.quietContactUrl ?? '');
      await expectText(page.getByTestId('history-empty'), 'No ownership or sharing changes yet');
      await page.getByTestId('section-history').scrollIntoViewIfNeeded();
      await shot('history-empty');
    });

    await step('the administrator changes the owner in the form; the history says so', async () => {
      await page.goto(state.securityAccountUrl ?? '');
      await page.getByTestId('record-edit').click();
      if (await page.getByTestId('field-owner').isDisabled()) throw new Error('the owner field is disabled for the administrator');
      await pick(page, 'field-owner', USER_MANAGER.name, 'Ulla');
      await saveShortcut(page);
      await expectHidden(page.getByTestId('account-form'));
      await expectText(page.getByTestId('sharing-owner'), USER_MANAGER.name);
      await expectText(page.getByTestId('history-entry').first(), `Administrator changed the owner from Administrator to ${USER_MANAGER.name}`);
      await page.getByTestId('sharing-restrict').click();
      await pick(page, 'restrict-users', SALES.name, 'Maxi');
      await page.locator('.mantine-Modal-title').click(); // closes the picker's dropdown, which covers the buttons
      await page.getByTestId('restrict-save').click();
      await expectText(page.getByTestId('history-entry').first(), `Administrator restricted access to ${SALES.name}`);
      await page.getByTestId('sharing-restrict').click();
      await page.getByTestId('restrict-lift').click();
      await expectText(page.getByTestId('history-entry').first(), 'Administrator lifted the restriction');
      await page.getByTestId('share-remove').click();
      await expectText(page.getByTestId('history-entry').first(), `Administrator stopped sharing it with ${SALES.name}`);
      const entries = await page.getByTestId('history-entry').count();
      if (entries !== 5) throw new Error(`expected 5 history entries, found ${entries}`);
      await page.getByTestId('section-history').scrollIntoViewIfNeeded();
      await shot('account-history', { wide: true });
    });

    await step('the user manager changes their password and revokes their API tokens', async () => {
      const other = await apiAs(browser, baseUrl, USER_MANAGER.email, USER_MANAGER.password);
      let token: string;
      let expectedSessions: number;
      try {
        token = (await other.post<{ token: string }>('/tokens', { name: 'Laptop script', scope: 'write' })).token;
        await loginAs(page, baseUrl, USER_MANAGER.email, USER_MANAGER.password);
        const sessions = await other.get<{ data: unknown[] }>(`/users/${state.userManagerId}/sessions`);
        expectedSessions = sessions.data.length - 1;
      } finally {
        await other.close();
      }
      await page.goto(`${baseUrl}/settings/security`);
      await page.getByTestId('current-password').fill(USER_MANAGER.password);
      await page.getByTestId('new-password').fill(USER_MANAGER.newPassword);
      await page.getByTestId('new-password-repeat').fill(USER_MANAGER.newPassword);
      await page.getByTestId('revoke-tokens').check();
      await shot('security-revoke-tokens');
      await page.getByTestId('change-password-save').click();
      const sessionsText = expectedSessions === 1 ? '1 other session ended.' : `${expectedSessions} other sessions ended.`;
      await expectText(page.getByTestId('password-changed'), sessionsText);
      await expectText(page.getByTestId('password-changed'), '1 API token revoked.');
      await shot('security-password-changed');
      const byToken = await statusOf(browser, `${baseUrl}/api/v1/accounts?limit=1`, { authorization: `Bearer ${token}` });
      if (byToken !== 401) throw new Error(`the revoked token still answers ${byToken}`);
      const oldPassword = await statusOf(browser, `${baseUrl}/api/v1/auth/session`, {}, { email: USER_MANAGER.email, password: USER_MANAGER.password });
      if (oldPassword !== 401) throw new Error(`the old password still signs in (${oldPassword})`);
      await loginAs(page, baseUrl, USER_MANAGER.email, USER_MANAGER.newPassword);
    });

    await step('the history in German', async () => {
      await loginAs(page, baseUrl, ADMIN.email, ADMIN.password);
      await page.goto(state.securityAccountUrl ?? '');
      await switchLanguage(page, 'de');
      await expectText(page.getByTestId('section-history'), 'hat die Verantwortung von Administrator');
      await page.getByTestId('section-history').scrollIntoViewIfNeeded();
      await shot('de-account-history');
      await switchLanguage(page, 'en');
      await expectText(page.getByTestId('section-history'), 'History');
    });

    await step('back to read/write for the next specs', async () => {
      const admin = await apiAs(browser, baseUrl, ADMIN.email, ADMIN.password);
      try {
        const settings = await admin.get<Record<string, unknown>>('/settings');
        await admin.put('/settings', { ...settings, orgDefaults: { accounts: 'read_write', contacts: 'read_write' } });
      } finally {
        await admin.close();
      }
      await loginAs(page, baseUrl, ADMIN.email, ADMIN.password);
    });
  },
};
export default spec;
