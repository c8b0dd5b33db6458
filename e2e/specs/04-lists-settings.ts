import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { nameSortKey } from '@kontor/contract/sort-key';
import type { Spec } from '../lib/runner.ts';
import { expectText, expectVisible } from '../lib/ui.ts';

const spec: Spec = {
  name: 'Lists with demo data, settings',
  async run({ page, baseUrl, step, shot, repoRoot, serverEnv }) {
    await step('load the demo company with the CLI', async () => {
      const r = spawnSync(process.execPath, [path.join(repoRoot, 'apps/server/bin/kontor.mjs'), 'seed', '--demo'], { cwd: repoRoot, env: serverEnv, encoding: 'utf8', timeout: 120_000 });
      if (r.status !== 0) throw new Error(`seed --demo failed (${r.status}): ${r.stderr || r.stdout}`);
    });

    await step('accounts list: sort, letter index, count, load more', async () => {
      await page.goto(`${baseUrl}/accounts`);
      await expectVisible(page.getByTestId('row-name'));
      await shot('accounts-list', { wide: true });
      await page.getByTestId('show-count').click();
      await expectText(page.getByTestId('record-count'), /\d+ accounts/);
      await expectVisible(page.getByTestId('load-more'), 20_000);
      await page.getByTestId('load-more').click();
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="table-row"]').length > 50);
      await page.getByTestId('sort-name').click();
      await page.waitForURL(/sort=-name/);
      await page.getByTestId('letter-B').click();
      await page.waitForURL(/letter=B/);
      await expectVisible(page.getByTestId('table-row'));
      const names = await page.getByTestId('row-name').allTextContents();
      // Under B: names whose sort key starts with b ("Bäcker", and 博远… by its pinyin).
      if (!names.length || names.some((n) => !nameSortKey(n).startsWith('b'))) throw new Error(`letter B shows ${names.slice(0, 5).join(', ')}`);
      await shot('accounts-letter-b');
      await page.getByTestId('clear-filters').click();
    });

    await step('name filter', async () => {
      await page.getByTestId('list-search').fill('Nordlicht');
      await page.waitForURL(/q=Nordlicht/);
      await expectText(page.getByTestId('accounts-table'), 'Nordlicht Maschinenbau GmbH');
      await page.getByTestId('list-search').fill('zzzz-no-such-name');
      await expectVisible(page.getByTestId('empty-state'));
      await shot('accounts-no-match');
      await page.getByTestId('clear-filters').click();
    });

    await step('contacts list and a demo account page', async () => {
      await page.getByTestId('nav-contacts').click();
      await expectVisible(page.getByTestId('contacts-table'));
      await shot('contacts-list', { wide: true });
      await page.getByTestId('nav-accounts').click();
      await page.getByTestId('row-name').first().click();
      await expectVisible(page.getByTestId('related-contacts'));
      await shot('account-demo', { wide: true, full: true });
    });

    await step('settings pages', async () => {
      await page.getByTestId('nav-settings').click();
      await page.waitForURL(/\/settings\/users/);
      await expectVisible(page.getByTestId('users-table'));
      await shot('settings-users');
      await page.getByTestId('settings-nav-tags').click();
      await expectVisible(page.getByTestId('tags-table'));
      await shot('settings-tags');
      await page.getByTestId('settings-nav-contactTypes').click();
      await expectVisible(page.getByTestId('contact-type-row'));
      await shot('settings-contact-types');
      await page.getByTestId('settings-nav-customFields').click();
      await page.getByTestId('new-custom-field').click();
      await page.getByTestId('cf-label').fill('Customer since');
      await page.getByTestId('cf-type').click();
      await page.getByRole('option', { name: 'Date' }).click();
      await page.getByTestId('cf-save').click();
      await expectText(page.getByTestId('custom-fields-table'), 'customer_since');
      await shot('settings-custom-fields');
      await page.getByTestId('settings-nav-businessCard').click();
      await expectVisible(page.getByTestId('business-card-accounts'));
      await shot('settings-business-card');
      await page.getByTestId('settings-nav-tokens').click();
      await page.getByTestId('new-token').click();
      await page.getByTestId('token-name').fill('Newsletter sync');
      await page.getByTestId('token-save').click();
      await expectVisible(page.getByTestId('token-value'));
      await expectText(page.getByTestId('tokens-table'), 'Newsletter sync');
      await shot('settings-tokens');
    });

    await step('the custom field appears in the account form', async () => {
      await page.getByTestId('nav-accounts').click();
      await page.getByTestId('new-account').click();
      await expectVisible(page.getByTestId('cf-customer_since'));
      await page.keyboard.press('Escape');
    });
  },
};
export default spec;
