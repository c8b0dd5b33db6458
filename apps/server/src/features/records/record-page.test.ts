import { describe, expect, it } from 'vitest';
import type { Profile } from '@kontor/contract/permissions';
import type { AccountPage, ContactPage, DealPage } from '@kontor/contract/record-pages';
import type { TimelinePage } from '@kontor/contract/timeline';
import { useHarness, type TestClient } from '../../test/harness.ts';
import { makeAccount, makeActivity, makeAttachment, makeContact, makeDeal, makeNote } from '../../test/factories.ts';

const { h, admin } = useHarness();

const json = async <T>(c: TestClient, url: string): Promise<T> => {
  const res = await c.get(url);
  expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
  return res.json<T>();
};

/** The timeline's window starts at "six months before now": two requests differ by the milliseconds between them. */
function sameTimeline(a: TimelinePage, b: TimelinePage) {
  expect(a.data).toEqual(b.data);
  expect(a.nextCursor).toEqual(b.nextCursor);
  expect(Math.abs(Date.parse(a.since ?? '') - Date.parse(b.since ?? ''))).toBeLessThan(60_000);
}

/** What the page's sections would load one by one, with the parameters they send. */
async function separately(c: TestClient, module: 'accounts' | 'contacts' | 'deals', id: string, tz: string) {
  const base = `/api/v1/${module}/${id}`;
  const deals = async () => ({
    open: await json(c, `${base}/deals?status=open&sort=name&limit=50`),
    won: await json(c, `${base}/deals?status=won&sort=name&limit=50`),
    lost: await json(c, `${base}/deals?status=lost&sort=name&limit=50`),
  });
  return {
    record: await json(c, base),
    ...(module === 'accounts' && {
      contacts: await json(c, `${base}/contacts?sort=lastName&limit=50`),
      members: await json(c, `${base}/members?sort=name&limit=50`),
    }),
    ...(module !== 'deals' && { deals: await deals() }),
    activities: {
      open: await json(c, `${base}/activities?done=false&limit=50&tz=${encodeURIComponent(tz)}`),
      closed: await json(c, `${base}/activities?done=true&limit=50&tz=${encodeURIComponent(tz)}`),
    },
    notes: await json(c, `${base}/notes?limit=50`),
    attachments: await json(c, `${base}/attachments?limit=50`),
    timeline: await json<TimelinePage>(c, `${base}/timeline?limit=30`),
  };
}

function samePage(page: { timeline: TimelinePage }, apart: { timeline: TimelinePage }) {
  const { timeline: t1, ...rest1 } = page;
  const { timeline: t2, ...rest2 } = apart;
  expect(rest1).toEqual(rest2);
  sameTimeline(t1, t2);
}

/** An account with something in every section: contacts, a member, open/won/lost deals, open and done activities, a note, a file. */
async function richAccount(owner: TestClient) {
  const account = await makeAccount(owner, { name: 'Page Holding AG' });
  const member = await makeAccount(owner, { name: 'Page Member GmbH', parentAccountId: account.id });
  const anna = await makeContact(owner, { lastName: 'Zeller', accountId: account.id });
  const bert = await makeContact(owner, { lastName: 'Adler', accountId: account.id });
  const open = await makeDeal(owner, { name: 'Open deal', accountId: account.id, contactId: anna.id });
  await makeDeal(owner, { name: 'Won deal', accountId: account.id, status: 'won' });
  await makeDeal(owner, { name: 'Lost deal', accountId: account.id, status: 'lost', lostReason: 'price' });
  await makeActivity(owner, { subject: 'Call back', accountId: account.id, contactId: bert.id });
  await makeActivity(owner, { subject: 'Visited', accountId: account.id, done: true });
  await makeNote(owner, { accountId: account.id }, '<p>Met the board</p>');
  await makeAttachment(owner, 'accounts', account.id, 'offer.txt');
  return { account, member, anna, bert, open };
}

describe('GET /{module}/{id}/page', () => {
  it("answers an account's page exactly as the record and list endpoints answer it, one visibility check", async () => {
    const sales = await h.client('sales');
    const { account } = await richAccount(sales);
    const tz = 'Europe/Berlin';
    const page = await json<AccountPage>(sales, `/api/v1/accounts/${account.id}/page?tz=${encodeURIComponent(tz)}`);
    expect(page.contacts?.data.map((c) => c.lastName)).toEqual(['Adler', 'Zeller']);
    expect(page.members.data.map((m) => m.name)).toEqual(['Page Member GmbH']);
    expect([page.deals?.open.data.length, page.deals?.won.data.length, page.deals?.lost.data.length]).toEqual([1, 1, 1]);
    expect(page.activities?.open.data.map((a) => a.subject)).toEqual(['Call back']);
    expect(page.activities?.closed.data.map((a) => a.subject)).toEqual(['Visited']);
    expect(page.notes.data).toHaveLength(1);
    expect(page.attachments.data.map((a) => a.name)).toEqual(['offer.txt']);
    expect(page.timeline.data.length).toBeGreaterThan(5);
    samePage(page, await separately(sales, 'accounts', account.id, tz));
  });

  it("answers a contact's and a deal's page as their endpoints do", async () => {
    const sales = await h.client('sales');
    const { anna, open } = await richAccount(sales);
    await makeNote(sales, { contactId: anna.id }, '<p>Prefers e-mail</p>');
    await makeActivity(sales, { subject: 'Demo', dealId: open.id });
    const contact = await json<ContactPage>(sales, `/api/v1/contacts/${anna.id}/page`);
    expect(contact.deals?.open.data.map((d) => d.name)).toEqual(['Open deal']);
    samePage(contact, await separately(sales, 'contacts', anna.id, 'UTC'));
    const deal = await json<DealPage>(sales, `/api/v1/deals/${open.id}/page`);
    expect(deal.activities?.open.data.map((a) => a.subject)).toEqual(['Demo']);
    samePage(deal, await separately(sales, 'deals', open.id, 'UTC'));
  });

  it('is 404 for a hidden or missing record, and never shows a hidden record of a visible one', async () => {
    const sales = await h.client('sales');
    const hidden = await makeAccount(admin, { name: 'Hidden Holding', restrictedTo: [] });
    for (const url of [`/api/v1/accounts/${hidden.id}/page`, '/api/v1/accounts/2147483647/page', '/api/v1/contacts/2147483647/page', '/api/v1/deals/2147483647/page']) {
      expect((await sales.get(url)).statusCode, url).toBe(404);
    }
    const visible = await makeAccount(admin, { name: 'Open Books GmbH' });
    await makeContact(admin, { lastName: 'Seen', accountId: visible.id });
    const secret = await makeContact(admin, { firstName: 'Verborgen', lastName: 'Geheimnisvoll', accountId: visible.id, restrictedTo: [] });
    await makeDeal(admin, { name: 'Geheimer Deal', accountId: visible.id, contactId: secret.id, restrictedTo: [] });
    await makeActivity(admin, { subject: 'Geheimes Treffen', accountId: visible.id, contactId: secret.id, restrictedTo: [] });
    const res = await sales.get(`/api/v1/accounts/${visible.id}/page`);
    expect(res.statusCode).toBe(200);
    const page = res.json<AccountPage>();
    expect(page.contacts?.data.map((c) => c.lastName)).toEqual(['Seen']);
    expect(page.deals?.open.data).toEqual([]);
    expect(page.activities?.open.data).toEqual([]);
    expect(res.body).not.toMatch(/Geheim|Verborgen/);
    // Lists the account's own counts show empty (no members, no open or won deal the reader may see) answer as their endpoints.
    samePage(page, await separately(sales, 'accounts', visible.id, 'UTC'));
    const bare = await makeAccount(sales, { name: 'Bare GmbH' });
    samePage(await json<AccountPage>(sales, `/api/v1/accounts/${bare.id}/page`), await separately(sales, 'accounts', bare.id, 'UTC'));
    // The admin sees all of it on the same page.
    const all = await json<AccountPage>(admin, `/api/v1/accounts/${visible.id}/page`);
    expect(all.contacts?.data.map((c) => c.lastName)).toEqual(['Geheimnisvoll', 'Seen']);
    expect(all.deals?.open.data.map((d) => d.name)).toEqual(['Geheimer Deal']);
  });

  it('leaves out the lists the profile may not view, as their endpoints would refuse them', async () => {
    const none: string[] = [];
    const profile = (
      await admin.post('/api/v1/profiles', { name: 'Accounts only', rights: { modules: { accounts: ['view'], contacts: none, deals: none, activities: none, leads: none }, admin: [] } })
    ).json<Profile>();
    const viewer = await h.client('sales', { profileId: profile.id });
    const account = await makeAccount(admin, { name: 'Viewed Only AG' });
    await makeContact(admin, { accountId: account.id });
    expect((await viewer.get(`/api/v1/accounts/${account.id}/contacts`)).statusCode).toBe(403);
    const page = await json<AccountPage>(viewer, `/api/v1/accounts/${account.id}/page`);
    expect([page.contacts, page.deals, page.activities]).toEqual([null, null, null]);
    expect(page.record.name).toBe('Viewed Only AG');
    expect((await viewer.get(`/api/v1/contacts/1/page`)).statusCode).toBe(403);
  });

  it('answers hostile ids and time zones with 400 or 404, never 500', async () => {
    for (const module of ['accounts', 'contacts', 'deals']) {
      for (const id of ['0', '-1', '99999999999', '2147483648', 'abc', '1%00', '%00', '1.5', '1e3']) {
        const status = (await admin.get(`/api/v1/${module}/${id}/page`)).statusCode;
        expect([400, 404], `${module}/${id}`).toContain(status);
      }
      expect((await admin.get(`/api/v1/${module}/1/page?tz=Mars%2FOlympus`)).statusCode).toBe(400);
      expect((await admin.get(`/api/v1/${module}/1/page?tz=%00`)).statusCode).toBe(400);
    }
  });
});
