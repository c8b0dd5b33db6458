import type { Page } from 'playwright-core';
import type { Spec } from '../lib/runner.ts';
import { ADMIN } from '../lib/server.ts';
import { apiAs } from '../lib/api.ts';
import { expectHidden, expectText, expectUrl, expectVisible, loginAs, pick, switchLanguage } from '../lib/ui.ts';

const INVITEE = { name: 'Ines Invited', email: 'ines.invited@example.com', password: 'invited-password-42', newPassword: 'changed-password-4242' };

async function openSettings(page: Page, key: string, ready: string) {
  await page.getByTestId(`settings-nav-${key}`).click();
  await expectVisible(page.getByTestId(ready));
}

const spec: Spec = {
  name: 'Administration: invitations, roles, profiles, users, audit log, my account',
  async run({ page, browser, baseUrl, step, shot, state }) {
    await step('invite a user: the link is shown once', async () => {
      const admin = await apiAs(browser, baseUrl, ADMIN.email, ADMIN.password);
      try {
        const contact = await admin.post<{ id: string }>('/contacts', { firstName: 'Ida', lastName: 'Sharing' });
        state.sharingContactUrl = `${baseUrl}/contacts/${contact.id}`;
      } finally {
        await admin.close();
      }
      await loginAs(page, baseUrl, ADMIN.email, ADMIN.password);
      await page.goto(`${baseUrl}/settings/users`);
      await page.getByTestId('invite-user').click();
      await page.getByTestId('user-name').fill(INVITEE.name);
      await page.getByTestId('user-email').fill(INVITEE.email);
      await shot('invite-form');
      await page.getByTestId('user-save').click();
      await expectVisible(page.getByTestId('invite-link'));
      const link = (await page.getByTestId('invite-link').textContent()) ?? '';
      if (!link.startsWith(`${baseUrl}/invite/`)) throw new Error(`unexpected invitation link ${link}`);
      state.inviteLink = link;
      await expectText(page.getByTestId('users-table'), INVITEE.email);
      await shot('invite-link-shown');
    });

    await step('accept the invitation in a fresh browser', async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
      try {
        const invitee = await context.newPage();
        await invitee.goto(state.inviteLink ?? '');
        await expectVisible(invitee.getByTestId('invite-form'));
        await expectText(invitee.getByTestId('invite-form'), 'This link works once');
        if ((await invitee.getByTestId('invite-email').inputValue()) !== INVITEE.email) throw new Error('the invitation page does not show the e-mail');
        await invitee.getByTestId('invite-password').fill(INVITEE.password);
        await invitee.getByTestId('invite-password-repeat').fill('something-else-entirely');
        await invitee.getByTestId('invite-submit').click();
        await expectText(invitee.getByTestId('invite-form'), 'do not match');
        await shot('invite-page', { page: invitee });
        await invitee.getByTestId('invite-password-repeat').fill(INVITEE.password);
        await invitee.getByTestId('invite-submit').click();
        await expectUrl(invitee, /\/accounts$/);
        await expectText(invitee.getByTestId('user-menu'), INVITEE.name);
        // a salesperson sees no administration pages
        await invitee.getByTestId('nav-settings').click();
        await expectUrl(invitee, /\/settings\/security$/);
        if (await invitee.getByTestId('settings-nav-users').count()) throw new Error('a salesperson sees the Users settings');
        await expectText(invitee.getByTestId('me-role'), 'Salesperson');
        await invitee.getByTestId('current-password').fill(INVITEE.password);
        await invitee.getByTestId('new-password').fill(INVITEE.newPassword);
        await invitee.getByTestId('new-password-repeat').fill(INVITEE.newPassword);
        await invitee.getByTestId('change-password-save').click();
        await expectVisible(invitee.getByText('Password changed', { exact: false }));
        await expectVisible(invitee.getByTestId('session-current'));
        await shot('my-account-salesperson', { page: invitee, full: true });
      } finally {
        await context.close();
      }
    });

    await step('a used invitation link says so (German browser)', async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'de-DE' });
      try {
        const other = await context.newPage();
        await other.goto(state.inviteLink ?? '');
        await expectVisible(other.getByTestId('invite-dead'));
        await expectText(other.getByTestId('invite-dead'), 'abgelaufen');
        await shot('de-invite-used', { page: other });
      } finally {
        await context.close();
      }
    });

    await step('users: sessions, reset password, deactivate with transfer', async () => {
      await page.goto(`${baseUrl}/settings/users`);
      await page.getByTestId(`user-actions-${INVITEE.email}`).click();
      await page.getByTestId('user-sessions').click();
      await expectVisible(page.getByTestId('sessions-table'));
      await shot('user-sessions');
      await page.keyboard.press('Escape');
      await page.getByTestId(`user-actions-${INVITEE.email}`).click();
      await page.getByTestId('user-reset-password').click();
      await page.getByTestId('reset-password').fill('short');
      await page.getByTestId('reset-save').click();
      await expectText(page.locator('.mantine-Modal-content'), 'At least 10 characters');
      await shot('user-reset-password');
      await page.keyboard.press('Escape');
      await page.getByTestId(`user-actions-${INVITEE.email}`).click();
      await page.getByTestId('user-deactivate').click();
      await pick(page, 'transfer-to', 'Administrator');
      await shot('user-deactivate-transfer');
      await page.getByTestId('confirm-deactivate').click();
      await expectText(page.getByTestId(`user-status-${INVITEE.email}`), 'Deactivated');
    });

    await step('roles: add a child role, rename it, move it, delete it', async () => {
      await openSettings(page, 'roles', 'roles-tree');
      await page.getByTestId('role-row-sales').getByTestId('role-add-child').click();
      await page.getByTestId('role-name-input').fill('Inside sales');
      await page.getByTestId('role-save').click();
      await expectText(page.getByTestId('roles-tree'), 'Inside sales');
      const row = page.getByTestId('roles-tree').locator('[data-testid^="role-row-inside_sales"]');
      await row.getByTestId('role-rename').click();
      await page.getByTestId('role-name-input').fill('Inside sales team');
      await page.getByTestId('role-save').click();
      await expectText(page.getByTestId('roles-tree'), 'Inside sales team');
      await row.getByTestId('role-move').click();
      await pick(page, 'role-parent', 'Administrator');
      await page.getByTestId('role-save').click();
      await expectHidden(page.getByTestId('role-parent'));
      await shot('settings-roles');
      await row.getByTestId('role-delete').click();
      await page.getByTestId('confirm').click();
      await expectHidden(row);
    });

    await step('profiles: create one, change a right, the Administrator profile is read-only', async () => {
      await openSettings(page, 'profiles', 'profile-editor');
      await page.getByTestId('new-profile').click();
      await page.getByTestId('profile-name').fill('Support');
      await pick(page, 'profile-copy-from', 'Read-only');
      await page.getByTestId('profile-name-save').click();
      await expectText(page.getByTestId('profile-editor'), 'Support');
      await page.getByTestId('right-contacts-edit').check();
      await page.getByTestId('profile-save').click();
      await expectVisible(page.getByText('Saved', { exact: true }));
      await shot('settings-profiles');
      await page.getByTestId('profile-tab-administrator').click();
      if (!(await page.getByTestId('right-accounts-delete').isDisabled())) throw new Error('the Administrator profile can be edited');
    });

    await step('audit log: sign-ins, filtered', async () => {
      await openSettings(page, 'audit', 'audit-table');
      await pick(page, 'audit-filter', 'Sign-ins');
      await expectText(page.getByTestId('audit-table'), INVITEE.name);
      const actions = await page.getByTestId('audit-action').allTextContents();
      if (!actions.length || actions.some((a) => a !== 'Signed in' && a !== 'Sign-in failed')) throw new Error(`the sign-in filter shows ${actions.join(', ')}`);
      await shot('settings-audit-log', { wide: true });
    });

    await step('my account and the other new pages in German', async () => {
      await openSettings(page, 'security', 'change-password-form');
      await shot('settings-my-account');
      await switchLanguage(page, 'de');
      await expectText(page.getByTestId('settings-nav-users'), 'Benutzer');
      await shot('de-settings-my-account');
      await openSettings(page, 'users', 'users-table');
      await shot('de-settings-users');
      await openSettings(page, 'roles', 'roles-tree');
      await expectText(page.getByTestId('roles-tree'), 'Vertriebsleitung');
      await shot('de-settings-roles');
      await openSettings(page, 'profiles', 'profile-editor');
      await shot('de-settings-profiles');
      await openSettings(page, 'sharing', 'org-default-contacts');
      await shot('de-settings-sharing');
      await openSettings(page, 'audit', 'audit-table');
      await shot('de-settings-audit-log');
      await openSettings(page, 'contactTypes', 'contact-type-row');
      await expectText(page.getByTestId('contact-type-row').first(), 'Kalt');
      await shot('de-settings-contact-types');
      await page.goto(state.sharingContactUrl ?? '');
      await expectVisible(page.getByTestId('section-sharing'));
      await page.getByTestId('sharing-restrict').click();
      await expectVisible(page.getByTestId('restrict-users'));
      await shot('de-restrict-dialog');
      await page.keyboard.press('Escape');
      await page.getByTestId('sharing-share').click();
      await expectVisible(page.getByTestId('share-target'));
      await shot('de-share-dialog');
      await page.keyboard.press('Escape');
      await page.getByTestId('section-sharing').scrollIntoViewIfNeeded();
      await shot('de-contact-sharing');
      await switchLanguage(page, 'en');
      await expectText(page.getByTestId('nav-accounts'), 'Accounts');
    });
  },
};
export default spec;
