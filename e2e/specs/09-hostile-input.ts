import type { Spec } from '../lib/runner.ts';
import { ADMIN } from '../lib/server.ts';
import { apiAs } from '../lib/api.ts';
import { expectText, expectVisible, loginAs } from '../lib/ui.ts';

// Stored XSS: every text field holds markup that would run if the page rendered it as HTML.
const payload = (field: string) => `<img src=x onerror="window.__xss='${field}'"><script>window.__xss='${field}'</script>`;
const NAME = `Xss <svg onload="window.__xss='name'"> GmbH`;

const spec: Spec = {
  name: 'Hostile input: stored script in every text field stays text',
  async run({ page, browser, baseUrl, step, shot }) {
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    const ids = { account: '', contact: '' };

    await step('admin stores markup in every text field through the API', async () => {
      const admin = await apiAs(browser, baseUrl, ADMIN.email, ADMIN.password);
      try {
        const account = await admin.post<{ id: string }>('/accounts', {
          name: NAME,
          description: payload('description'),
          accountSite: payload('site').slice(0, 80),
          tickerSymbol: '<b>T</b>',
          fax: '<i>1</i>',
          billingAddress: { street: payload('street'), city: payload('city').slice(0, 100), region: '', postalCode: '', country: '' },
          tags: ['<script>tag</script>'],
          emails: [{ label: payload('label').slice(0, 50), value: 'x@xss.example' }],
        });
        const contact = await admin.post<{ id: string }>('/contacts', {
          firstName: payload('first').slice(0, 40),
          lastName: `Xss ${payload('last')}`.slice(0, 80),
          position: payload('position').slice(0, 100),
          department: payload('department').slice(0, 100),
          description: payload('contact-description'),
          accountId: account.id,
          addresses: [{ label: 'work', street: payload('contact-street'), city: 'Cluj', country: 'RO' }],
        });
        ids.account = account.id;
        ids.contact = contact.id;
      } finally {
        await admin.close();
      }
    });

    await step('lists, record pages and the search box show the markup as text; nothing runs', async () => {
      await loginAs(page, baseUrl, ADMIN.email, ADMIN.password);
      const check = async (url: string) => {
        await page.goto(`${baseUrl}${url}`);
        await page.waitForLoadState('networkidle');
        const ran = await page.evaluate(() => (window as unknown as { __xss?: string }).__xss ?? null);
        if (ran) throw new Error(`script from field "${ran}" ran on ${url}`);
        const injected = await page.locator('img[src="x"], svg[onload]').count();
        if (injected) throw new Error(`${injected} injected element(s) in the DOM on ${url}`);
      };
      await check('/accounts?q=xss');
      await expectText(page.getByTestId('accounts-table'), 'Xss <svg');
      await check(`/accounts/${ids.account}`);
      await expectVisible(page.getByText('window.__xss=\'description\'', { exact: false }).first());
      await shot('hostile-account-page');
      await check(`/contacts/${ids.contact}`);
      await check('/contacts?q=xss');
      await check('/settings/tags');
      if (dialogs.length) throw new Error(`dialogs opened: ${dialogs.join(', ')}`);
    });
  },
};

export default spec;
