import type { Spec } from '../lib/runner.ts';
import { expectHidden, expectText, expectUrl, expectVisible } from '../lib/ui.ts';

const spec: Spec = {
  name: 'Delete, undo and the recycle bin',
  async run({ page, step, shot, state }) {
    await step('delete the clone and undo it from the toast', async () => {
      await page.goto(state.cloneUrl ?? '');
      await page.getByTestId('record-more').click();
      await page.getByTestId('record-delete').click();
      await expectVisible(page.getByTestId('delete-confirm'));
      await page.getByTestId('delete-confirm').click();
      await expectUrl(page, /\/accounts$/);
      await expectVisible(page.getByTestId('undo-delete'));
      await shot('undo-toast');
      await page.getByTestId('undo-delete').click();
      await expectUrl(page, /\/accounts\/\d+$/);
      await expectText(page.getByTestId('record-name'), '(copy)');
    });

    await step('deleting an account with contacts asks what happens to them', async () => {
      await page.goto(state.accountUrl ?? '');
      await page.getByTestId('record-more').click();
      await page.getByTestId('record-delete').click();
      await expectVisible(page.getByTestId('delete-detach'));
      if (await page.getByTestId('delete-confirm').isEnabled()) throw new Error('delete must wait for the detach / delete choice');
      await shot('delete-account-choice');
      await page.getByTestId('delete-contacts-too').click();
      await page.getByTestId('delete-confirm').click();
      await expectUrl(page, /\/accounts$/);
    });

    await step('the account and its contacts are in the recycle bin', async () => {
      await page.getByTestId('nav-recycle-bin').click();
      await expectText(page.getByTestId('bin-table'), 'Nordlicht Maschinenbau GmbH');
      await page.getByTestId('bin-tab-contacts').click();
      await expectText(page.getByTestId('bin-table'), 'Greta Hansen');
      await shot('recycle-bin-contacts');
      await page.getByTestId('bin-tab-accounts').click();
      await shot('recycle-bin', { wide: true });
    });

    await step('restore the account from the recycle bin', async () => {
      const row = page.getByTestId('table-row').filter({ hasText: 'Nordlicht Maschinenbau GmbH' }).filter({ hasNotText: '(copy)' });
      await row.getByTestId('bin-restore').click();
      await expectHidden(row);
      await page.goto(state.accountUrl ?? '');
      await expectText(page.getByTestId('record-name'), 'Nordlicht Maschinenbau GmbH');
      await expectText(page.getByTestId('related-contacts'), 'Jonas Becker');
    });

    await step('delete detaching the contacts, then undo', async () => {
      await page.getByTestId('record-more').click();
      await page.getByTestId('record-delete').click();
      await page.getByTestId('delete-detach').click();
      await page.getByTestId('delete-confirm').click();
      await expectUrl(page, /\/accounts$/);
      await page.getByTestId('undo-delete').click();
      await expectUrl(page, /\/accounts\/\d+$/);
      await expectText(page.getByTestId('record-name'), 'Nordlicht Maschinenbau GmbH');
    });
  },
};
export default spec;
