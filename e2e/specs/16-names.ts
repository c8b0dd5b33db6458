import type { Locator, Page } from 'playwright-core';
import type { Spec } from '../lib/runner.ts';
import { ADMIN } from '../lib/server.ts';
import { apiAs } from '../lib/api.ts';
import { expectHidden, expectText, expectVisible, loginAs } from '../lib/ui.ts';

// Issue #14 in the browser: a Chinese contact is written family name first (李丹) in the list and on its page, files
// under L in the A-Z index by its pinyin, and shows its family name's character as its avatar; company avatars skip
// legal forms and stop words. Its own records, so it runs alone (E2E_ONLY=16).
const TAG = 'names-e2e';
const LI = { firstName: '丹', lastName: '李' };
const COMPANIES = { chinese: '北京字节跳动科技有限公司', german: 'Müller & Söhne GmbH', english: 'The Boring Company' };

/** The table row whose name link reads exactly `name`. */
const rowNamed = (page: Page, name: string): Locator =>
  page.getByTestId('table-row').filter({ has: page.getByTestId('row-name').getByText(name, { exact: true }) });

async function expectInitials(avatar: Locator, expected: string): Promise<void> {
  await expectVisible(avatar);
  const initials = await avatar.getAttribute('data-initials');
  if (initials !== expected) throw new Error(`avatar initials: expected ${expected}, got ${initials}`);
  await expectText(avatar, expected);
}

const spec: Spec = {
  name: 'Names as their cultures write them, initials, the A-Z index with pinyin',
  async run({ page, browser, baseUrl, step, shot, state }) {
    await step('setup through the API: a Chinese contact and companies', async () => {
      const admin = await apiAs(browser, baseUrl, ADMIN.email, ADMIN.password);
      try {
        const li = await admin.post<{ id: string; fullName: string }>('/contacts', { ...LI, tags: [TAG] });
        if (li.fullName !== '李丹') throw new Error(`the API names the contact ${li.fullName}`);
        state.liId = li.id;
        for (const name of Object.values(COMPANIES)) await admin.post('/accounts', { name, tags: [TAG] });
        await admin.post('/contacts', { firstName: 'Łukasz', lastName: 'Lewandowski', tags: [TAG] });
        await admin.post('/contacts', { firstName: 'Zoe', lastName: 'Ärger', tags: [TAG] });
      } finally {
        await admin.close();
      }
      await loginAs(page, baseUrl, ADMIN.email, ADMIN.password);
    });

    await step('contacts list: L holds 李丹 (li dan) beside the Latin L names', async () => {
      await page.goto(`${baseUrl}/contacts?tag=${TAG}`);
      await expectVisible(rowNamed(page, '李丹'));
      await page.getByTestId('letter-L').click();
      await page.waitForURL(/letter=L/);
      await expectVisible(rowNamed(page, '李丹'));
      await expectVisible(rowNamed(page, 'Łukasz Lewandowski'));
      const names = await page.getByTestId('row-name').allTextContents();
      if (names.join('|') !== 'Łukasz Lewandowski|李丹') throw new Error(`letter L shows ${names.join(', ')}`);
      await expectInitials(rowNamed(page, '李丹').getByTestId('record-avatar'), '李');
      await shot('names-contacts-letter-l');
      await page.getByTestId('letter-other').click();
      await page.waitForURL(/letter=%23|letter=#/);
      await expectHidden(rowNamed(page, '李丹')); // not under #
      await page.getByTestId('letter-A').click();
      await page.waitForURL(/letter=A/);
      await expectVisible(rowNamed(page, 'Zoe Ärger'));
    });

    await step('the contact page: title 李丹, avatar 李', async () => {
      await page.goto(`${baseUrl}/contacts/${state.liId}`);
      await expectText(page.getByTestId('record-name'), '李丹');
      await expectInitials(page.getByTestId('record-avatar').first(), '李');
      await shot('names-contact-page');
    });

    await step('accounts: initials from the distinctive words, Chinese companies under their pinyin', async () => {
      await page.goto(`${baseUrl}/accounts?tag=${TAG}`);
      await expectInitials(rowNamed(page, COMPANIES.chinese).getByTestId('record-avatar'), '北京');
      await expectInitials(rowNamed(page, COMPANIES.german).getByTestId('record-avatar'), 'MS');
      await expectInitials(rowNamed(page, COMPANIES.english).getByTestId('record-avatar'), 'BC');
      await shot('names-accounts');
      await page.getByTestId('letter-B').click();
      await page.waitForURL(/letter=B/);
      await expectVisible(rowNamed(page, COMPANIES.chinese));
      await rowNamed(page, COMPANIES.chinese).getByTestId('row-name').click();
      await expectText(page.getByTestId('record-name'), COMPANIES.chinese);
      await expectInitials(page.getByTestId('record-avatar').first(), '北京');
      await shot('names-account-page');
    });
  },
};

export default spec;
