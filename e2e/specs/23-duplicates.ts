import type { Page } from 'playwright-core';
import type { Spec } from '../lib/runner.ts';
import { ADMIN } from '../lib/server.ts';
import { apiAs } from '../lib/api.ts';
import { expectHidden, expectText, expectUrl, expectVisible, loginAs, switchLanguage } from '../lib/ui.ts';

// Issue #16, end to end in Chromium: a known e-mail typed into a new contact brings the duplicate warning; the
// duplicates page shows the pair; merging them with a value chosen by hand opens the survivor with that value; the
// merged contact's old address leads to the survivor; the merge is undone from the survivor's timeline and both
// contacts are back as they were. Runs alone too (E2E_ONLY=23-).
const EMAIL = 'clara.duplikat@doppelt.example';
const ACCOUNT = 'Doppelt & Söhne Handels AG';

interface Contact {
  id: string;
  fullName: string;
  firstName: string | null;
  position: string | null;
  department: string | null;
}

const cluster = (page: Page) => page.getByTestId('duplicate-cluster').filter({ hasText: 'Klara Duplikat' });

const spec: Spec = {
  name: 'Duplicates: the warning on entry, the duplicates page, a merge with a chosen value, undone from the timeline',
  async run({ page, browser, baseUrl, step, shot }) {
    const api = await apiAs(browser, baseUrl, ADMIN.email, ADMIN.password);
    const account = await api.post<{ id: string }>('/accounts', { name: ACCOUNT });
    const older = await api.post<Contact>('/contacts', {
      firstName: 'Clara', lastName: 'Duplikat', position: 'CTO', accountId: account.id, emails: [{ label: 'work', value: EMAIL, primary: true }],
    });
    // the second is updated later: it is the record a merge keeps by default
    await new Promise((r) => setTimeout(r, 1100));
    const newer = await api.post<Contact>('/contacts', {
      firstName: 'Klara', lastName: 'Duplikat', department: 'Forschung', accountId: account.id,
      emails: [{ label: 'work', value: EMAIL.toUpperCase(), primary: true }], phones: [{ label: 'mobile', value: '+49 157 93528123', primary: true }],
    });

    await step('typing a known e-mail into a new contact shows the possible duplicates, and saving stays possible', async () => {
      await loginAs(page, baseUrl, ADMIN.email, ADMIN.password);
      await switchLanguage(page, 'en');
      await expectText(page.getByTestId('nav-contacts'), 'Contacts');
      await page.goto(`${baseUrl}/contacts`);
      await page.getByTestId('new-contact').click();
      await expectVisible(page.getByTestId('contact-form'));
      await page.getByTestId('field-firstName').fill('Clara');
      await page.getByTestId('field-lastName').fill('Duplikat');
      await page.getByTestId('add-emails').click();
      await page.getByTestId('emails-value-0').fill(EMAIL);
      const warning = page.getByTestId('duplicate-warning');
      await expectVisible(warning);
      await expectText(warning, 'Clara Duplikat');
      await expectText(warning, 'Klara Duplikat');
      await expectText(warning.getByTestId('duplicate-reasons').first(), `Same e-mail: ${EMAIL}`);
      // a region with a name, inside a polite live region
      const region = page.getByRole('region', { name: /possible duplicates/i });
      await expectVisible(region);
      const live = await page.getByTestId('duplicate-warning-live').getAttribute('aria-live');
      if (live !== 'polite') throw new Error(`the warning's live region is "${live}"`);
      const save = page.getByTestId('form-save');
      if (await save.isDisabled()) throw new Error('the warning blocks saving');
      await shot('duplicates-warning');
      // "Open" asks before the typed input is discarded
      await warning.getByTestId('duplicate-open').first().click();
      await page.getByTestId('discard-keep').click();
      await expectVisible(page.getByTestId('contact-form'));
      await page.getByTestId('form-cancel').click();
      await page.getByTestId('discard-confirm').click();
      await expectHidden(page.getByTestId('contact-form'));
    });

    await step('the contacts list leads to the duplicates page, which shows the pair and why', async () => {
      await page.getByTestId('duplicates-open').click();
      await expectUrl(page, /\/contacts\/duplicates/);
      await expectVisible(cluster(page));
      await expectText(cluster(page), 'Clara Duplikat');
      await expectText(cluster(page).getByTestId('duplicate-pairs'), `Same e-mail: ${EMAIL}`);
      await shot('duplicates-page', { wide: true });
    });

    await step('merge: the newer contact is kept by default; its first name is chosen from the other by hand', async () => {
      await cluster(page).getByTestId('duplicate-merge').click();
      const dialog = page.getByTestId('merge-dialog');
      await expectVisible(dialog.getByTestId('merge-fields'));
      const kept = await dialog.locator(`[data-testid="merge-survivor-option"][data-record="${newer.id}"]`).isChecked();
      if (!kept) throw new Error('the most recently updated contact is not the default survivor');
      const firstName = dialog.locator('[data-testid="merge-field"][data-field="firstName"]');
      // the default is the newer value; the older one is chosen instead
      if (!(await firstName.locator(`[data-testid="merge-choice"][data-record="${newer.id}"]`).isChecked())) throw new Error('the newer first name is not the default');
      await firstName.getByText('Clara', { exact: true }).click();
      if (!(await firstName.locator(`[data-testid="merge-choice"][data-record="${older.id}"]`).isChecked())) throw new Error('the chosen first name is not checked');
      // position only the older one has: its value by default
      const position = dialog.locator('[data-testid="merge-field"][data-field="position"]');
      if (!(await position.locator(`[data-testid="merge-choice"][data-record="${older.id}"]`).isChecked())) throw new Error('the non-empty position is not the default');
      await expectText(dialog.getByTestId('merge-combined-points'), '+49 157 93528123');
      await shot('duplicates-merge-dialog');
      await dialog.getByTestId('merge-confirm').click();
    });

    await step('the survivor opens with the chosen value, the kept ones and an undo toast', async () => {
      await expectUrl(page, new RegExp(`/contacts/${newer.id}$`));
      await expectText(page.getByTestId('record-name'), 'Clara Duplikat');
      await expectVisible(page.getByTestId('undo-merge'));
      await expectText(page.getByTestId('business-card'), 'CTO');
      await expectText(page.getByTestId('value-department'), 'Forschung');
      const survivor = await api.get<Contact>(`/contacts/${newer.id}`);
      if (survivor.firstName !== 'Clara' || survivor.position !== 'CTO') throw new Error(`the survivor is ${JSON.stringify(survivor)}`);
      await shot('duplicates-survivor');
    });

    await step("the merged contact's old address leads to the survivor", async () => {
      await page.goto(`${baseUrl}/contacts/${older.id}`);
      await expectUrl(page, new RegExp(`/contacts/${newer.id}$`));
      await expectText(page.getByTestId('record-name'), 'Clara Duplikat');
    });

    await step("undo from the survivor's timeline: both contacts are back as they were", async () => {
      const timeline = page.getByTestId('section-timeline');
      const merged = timeline.locator('[data-testid="timeline-event"][data-kind="merged"]');
      await expectText(merged, 'merged a record into this one: Clara Duplikat');
      await merged.getByTestId('timeline-undo-merge').click();
      await expectText(page.getByTestId('undo-merge-dialog'), 'Clara Duplikat');
      await shot('duplicates-undo-dialog');
      await page.getByTestId('undo-merge-confirm').click();
      await expectHidden(page.getByTestId('undo-merge-dialog'));
      await expectText(page.getByTestId('record-name'), 'Klara Duplikat');
      await expectVisible(timeline.locator('[data-testid="timeline-event"][data-kind="merge_undone"]'));
      await page.goto(`${baseUrl}/contacts/${older.id}`);
      await expectText(page.getByTestId('record-name'), 'Clara Duplikat');
      await expectText(page.getByTestId('business-card'), 'CTO');
      if (!page.url().endsWith(`/contacts/${older.id}`)) throw new Error(`the restored contact's page moved to ${page.url()}`);
      const back = await api.get<Contact>(`/contacts/${newer.id}`);
      if (back.firstName !== 'Klara' || back.position !== null) throw new Error(`the survivor was not restored: ${JSON.stringify(back)}`);
      await shot('duplicates-undone');
    });

    await step('the pair is a likely duplicate again; "Not duplicates" removes it for good', async () => {
      await page.goto(`${baseUrl}/contacts/duplicates`);
      await expectVisible(cluster(page));
      await cluster(page).getByTestId('duplicate-dismiss').click();
      await page.getByTestId('confirm').click();
      await expectHidden(cluster(page));
      const left = await api.get<{ data: Array<{ records: Array<{ id: string }> }> }>('/contacts/duplicates?limit=100');
      if (left.data.some((c) => c.records.some((r) => r.id === older.id))) throw new Error('the dismissed pair is still suggested');
    });
    await api.close();
  },
};

export default spec;
