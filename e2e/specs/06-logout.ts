import type { Spec } from '../lib/runner.ts';
import { expectVisible } from '../lib/ui.ts';

const spec: Spec = {
  name: 'Log out',
  async run({ page, baseUrl, step }) {
    await step('log out from the user menu', async () => {
      await page.getByTestId('user-menu').click();
      await page.getByTestId('logout').click();
      await expectVisible(page.getByTestId('login-form'));
    });
    await step('the session is gone after a reload', async () => {
      await page.goto(`${baseUrl}/accounts`);
      await expectVisible(page.getByTestId('login-form'));
    });
  },
};
export default spec;
