import type { Page } from 'playwright-core';
import type { SweepData } from './sweep-data.ts';

/** The e-mail of the sweep data's contact (sweep-data.ts), typed into a new contact to bring up the duplicate warning. */
const SWEEP_CONTACT_EMAIL = 'maximiliane.hohenzollern-sigmaringen@praezisionswerkzeuge.example';

/** A page (or an open state of one) the sweep visits in every language and at every width. */
export interface SweepPage {
  key: string;
  path: (d: SweepData, lang: string) => string;
  /** A CSS selector that shows once the page has its content. */
  ready: string;
  /** Brings up the state to check after the page is ready (a drawer, a popover, a selection, a toast). */
  open?: (page: Page) => Promise<void>;
  /** Shown to visitors without a session (its own browser context in the language). */
  public?: boolean;
  /** The state outlives a change of route (the app-wide palette, a toast): the next page loads afresh. */
  sticky?: boolean;
}

const tid = (id: string) => `[data-testid="${id}"]`;
/** Waits for a test id to show; `dialog` waits for a modal dialog (Mantine's modal root itself has no box). */
const show = (page: Page, id: string) => (id === 'dialog' ? page.getByRole('dialog') : page.getByTestId(id)).first().waitFor({ state: 'visible' });
const clickThen = (click: string, then: string) => async (page: Page) => {
  await page.getByTestId(click).first().click();
  await show(page, then);
};
const fixed = (p: string) => () => p;

const settings: Array<[string, string, string]> = [
  ['users', 'users', 'users-table'],
  ['roles', 'roles', 'roles-tree'],
  ['profiles', 'profiles', 'profile-editor'],
  ['sharing', 'sharing', 'org-defaults-save'],
  ['audit', 'audit-log', 'audit-table'],
  ['tags', 'tags', 'new-tag'],
  ['contact-types', 'contact-types', 'contact-type-row'],
  ['custom-fields', 'custom-fields', 'new-custom-field'],
  ['pipelines', 'pipelines', 'pipeline-row'],
  ['custom-links', 'custom-links', 'custom-link-new'],
  ['business-card', 'business-card', 'business-card-accounts'],
  ['security', 'security', 'change-password-form'],
  ['tokens', 'tokens', 'new-token'],
];

/**
 * Every page of the app (apps/web/src/app/router.tsx) and the open states that matter. The order saves page loads: a
 * state follows the page it opens on (same address: no navigation), and the page after a state has another route (the
 * sweep moves there inside the app; see 21-sweep.ts).
 */
export const sweepPages: SweepPage[] = [
  { key: 'accounts', path: fixed('/accounts'), ready: tid('accounts-table') },
  {
    key: 'accounts-selected',
    path: fixed('/accounts'),
    ready: tid('accounts-table'),
    open: async (page) => {
      const boxes = page.getByTestId('accounts-table').getByTestId('row-select');
      await boxes.nth(0).click();
      await boxes.nth(1).click();
      await show(page, 'mass-action-bar');
    },
  },
  { key: 'contacts', path: fixed('/contacts'), ready: tid('contacts-table') },
  { key: 'contacts-new', path: fixed('/contacts'), ready: tid('new-contact'), open: clickThen('new-contact', 'contact-form') },
  { key: 'contact', path: (d) => `/contacts/${d.contactId}`, ready: tid('record-name') },
  { key: 'accounts-board', path: fixed('/accounts/board'), ready: tid('activity-board') },
  { key: 'accounts-filter', path: fixed('/accounts'), ready: tid('filter-add'), open: clickThen('filter-add', 'filter-popover') },
  { key: 'account', path: (d) => `/accounts/${d.accountId}`, ready: tid('record-name') },
  {
    key: 'account-delete',
    path: (d) => `/accounts/${d.accountId}`,
    ready: tid('record-more'),
    open: async (page) => {
      await page.getByTestId('record-more').click();
      await page.getByTestId('record-delete').click();
      await show(page, 'dialog');
      // the More menu closes with a transition: axe must not catch it half gone
      await page.locator('[role="menu"]').waitFor({ state: 'detached' });
    },
  },
  { key: 'accounts-new', path: fixed('/accounts'), ready: tid('new-account'), open: clickThen('new-account', 'account-form') },
  { key: 'deals-list', path: fixed('/deals?view=list'), ready: tid('deals-table') },
  { key: 'deals-new', path: fixed('/deals?view=list'), ready: tid('new-deal'), open: clickThen('new-deal', 'deal-form') },
  { key: 'deal', path: (d) => `/deals/${d.dealId}`, ready: tid('record-name') },
  { key: 'deals-board', path: fixed('/deals'), ready: tid('deal-board') },
  { key: 'accounts-export', path: fixed('/accounts'), ready: tid('accounts-table'), open: clickThen('export-open', 'dialog') },
  { key: 'lead', path: (d) => `/leads/${d.leadId}`, ready: tid('record-name') },
  { key: 'lead-convert', path: (d) => `/leads/${d.leadId}`, ready: tid('lead-convert'), open: clickThen('lead-convert', 'dialog') },
  { key: 'leads', path: fixed('/leads'), ready: tid('leads-table') },
  { key: 'activities', path: fixed('/activities'), ready: tid('my-activities') },
  { key: 'activities-new', path: fixed('/activities'), ready: tid('activity-new'), open: clickThen('activity-new', 'activity-form') },
  { key: 'activities-list', path: fixed('/activities/list'), ready: tid('activities-list') },
  { key: 'accounts-no-match', path: fixed('/accounts?q=zzqx-nothing-matches'), ready: tid('empty-state') },
  { key: 'imports', path: fixed('/imports'), ready: tid('import-history') },
  { key: 'import-upload', path: fixed('/imports/new?module=contacts'), ready: tid('import-upload') },
  // Issue #16: each module's likely duplicates, the warning in a form (the sweep's contact's e-mail typed again), and
  // the merge dialog started from a record page.
  { key: 'contacts-duplicates', path: fixed('/contacts/duplicates'), ready: tid('duplicates-page') },
  { key: 'accounts-duplicates', path: fixed('/accounts/duplicates'), ready: tid('duplicates-page') },
  {
    key: 'contacts-new-duplicate',
    path: fixed('/contacts'),
    ready: tid('new-contact'),
    open: async (page) => {
      await page.getByTestId('new-contact').click();
      await show(page, 'contact-form');
      await page.getByTestId('field-lastName').fill('Hohenzollern-Sigmaringen');
      await page.getByTestId('add-emails').click();
      await page.getByTestId('emails-value-0').fill(SWEEP_CONTACT_EMAIL);
      await show(page, 'duplicate-warning');
    },
  },
  {
    key: 'contact-merge',
    path: (d) => `/contacts/${d.contactId}`,
    ready: tid('record-more'),
    open: async (page) => {
      await page.getByTestId('record-more').click();
      await page.getByTestId('record-merge').click();
      await show(page, 'merge-add');
      await page.locator('[role="menu"]').waitFor({ state: 'detached' });
    },
  },
  { key: 'recycle-bin', path: fixed('/recycle-bin'), ready: tid('bin-table') },
  { key: 'recycle-bin-empty', path: fixed('/recycle-bin'), ready: tid('bin-table'), open: clickThen('bin-tab-leads', 'bin-empty') },
  ...settings.map(([key, path, ready]): SweepPage => ({ key: `settings-${key}`, path: fixed(`/settings/${path}`), ready: tid(ready) })),
  { key: 'print-accounts', path: fixed('/print/accounts'), ready: tid('print-table') },
  { key: 'not-found', path: fixed('/no-such-page'), ready: tid('empty-state') },
  { key: 'print-activities', path: fixed('/print/activities'), ready: tid('print-table') },
  {
    key: 'search',
    path: fixed('/accounts'),
    ready: tid('accounts-table'),
    sticky: true,
    open: async (page) => {
      await page.keyboard.press('Control+k');
      await show(page, 'palette-input');
      await page.getByTestId('palette-input').fill('Präzision');
      await show(page, 'search-hit');
    },
  },
  {
    key: 'toast',
    path: (d, lang) => `/accounts/${d.throwaway[lang] ?? ''}`,
    ready: tid('record-more'),
    sticky: true,
    open: async (page) => {
      await page.getByTestId('record-more').click();
      await page.getByTestId('record-delete').click();
      await page.getByTestId('delete-confirm').click();
      await show(page, 'undo-delete');
    },
  },

  // signed out, every address shows the login form (at /accounts: the app's start)
  { key: 'login', path: fixed('/accounts'), ready: tid('login-form'), public: true },
  {
    key: 'login-error',
    path: fixed('/accounts'),
    ready: tid('login-form'),
    public: true,
    open: async (page) => {
      await page.getByTestId('login-email').fill('sweep.nobody@example.com');
      await page.getByTestId('login-password').fill('not-the-password-42');
      await page.getByTestId('login-submit').click();
      await show(page, 'login-error');
    },
  },
  { key: 'invite', path: (d) => d.invitePath, ready: tid('invite-form'), public: true },
  { key: 'invite-dead', path: fixed('/invite/sweep-no-such-invitation-token-0000'), ready: tid('invite-dead'), public: true },
];
