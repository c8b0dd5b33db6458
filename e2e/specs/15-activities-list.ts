import type { Page } from 'playwright-core';
import type { Spec } from '../lib/runner.ts';
import { ADMIN } from '../lib/server.ts';
import { apiAs } from '../lib/api.ts';
import { expectHidden, expectText, expectUrl, expectVisible, loginAs, pick } from '../lib/ui.ts';

// Issue #13 for activities: the list beside the agenda, with views, the type shortcut, sorting and the activity form.
// Its own activities (a subject word of their own, narrowed by the name box), so it runs alone (E2E_ONLY=15-).
const WORD = 'Listprobe';
const CALL = `${WORD} Zulu call with Fjordkraft`;
const TASK = `${WORD} Alpha task: send the offer`;
const MEETING = `${WORD} Mike meeting in Tromsø`;
const COLLEAGUE = { email: 'colleague.activities@example.com', name: 'Cora Calendar', password: 'colleague-password-42' };

const table = (page: Page) => page.getByTestId('activities-table');
const typeChip = (page: Page) => page.getByTestId('filter-chip').and(page.locator('[data-field="type"]'));
const subjects = async (page: Page) => table(page).getByTestId('row-name').allInnerTexts();

/** Waits until the table shows exactly these subjects, in this order. */
async function expectSubjects(page: Page, expected: string[]): Promise<void> {
  await page.waitForFunction(
    (want) => {
      const got = [...document.querySelectorAll('[data-testid="activities-table"] [data-testid="row-name"]')].map((e) => e.textContent ?? '');
      return JSON.stringify(got) === JSON.stringify(want);
    },
    expected,
    { timeout: 10_000 },
  ).catch(async () => {
    throw new Error(`expected ${JSON.stringify(expected)}, the list shows ${JSON.stringify(await subjects(page))}`);
  });
}

const inDays = (days: number, hour: number) => {
  const d = new Date(Date.now() + days * 86_400_000);
  d.setUTCHours(hour, 0, 0, 0);
  return d.toISOString();
};

const spec: Spec = {
  name: 'Activities list: views, the type shortcut, sort, open an activity',
  async run({ page, browser, baseUrl, step, shot }) {
    await step('setup through the API: a call and a task of mine, a meeting of a colleague', async () => {
      const admin = await apiAs(browser, baseUrl, ADMIN.email, ADMIN.password);
      try {
        const colleague = await admin.post<{ id: string }>('/users', { ...COLLEAGUE, role: 'sales' });
        await admin.post('/activities', { type: 'call', subject: CALL, startAt: inDays(1, 8), durationMinutes: 30 });
        await admin.post('/activities', { type: 'task', subject: TASK, dueAt: inDays(2, 9) });
        await admin.post('/activities', { type: 'meeting', subject: MEETING, startAt: inDays(3, 10), ownerId: colleague.id });
      } finally {
        await admin.close();
      }
      await loginAs(page, baseUrl, ADMIN.email, ADMIN.password);
    });

    await step('from the agenda to the list; the name box finds the three, soonest first', async () => {
      await page.getByTestId('nav-activities').click();
      await expectUrl(page, /\/activities$/);
      await page.getByTestId('activities-view-list').click();
      await expectUrl(page, /\/activities\/list/);
      await expectVisible(page.getByTestId('nav-activities').and(page.locator('[data-active="true"]')));
      await page.getByTestId('list-search').fill(WORD);
      await expectSubjects(page, [CALL, TASK, MEETING]);
      await shot('activities-list');
    });

    await step('the "My activities" view leaves out the colleague\'s meeting', async () => {
      await page.getByTestId('view-selector').click();
      await page.getByTestId('view-option').filter({ hasText: 'My activities' }).click();
      await expectText(page.getByTestId('view-selector'), 'My activities');
      await expectSubjects(page, [CALL, TASK]);
    });

    await step('the type shortcut: only the call, and the condition shows in the filter', async () => {
      await pick(page, 'filter-activity-type', 'Call');
      await expectSubjects(page, [CALL]);
      await expectText(typeChip(page), 'Call');
      if (!/filter=/.test(page.url())) throw new Error(`the URL does not hold the filter: ${page.url()}`);
      await shot('activities-list-calls');
      // the chip and the shortcut are one condition: removing the chip clears the shortcut
      await typeChip(page).getByTestId('filter-chip-remove').click();
      await expectSubjects(page, [CALL, TASK]);
      const left = await page.getByTestId('filter-activity-type').inputValue();
      if (left !== '') throw new Error(`the type shortcut still shows "${left}"`);
    });

    await step('sort by subject', async () => {
      await page.getByTestId('sort-subject').click();
      await expectSubjects(page, [TASK, CALL]);
      if (!/sort=subject/.test(page.url())) throw new Error(`the URL does not hold the sort: ${page.url()}`);
    });

    await step('a row opens the activity in its form', async () => {
      await table(page).getByTestId('table-row').filter({ hasText: CALL }).click();
      await expectVisible(page.getByTestId('activity-form'));
      const subject = await page.getByTestId('activity-subject').inputValue();
      if (subject !== CALL) throw new Error(`the form shows "${subject}"`);
      await shot('activities-list-open');
      await page.keyboard.press('Escape');
      await expectHidden(page.getByTestId('activity-form'));
    });

    await step('back to the agenda', async () => {
      await page.getByTestId('activities-view-agenda').click();
      await expectUrl(page, /\/activities$/);
      await expectVisible(page.getByTestId('my-activities'));
    });
  },
};
export default spec;
