import type { Spec } from '../lib/runner.ts';
import { ADMIN } from '../lib/server.ts';
import { expectText, expectVisible, login } from '../lib/ui.ts';

const spec: Spec = {
  name: 'Log in',
  async run({ page, baseUrl, step, shot }) {
    await step('the login page shows', async () => {
      await page.goto(`${baseUrl}/`);
      await expectVisible(page.getByTestId('login-form'));
      await shot('login', { wide: true });
    });
    await step('a wrong password is refused with a clear message', async () => {
      await login(page, baseUrl, ADMIN.email, 'not-the-password');
      await expectText(page.getByTestId('login-error'), 'wrong');
      await shot('login-error');
    });
    await step('the right password opens the accounts list (empty state)', async () => {
      await page.getByTestId('login-password').fill(ADMIN.password);
      await page.getByTestId('login-submit').click();
      await page.waitForURL(/\/accounts$/);
      await expectText(page.getByTestId('page-title'), 'Accounts');
      await expectVisible(page.getByTestId('empty-state'));
      await shot('accounts-empty', { wide: true });
    });
  },
};
export default spec;
