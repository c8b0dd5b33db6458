import type { Page } from 'playwright-core';
import type { Spec } from '../lib/runner.ts';
import { ADMIN } from '../lib/server.ts';
import { apiAs } from '../lib/api.ts';
import { drag, expectHidden, expectText, expectUrl, expectVisible, loginAs, pick } from '../lib/ui.ts';

// Issue #10 in the browser: a lead converted into a contact, an account and a deal; a call logged and a meeting
// scheduled by dropping the account on the Kanban by next activity; a note and a file; the timeline that tells it all.
const LEAD_FIRST = 'Ingrid';
const LEAD_LAST = 'Lindqvist-Ødegaard';
const COMPANY = 'Nordlicht Optik & Feinmechanik AG';
const TAG = 'e2e-kanban';
const CALL = 'Intro call about the optics line';
const MEETING = 'Demo of the lens inspection system';
const NOTE = 'Wants a quote for 40 inspection stations';
const FILE = 'Angebot Nordlicht 2027.pdf';

const card = (page: Page) => page.getByTestId('board-card').filter({ has: page.getByTestId('card-name').getByText(COMPANY, { exact: true }) });
const timelineText = (page: Page) => page.getByTestId('section-timeline');

const spec: Spec = {
  name: 'Activities, notes, files, timeline; a lead converted; the Kanban by next activity',
  async run({ page, browser, baseUrl, step, shot, state }) {
    await step('setup through the API: a lead from a trade fair', async () => {
      const admin = await apiAs(browser, baseUrl, ADMIN.email, ADMIN.password);
      try {
        state.leadId = (await admin.post<{ id: string }>('/leads', { firstName: LEAD_FIRST, lastName: LEAD_LAST, company: COMPANY, email: 'ingrid@nordlicht-optik.example', source: 'trade_show', status: 'qualified' })).id;
      } finally {
        await admin.close();
      }
      await loginAs(page, baseUrl, ADMIN.email, ADMIN.password);
    });

    await step('convert the lead into a contact, a new account and a deal, in one go', async () => {
      await page.getByTestId('nav-leads').click();
      await expectUrl(page, /\/leads/);
      await page.getByText(`${LEAD_FIRST} ${LEAD_LAST}`, { exact: true }).click();
      await expectUrl(page, new RegExp(`/leads/${state.leadId}`));
      await page.getByTestId('lead-convert').click();
      await expectVisible(page.getByTestId('convert-modal'));
      await expectText(page.getByTestId('convert-modal'), COMPANY);
      await page.getByTestId('convert-create-deal').click();
      await expectVisible(page.getByTestId('convert-deal-name'));
      await shot('convert-lead');
      await page.getByTestId('convert-submit').click();
      await expectUrl(page, /\/contacts\/\d+/);
      await expectText(page.getByTestId('record-name'), LEAD_LAST);
      await page.getByTestId('contact-account-link').first().click();
      await expectUrl(page, /\/accounts\/\d+/);
      await expectText(page.getByTestId('record-name'), COMPANY);
      state.accountId = page.url().split('/').pop() ?? '';
      await expectText(page.getByTestId('related-deals'), COMPANY);
    });

    await step('log a call on the account', async () => {
      await page.getByTestId('activity-log-call').click();
      await expectVisible(page.getByTestId('activity-form'));
      await page.getByTestId('activity-subject').fill(CALL);
      await page.getByTestId('activity-save').click();
      await expectHidden(page.getByTestId('activity-form'));
      await page.getByTestId('closed-activities-toggle').click();
      await expectText(page.getByTestId('closed-activities'), CALL);
    });

    await step('add a formatted note and attach a file', async () => {
      const editor = page.getByTestId('note-editor').locator('[contenteditable="true"]');
      await editor.click();
      await page.keyboard.type('Wants a quote for ');
      await page.keyboard.press('Control+b');
      await page.keyboard.type('40 inspection stations');
      await page.keyboard.press('Control+b');
      await page.getByTestId('note-save').click();
      await expectText(page.getByTestId('note-item').first(), NOTE);
      const bold = await page.getByTestId('note-item').first().locator('strong').textContent();
      if (bold !== '40 inspection stations') throw new Error(`the note lost its formatting (bold: "${bold}")`);
      await page.getByTestId('attachment-upload').setInputFiles({ name: FILE, mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n% e2e quote\n') });
      await expectText(page.getByTestId('attachment-item').first(), FILE);
      await shot('account-notes-files');
    });

    await step('the Kanban by next activity: drop the account on "next week" to schedule a meeting there', async () => {
      const admin = await apiAs(browser, baseUrl, ADMIN.email, ADMIN.password);
      try {
        const account = await admin.get<{ version: number; tags: string[] }>(`/accounts/${state.accountId}`);
        await admin.patch(`/accounts/${state.accountId}`, { tags: [...account.tags, TAG], version: account.version });
      } finally {
        await admin.close();
      }
      await page.goto(`${baseUrl}/accounts`); // a fresh start, so the tag list knows the tag just added through the API
      await page.getByTestId('accounts-view-board').click();
      await expectVisible(page.getByTestId('activity-board'));
      await pick(page, 'board-filter-tag', TAG);
      await expectVisible(card(page));
      await expectText(page.getByTestId('board-column-none'), COMPANY);
      await drag(page, card(page), () => page.getByTestId('board-column-nextWeek'));
      await expectVisible(page.getByTestId('followup-modal'));
      await page.getByTestId('followup-subject').fill(MEETING);
      await page.getByTestId('followup-type').getByText('Meeting').click();
      await shot('follow-up');
      await page.getByTestId('followup-save').click();
      await expectHidden(page.getByTestId('followup-modal'));
      await expectText(page.getByTestId('board-column-nextWeek'), MEETING);
      await expectHidden(page.getByTestId('board-column-none').getByText(COMPANY, { exact: true }));
      await shot('kanban');
    });

    await step('completing the meeting from its card moves the account back to "no activity planned"', async () => {
      await card(page).getByTestId('board-card-complete').click();
      await expectText(page.getByTestId('board-column-none'), COMPANY);
    });

    await step('the timeline tells what happened, newest first, and filters by kind', async () => {
      await page.goto(`${baseUrl}/accounts/${state.accountId}`);
      await expectVisible(page.getByTestId('timeline-list'));
      for (const text of [MEETING, CALL, FILE, 'added a note', `${LEAD_FIRST} ${LEAD_LAST}`]) await expectText(timelineText(page), text);
      await page.getByTestId('timeline-filter-files').click();
      await expectText(timelineText(page), FILE);
      const kinds = await page.getByTestId('timeline-event').evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')));
      if (kinds.some((k) => k !== 'file_added')) throw new Error(`the files filter shows ${kinds.join(', ')}`);
      await page.getByTestId('timeline-filter-files').click();
      await shot('timeline');
    });

    await step('arrange the page: hide the files and move the timeline to the top, for every account', async () => {
      await page.getByTestId('arrange-sections').click();
      await expectVisible(page.getByTestId('arrange-modal'));
      await page.getByTestId('arrange-show-files').click();
      for (let i = 0; i < 10; i++) {
        const up = page.getByTestId('arrange-up-timeline');
        if (await up.isDisabled()) break;
        await up.click();
      }
      await page.getByTestId('arrange-save').click();
      await expectHidden(page.getByTestId('arrange-modal'));
      await expectHidden(page.getByTestId('section-attachments'));
      const first = await page.locator('[data-section]').first().getAttribute('data-section');
      if (first !== 'timeline') throw new Error(`the first section is ${first}, not the timeline`);
      await page.reload();
      await expectVisible(page.getByTestId('timeline-list'));
      await expectHidden(page.getByTestId('section-attachments'));
    });

    await step('My activities lists what is planned; the lead shows what it became', async () => {
      await page.getByTestId('nav-activities').click();
      await expectUrl(page, /\/activities/);
      await page.getByTestId('activity-new').click();
      await expectVisible(page.getByTestId('activity-form'));
      await page.getByTestId('activity-subject').fill('Send the quote to Nordlicht');
      await page.getByTestId('activity-save').click();
      await expectHidden(page.getByTestId('activity-form'));
      await expectText(page.getByTestId('my-activities'), 'Send the quote to Nordlicht');
      await shot('my-activities');
      await page.goto(`${baseUrl}/leads/${state.leadId}`);
      await expectVisible(page.getByTestId('lead-converted-banner'));
      await expectText(page.getByTestId('lead-converted-banner'), COMPANY);
      await expectHidden(page.getByTestId('lead-convert'));
    });
  },
};

export default spec;
