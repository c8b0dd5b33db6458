import type { Page } from 'playwright-core';
import type { Spec } from '../lib/runner.ts';
import { expectText, expectVisible } from '../lib/ui.ts';

async function switchTo(page: Page, locale: string) {
  await page.getByTestId('language-switcher').click();
  await page.getByTestId(`language-${locale}`).click();
}

const spec: Spec = {
  name: 'Languages',
  async run({ page, baseUrl, step, shot }) {
    await step('German', async () => {
      await page.goto(`${baseUrl}/accounts`);
      await switchTo(page, 'de');
      await expectText(page.getByTestId('nav-accounts'), 'Firmen');
      await expectText(page.getByTestId('new-account'), 'Neue Firma');
      await shot('de-accounts-list', { wide: true });
      await page.getByTestId('row-name').first().click();
      await expectText(page.getByTestId('section-info'), 'Eigentumsform');
      await shot('de-account-detail', { wide: true, full: true });
      await page.getByTestId('record-edit').click();
      await expectText(page.getByTestId('account-form'), 'Firma bearbeiten');
      await shot('de-account-form');
      await page.keyboard.press('Escape');
      await page.getByTestId('nav-contacts').click();
      await page.getByTestId('row-name').first().click();
      await expectText(page.getByTestId('section-info'), 'Vorname');
      await shot('de-contact-detail', { full: true });
      await page.getByTestId('record-edit').click();
      await shot('de-contact-form');
      await page.keyboard.press('Escape');
      await page.getByTestId('nav-settings').click();
      await shot('de-settings-users');
      await page.getByTestId('nav-recycle-bin').click();
      await shot('de-recycle-bin');
    });

    await step('the language is stored on the user (survives a reload)', async () => {
      await page.evaluate(() => localStorage.removeItem('kontor.locale'));
      await page.reload();
      await expectText(page.getByTestId('nav-accounts'), 'Firmen');
    });

    await step('Chinese', async () => {
      await page.getByTestId('nav-accounts').click();
      await switchTo(page, 'zh-CN');
      await expectText(page.getByTestId('nav-accounts'), '客户');
      await expectVisible(page.getByTestId('accounts-table'));
      await shot('zh-accounts-list', { wide: true });
      await page.getByTestId('row-name').first().click();
      await expectText(page.getByTestId('section-info'), '所有制');
      await shot('zh-account-detail', { full: true });
    });

    await step('Romanian', async () => {
      await switchTo(page, 'ro');
      await expectText(page.getByTestId('nav-accounts'), 'Companii');
      await shot('ro-account-detail', { full: true });
      await page.getByTestId('nav-contacts').click();
      await shot('ro-contacts-list');
    });

    await step('back to English', async () => {
      await switchTo(page, 'en');
      await expectText(page.getByTestId('nav-accounts'), 'Accounts');
    });
  },
};
export default spec;
