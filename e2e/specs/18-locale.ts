import type { Page, Request } from 'playwright-core';
import type { User } from '@kontor/contract/users';
import type { Spec } from '../lib/runner.ts';
import { ADMIN } from '../lib/server.ts';
import { apiAs, type ApiClient } from '../lib/api.ts';
import { expectText, expectVisible, login, switchLanguage } from '../lib/ui.ts';

// Issue #14, the first language and loading: a user who never chose a language gets the browser's at their first
// sign-in (and keeps it), each language and each page group is fetched only when needed, a page whose code is still
// on its way shows its skeleton, and one whose code cannot be fetched offers a reload. Its own user, so it runs alone
// (E2E_ONLY=18).
const NEWCOMER = { name: 'Dieter Neumann', email: 'dieter.neumann@example.com', password: 'newcomer-password-42' };

/** The scripts a page fetched, by chunk name (`assets/settings.route-AbC12_34.js` -> `settings.route`). */
function scriptLog(page: Page): { names: () => string[]; clear: () => void } {
  let seen: string[] = [];
  page.on('request', (r: Request) => {
    const m = /\/assets\/(.+)-[\w-]{8}\.js$/.exec(new URL(r.url()).pathname);
    if (m?.[1]) seen.push(m[1]);
  });
  return { names: () => [...seen], clear: () => (seen = []) };
}

/** The user as the server has them once their language is `locale` (the web app saves it after switching). */
async function storedLocale(admin: ApiClient, userId: string, locale: string): Promise<User> {
  const deadline = Date.now() + 5000;
  let stored = await admin.get<User>(`/users/${userId}`);
  while ((stored.locale !== locale || !stored.localeChosen) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    stored = await admin.get<User>(`/users/${userId}`);
  }
  if (stored.locale !== locale || !stored.localeChosen) throw new Error(`the user's language is ${stored.locale} (chosen: ${stored.localeChosen}), not ${locale}`);
  return stored;
}

const spec: Spec = {
  name: 'First language and loading: the browser\'s language at first sign-in, chunks on demand',
  async run({ browser, baseUrl, step, shot }) {
    let userId = '';
    const admin = await apiAs(browser, baseUrl, ADMIN.email, ADMIN.password);
    await step('setup: a user created without a language (they have not chosen one)', async () => {
      const user = await admin.post<User>('/users', { ...NEWCOMER, role: 'sales' });
      if (user.localeChosen) throw new Error(`a user created without a language has one: ${user.locale}`);
      userId = user.id;
    });

    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'de-DE', timezoneId: 'Europe/Berlin' });
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    const scripts = scriptLog(page);
    try {
      await step('a German browser gets the sign-in page in German', async () => {
        await page.goto(`${baseUrl}/`);
        await expectText(page.getByTestId('login-submit'), 'Anmelden');
        if ((await page.evaluate(() => document.documentElement.lang)) !== 'de') throw new Error('<html lang> is not de');
        await shot('login-de-browser', { page });
      });

      await step('signing in: the UI stays German and German becomes the user\'s language', async () => {
        await login(page, baseUrl, NEWCOMER.email, NEWCOMER.password);
        await expectText(page.getByTestId('nav-accounts'), 'Firmen');
        await expectText(page.getByTestId('page-title'), 'Firmen');
        await shot('first-login-de', { page });
        await storedLocale(admin, userId, 'de');
      });

      await step('the sign-in page and the accounts list fetched German only, and none of the other pages\' code', async () => {
        const fetched = scripts.names();
        if (!fetched.includes('de')) throw new Error(`the German chunk was not fetched: ${fetched.join(', ')}`);
        const unexpected = fetched.filter((n) => ['en', 'ro', 'zh-CN', 'settings.route', 'deals.route', 'leads.route', 'activities.route', 'account.route', 'NoteEditor', 'CommandPalette', 'AccountForm'].includes(n));
        if (unexpected.length) throw new Error(`fetched before they were needed: ${unexpected.join(', ')}`);
      });

      await step('another language is fetched when chosen (and stored on the user)', async () => {
        scripts.clear();
        await switchLanguage(page, 'ro');
        await expectText(page.getByTestId('nav-accounts'), 'Companii');
        if (!scripts.names().includes('ro')) throw new Error(`the Romanian chunk was not fetched: ${scripts.names().join(', ')}`);
        await storedLocale(admin, userId, 'ro');
        await switchLanguage(page, 'de');
        await expectText(page.getByTestId('nav-accounts'), 'Firmen');
        await storedLocale(admin, userId, 'de');
      });

      await step('a page whose code is on its way shows the skeleton, then the page', async () => {
        let release: () => void = () => undefined;
        const held = new Promise<void>((r) => (release = r));
        await page.route(/\/assets\/recycle-bin\.route-[\w-]+\.js$/, async (route) => {
          await held;
          await route.continue();
        });
        await page.getByTestId('nav-recycle-bin').click();
        await expectVisible(page.getByTestId('route-pending'));
        await shot('route-loading-skeleton', { page });
        release();
        await expectText(page.getByTestId('page-title'), 'Papierkorb');
        await page.unroute(/\/assets\/recycle-bin\.route-[\w-]+\.js$/);
      });

      await step('on a first visit too: the frame and the skeleton while the list\'s code arrives', async () => {
        let release: () => void = () => undefined;
        const held = new Promise<void>((r) => (release = r));
        await page.route(/\/assets\/accounts-list\.route-[\w-]+\.js$/, async (route) => {
          await held;
          await route.continue();
        });
        await page.goto(`${baseUrl}/accounts`);
        await expectVisible(page.getByTestId('route-pending'));
        await expectVisible(page.getByTestId('nav-accounts'));
        release();
        await expectText(page.getByTestId('page-title'), 'Firmen');
        await page.unroute(/\/assets\/accounts-list\.route-[\w-]+\.js$/);
      });

      await step('a page whose code cannot be fetched (a new version was deployed) offers a reload that works', async () => {
        await page.route(/\/assets\/settings\.route-[\w-]+\.js$/, (route) => route.abort());
        await page.getByTestId('nav-settings').click();
        await expectVisible(page.getByTestId('load-failed'));
        await expectText(page.getByTestId('load-failed'), 'Diese Seite konnte nicht geladen werden');
        await expectVisible(page.getByTestId('nav-accounts'));
        await shot('route-load-failed', { page });
        await page.unroute(/\/assets\/settings\.route-[\w-]+\.js$/);
        await page.getByTestId('load-failed-reload').click();
        await expectVisible(page.getByTestId('settings-nav-security'));
        await expectText(page.getByTestId('nav-settings'), 'Einstellungen');
      });

      if (pageErrors.length) throw new Error(`Uncaught errors in the page:\n${pageErrors.join('\n')}`);
      await context.close();

      await step('once chosen, the user\'s language holds in a browser that asks for another', async () => {
        const english = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US', timezoneId: 'Europe/Berlin' });
        try {
          const other = await english.newPage();
          await other.goto(`${baseUrl}/`);
          await expectText(other.getByTestId('login-submit'), 'Log in');
          await login(other, baseUrl, NEWCOMER.email, NEWCOMER.password);
          await expectText(other.getByTestId('nav-accounts'), 'Firmen');
          const stored = await admin.get<User>(`/users/${userId}`);
          if (stored.locale !== 'de') throw new Error(`signing in from an English browser changed the language to ${stored.locale}`);
        } finally {
          await english.close();
        }
      });
    } finally {
      await context.close();
      await admin.close();
    }
  },
};
export default spec;
