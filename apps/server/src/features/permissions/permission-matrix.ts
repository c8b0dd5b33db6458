/**
 * The permission matrix: for every profile x position in the role tree x sharing state x org-wide default x path,
 * the answer the API gives must equal the one the rules (written out independently below) predict.
 * Adding a path is one line in `probes`. Each `permission-matrix*.test.ts` file runs it for some modules (so the
 * files run in parallel).
 *
 * The paths that decide access (detail, list, edit, delete, share, owner change) are checked in every case. The other
 * paths (related lists, counts, aggregates, notes and files, ...) are checked in a third of the cases, chosen so that
 * every value of every dimension and nearly every pair of values meet each path; `KONTOR_MATRIX=full` checks every
 * path in every case (run it before a release: it takes about three times as long).
 */
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import type { Module } from '@kontor/contract/custom-fields';
import type { OrgDefault } from '@kontor/contract/permissions';
import { useHarness, type TestClient } from '../../test/harness.ts';
import { insertUser } from '../users/users.service.ts';
import { createApiToken } from '../auth/api-tokens.ts';
import { multipartFile } from '../../test/factories.ts';
import { byStatus, inActivityBoard, inBoard, inColumnPage, inList, rollUp, type Outcome } from './permission-matrix-answers.ts';
import { itemModules, parentFields, type ItemModule } from '@kontor/contract/notes';

const full = process.env.KONTOR_MATRIX === 'full';
const coreKinds = new Set(['edit', 'delete', 'share', 'owner']);
const coreReads = new Set(['detail', 'list']);

/** A third of the cases, spread so that each dimension's values (and nearly all pairs) meet every path. */
function sampled(profile: string, position: string, sharing: string, orgDefault: string): boolean {
  const at = (list: readonly string[], v: string) => list.indexOf(v);
  return (at(profileOrder, profile) + at(positionOrder, position) + at(sharingOrder, sharing) + at(defaultOrder, orgDefault)) % 3 === 0;
}
const profileOrder = ['administrator', 'sales_manager', 'salesperson', 'read_only', 'no_access'];
const positionOrder = ['self', 'above', 'peer', 'below'];
const sharingOrder = ['none', 'shared_read', 'shared_write', 'shared_role', 'restricted_listed', 'restricted_other'];
const defaultOrder = ['read_write', 'read_only', 'private'];

/** Defines the matrix for these modules (records of each, probed by every path that applies to them). */
export function definePermissionMatrix(only: readonly Module[]): void {
  const { h, admin } = useHarness();

  type ProfileKey = 'administrator' | 'sales_manager' | 'salesperson' | 'read_only' | 'no_access';
  type Position = 'self' | 'above' | 'peer' | 'below';
  type Sharing = 'none' | 'shared_read' | 'shared_write' | 'shared_role' | 'restricted_listed' | 'restricted_other';

  const profileKeys: ProfileKey[] = ['administrator', 'sales_manager', 'salesperson', 'read_only', 'no_access'];
  const positions: Position[] = ['self', 'above', 'peer', 'below'];
  const sharings: Sharing[] = ['none', 'shared_read', 'shared_write', 'shared_role', 'restricted_listed', 'restricted_other'];
  const defaults: OrgDefault[] = ['read_write', 'read_only', 'private'];

  type Rights = { view: boolean; edit: boolean; delete: boolean; share: boolean; admin: boolean };
  /** The rights of each profile, as the issue defines them (no_access: a custom profile that may only view accounts). */
  const profileRights: Record<ProfileKey, Rights> = {
    administrator: { view: true, edit: true, delete: true, share: true, admin: true },
    sales_manager: { view: true, edit: true, delete: true, share: true, admin: false },
    salesperson: { view: true, edit: true, delete: true, share: true, admin: false },
    read_only: { view: true, edit: false, delete: false, share: false, admin: false },
    no_access: { view: false, edit: false, delete: false, share: false, admin: false },
  };
  const rightsOf = (c: Case): Rights => (c.profile === 'no_access' && c.module === 'accounts' ? { ...profileRights.no_access, view: true } : profileRights[c.profile]);

  interface Case {
    module: Module;
    profile: ProfileKey;
    position: Position;
    sharing: Sharing;
    orgDefault: OrgDefault;
  }

  /** The rules, stated plainly: who sees a record, and who may change it. */
  function sees(c: Case): boolean {
    const r = rightsOf(c);
    if (r.admin) return true;
    const reach = c.position === 'self' || c.position === 'above';
    if (c.sharing === 'restricted_listed') return true;
    if (c.sharing === 'restricted_other') return reach;
    return reach || c.orgDefault !== 'private' || c.sharing.startsWith('shared_');
  }
  function writes(c: Case): boolean {
    if (rightsOf(c).admin) return true;
    const reach = c.position === 'self' || c.position === 'above';
    if (c.sharing === 'restricted_listed' || reach) return true;
    if (c.sharing === 'restricted_other') return false;
    return c.orgDefault === 'read_write' || c.sharing === 'shared_write';
  }
  function expected(kind: Probe['kind'], c: Case): Outcome {
    const r = rightsOf(c);
    if (kind === 'aggregate') return r.view && sees(c) ? 'allowed' : 'hidden';
    // A note made by the admin user (top of the role tree): only administrators are its author or above it.
    if (kind === 'authored') return !r.edit ? 'denied' : !sees(c) ? 'hidden' : r.admin ? 'allowed' : 'denied';
    // Changing the owner is an edit that also needs the share right on the record: write access is not ownership.
    if (kind === 'owner') return !r.edit ? 'denied' : !sees(c) ? 'hidden' : !writes(c) ? 'denied' : expected('share', c);
    if (kind === 'read') return !r.view ? 'denied' : sees(c) ? 'allowed' : 'hidden';
    // Purging from the recycle bin: the delete right, and the owner, users above the owner or administrators.
    if (kind === 'purge') return !r.delete ? 'denied' : !sees(c) ? 'hidden' : r.admin || c.position === 'self' || c.position === 'above' ? 'allowed' : 'denied';
    if (!r[kind]) return 'denied';
    if (!sees(c)) return 'hidden';
    return kind === 'share' ? (r.admin || c.position === 'self' || c.position === 'above' ? 'allowed' : 'denied') : writes(c) ? 'allowed' : 'denied';
  }

  /** What a flag says: the record must be seen first (a 404 or a profile without the view right), then the action's rule. */
  function expectedFlag(kind: Probe['kind'], c: Case): Outcome {
    if (!rightsOf(c).view) return 'denied';
    return sees(c) ? expected(kind, c) : 'hidden';
  }

  interface Rec {
    id: string;
    module: Module;
    marker: string;
    /** The account a contact belongs to, or the parent of an account. */
    containerId: string;
  }

  async function currentVersion(r: Rec): Promise<number> {
    return (await admin.get(`/api/v1/${r.module}/${r.id}`)).json<{ version: number }>().version;
  }

  /** Puts a converted lead back as it was, so the next case converts it again: its contact is purged, the lead reopened. */
  async function unconvert(r: Rec): Promise<void> {
    const { convertedContactId } = (await admin.get(`/api/v1/leads/${r.id}`)).json<{ convertedContactId: string }>();
    expect((await admin.delete(`/api/v1/contacts/${convertedContactId}`)).statusCode).toBe(204);
    expect((await admin.delete(`/api/v1/recycle-bin/contacts/${convertedContactId}`)).statusCode).toBe(204);
    await h.database.db.updateTable('leads').set({ status: 'new', converted_at: null }).where('id', '=', Number(r.id)).execute();
  }

  interface Probe {
    name: string;
    kind: 'read' | 'aggregate' | 'edit' | 'delete' | 'share' | 'owner' | 'authored' | 'purge';
    modules?: Module[];
    /** An `access` flag read with the record (or its bin entry): hidden when the record is, else what the action answers. */
    flag?: true;
    run(c: TestClient, r: Rec): Promise<Outcome>;
  }

  const png = sharp({ create: { width: 4, height: 4, channels: 3, background: '#00ff00' } }).png().toBuffer();
  const multipart = async () => {
    const b = '----matrix';
    return {
      headers: { 'content-type': `multipart/form-data; boundary=${b}` },
      payload: Buffer.concat([Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="file"; filename="p.png"\r\nContent-Type: image/png\r\n\r\n`), await png, Buffer.from(`\r\n--${b}--\r\n`)]),
    };
  };

  /** Notes and files sit on accounts, contacts, deals and leads; a body or query names the record with its field. */
  const onItems = { modules: [...itemModules] };
  const parentField = (r: Rec): string => parentFields[r.module as ItemModule];
  const itemIds = new Map<string, { id: string; version: number }>();
  /**
   * The record's note or file made by the admin user, so the actor is never its author: the one made before while it
   * still sits on the record (a lead's conversion moves its notes and files away), else a new one.
   */
  async function adminItem(r: Rec, kind: 'notes' | 'attachments'): Promise<{ id: string; version: number }> {
    const key = `${kind}/${r.module}/${r.id}`;
    const known = itemIds.get(key);
    if (known) {
      const now = await admin.get(`/api/v1/${kind}/${known.id}`);
      const item = now.json<{ module?: string; recordId?: string; version?: number }>();
      if (now.statusCode === 200 && item.recordId === r.id && item.module === r.module) return { id: known.id, version: item.version ?? 1 };
    }
    const made =
      kind === 'notes'
        ? await admin.post('/api/v1/notes', { body: '<p>by the admin</p>', [parentField(r)]: r.id })
        : await admin.raw({ method: 'POST', url: `/api/v1/${r.module}/${r.id}/attachments`, ...multipartFile('admin.txt', Buffer.from('admin')) });
    if (made.statusCode !== 201) throw new Error(made.body);
    const item = { id: made.json<{ id: string }>().id, version: made.json<{ version?: number }>().version ?? 1 };
    itemIds.set(key, item);
    return item;
  }
  /** Runs a change of the admin's item and forgets it when the change went through (edited: new version; deleted: gone). */
  async function changeItem(r: Rec, kind: 'notes' | 'attachments', change: (item: { id: string; version: number }) => Promise<LightMyRequestResponse>): Promise<Outcome> {
    const out = byStatus(await change(await adminItem(r, kind)));
    if (out === 'allowed') itemIds.delete(`${kind}/${r.module}/${r.id}`);
    return out;
  }
  /** What a record's `access` says the actor may do (the UI shows only those actions): allowed, denied, or hidden (404). */
  const accessFlag = async (c: TestClient, r: Rec, flag: 'edit' | 'delete' | 'share'): Promise<Outcome> => {
    const res = await c.get(`/api/v1/${r.module}/${r.id}`);
    return res.statusCode === 200 ? (res.json<{ access: Record<string, boolean> }>().access[flag] ? 'allowed' : 'denied') : byStatus(res);
  };
  /**
   * The record in the recycle bin as the actor's bin lists it (deleted by the admin first, restored by the admin after):
   * its `access` flag, and that the endpoint does what the flag says (a refused restore or purge changes nothing; an
   * allowed purge is not run, it would destroy the case's record).
   */
  async function binFlag(c: TestClient, r: Rec, flag: 'restore' | 'purge'): Promise<Outcome> {
    expect((await admin.delete(`/api/v1/${r.module}/${r.id}`)).statusCode).toBe(204);
    try {
      const res = await c.get(`/api/v1/recycle-bin?module=${r.module}&limit=200`);
      if (res.statusCode !== 200) return byStatus(res);
      const item = res.json<{ data: Array<{ id: string; access: { restore: boolean; purge: boolean } }> }>().data.find((i) => i.id === r.id);
      if (!item) return 'hidden';
      const said: Outcome = item.access[flag] ? 'allowed' : 'denied';
      if (flag === 'restore' || said === 'denied') {
        const done = flag === 'restore' ? await c.post(`/api/v1/${r.module}/${r.id}/restore`) : await c.delete(`/api/v1/recycle-bin/${r.module}/${r.id}`);
        const did = byStatus(done);
        if (did !== said) return `${flag} flag ${said}, endpoint ${did}` as Outcome;
      }
      return said;
    } finally {
      // restored by the actor already, or still in the bin: the admin brings it back
      const back = await admin.post(`/api/v1/${r.module}/${r.id}/restore`);
      expect([200, 404, 409]).toContain(back.statusCode);
    }
  }
  const fileUpload = (c: TestClient, url: string) => c.raw({ method: 'POST', url, ...multipartFile('probe.txt', Buffer.from('probe')) });

  /** Every path that reads or changes a record. One line each. */
  const probes: Probe[] = [
    { name: 'list', kind: 'read', run: async (c, r) => inList(await c.get(`/api/v1/${r.module}?q=${r.marker}`), r.id) },
    {
      name: 'filtered list',
      kind: 'read',
      run: async (c, r) => inList(await c.get(`/api/v1/${r.module}?filter=${encodeURIComponent(JSON.stringify({ match: 'all', conditions: [{ field: 'tags', op: 'anyOf', value: [r.marker] }] }))}`), r.id),
    },
    {
      // A mass action on the one record: changed, skipped as forbidden, or skipped as not found (hidden).
      name: 'mass action',
      kind: 'edit',
      modules: ['accounts', 'contacts', 'deals', 'activities'],
      run: async (c, r) => {
        const res = await c.post(`/api/v1/${r.module}/bulk`, { action: 'addTags', selection: { ids: [r.id] }, tags: ['matrix-mass'] });
        if (res.statusCode >= 300) return byStatus(res);
        const job = res.json<{ status: string; succeeded: number; skips: Array<{ code: string }> }>();
        const code = job.skips[0]?.code;
        return job.succeeded === 1 ? 'allowed' : code === 'forbidden' ? 'denied' : code === 'not_found' ? 'hidden' : (`job ${JSON.stringify(job)}` as Outcome);
      },
    },
    { name: 'count', kind: 'read', run: async (c, r) => ((res) => (res.statusCode === 200 ? (res.json<{ total: number }>().total === 1 ? 'allowed' : 'hidden') : byStatus(res)))(await c.get(`/api/v1/${r.module}?q=${r.marker}&count=true`)) },
    { name: 'detail', kind: 'read', run: async (c, r) => byStatus(await c.get(`/api/v1/${r.module}/${r.id}`)) },
    { name: 'photo', kind: 'read', modules: ['accounts', 'contacts'], run: async (c, r) => byStatus(await c.get(`/api/v1/${r.module}/${r.id}/photo`)) },
    { name: 'shares', kind: 'read', run: async (c, r) => byStatus(await c.get(`/api/v1/${r.module}/${r.id}/shares`)) },
    { name: 'account contacts', kind: 'read', modules: ['contacts'], run: async (c, r) => inList(await c.get(`/api/v1/accounts/${r.containerId}/contacts`), r.id) },
    { name: 'account deals', kind: 'read', modules: ['deals'], run: async (c, r) => inList(await c.get(`/api/v1/accounts/${r.containerId}/deals`), r.id) },
    {
      name: 'account deal sums',
      kind: 'aggregate',
      modules: ['deals'],
      run: async (c, r) => ((await c.get(`/api/v1/accounts/${r.containerId}`)).json<{ deals: { openDealCount: number } }>().deals.openDealCount === 1 ? 'allowed' : 'hidden'),
    },
    { name: 'deal board', kind: 'read', modules: ['deals'], run: async (c, r) => inBoard(await c.get('/api/v1/deals/board?limit=200'), r.id) },
    { name: 'member accounts', kind: 'read', modules: ['accounts'], run: async (c, r) => inList(await c.get(`/api/v1/accounts/${r.containerId}/members`), r.id) },
    { name: 'contact count', kind: 'aggregate', modules: ['contacts'], run: async (c, r) => ((await c.get(`/api/v1/accounts/${r.containerId}`)).json<{ contactCount: number }>().contactCount === 1 ? 'allowed' : 'hidden') },
    { name: 'member count', kind: 'aggregate', modules: ['accounts'], run: async (c, r) => ((await c.get(`/api/v1/accounts/${r.containerId}`)).json<{ memberCount: number }>().memberCount === 1 ? 'allowed' : 'hidden') },
    { name: 'activity board', kind: 'read', modules: ['accounts'], run: async (c, r) => inActivityBoard(await c.get(`/api/v1/accounts/activity-board?tag=${r.marker}`), r.id) },
    { name: 'activity board column', kind: 'read', modules: ['accounts'], run: async (c, r) => inColumnPage(await c.get(`/api/v1/accounts/activity-board/column?key=none&tag=${r.marker}`), r.id) },
    { name: 'hierarchy members', kind: 'aggregate', modules: ['accounts'], run: async (c, r) => (rollUp(await c.get(`/api/v1/accounts/${r.containerId}/hierarchy-summary`)).memberCount === 1 ? 'allowed' : 'hidden') },
    { name: 'hierarchy contacts', kind: 'aggregate', modules: ['contacts'], run: async (c, r) => (rollUp(await c.get(`/api/v1/accounts/${r.containerId}/hierarchy-summary`)).contactCount === 1 ? 'allowed' : 'hidden') },
    { name: 'hierarchy deals', kind: 'aggregate', modules: ['deals'], run: async (c, r) => (rollUp(await c.get(`/api/v1/accounts/${r.containerId}/hierarchy-summary`)).openDeals.count === 1 ? 'allowed' : 'hidden') },
    { name: 'conversion matches', kind: 'read', modules: ['leads'], run: async (c, r) => byStatus(await c.get(`/api/v1/leads/${r.id}/conversion-matches`)) },
    {
      name: 'convert',
      kind: 'edit',
      modules: ['leads'],
      run: async (c, r) => {
        const out = byStatus(await c.post(`/api/v1/leads/${r.id}/convert`, { version: await currentVersion(r) }));
        if (out === 'allowed') await unconvert(r);
        return out;
      },
    },
    { name: 'account activities', kind: 'read', modules: ['activities'], run: async (c, r) => inList(await c.get(`/api/v1/accounts/${r.containerId}/activities`), r.id) },
    { name: 'calendar file', kind: 'read', modules: ['activities'], run: async (c, r) => byStatus(await c.get(`/api/v1/activities/${r.id}/ics`)) },
    {
      name: 'complete',
      kind: 'edit',
      modules: ['activities'],
      run: async (c, r) => {
        const out = byStatus(await c.patch(`/api/v1/activities/${r.id}`, { done: true, version: await currentVersion(r) }));
        if (out === 'allowed') expect((await admin.patch(`/api/v1/activities/${r.id}`, { done: false, version: await currentVersion(r) })).statusCode).toBe(200);
        return out;
      },
    },
    // The check on entry names the record only to those who may see it (its name is its own exact key: `n:company…`).
    { name: 'duplicate check', kind: 'read', modules: ['accounts'], run: async (c, r) => inList(await c.post('/api/v1/accounts/duplicates/check', { name: `Company ${r.marker}` }), r.id) },
    { name: 'history', kind: 'read', run: async (c, r) => byStatus(await c.get(`/api/v1/${r.module}/${r.id}/history`)) },
    { name: 'timeline', kind: 'read', run: async (c, r) => byStatus(await c.get(`/api/v1/${r.module}/${r.id}/timeline`)) },
    {
      name: 'on the account timeline',
      kind: 'aggregate',
      modules: ['contacts', 'deals'],
      run: async (c, r) => ((await c.get(`/api/v1/accounts/${r.containerId}/timeline?filter=contacts,deals&limit=200`)).json<{ data: Array<{ recordId: string }> }>().data.some((e) => e.recordId === r.id) ? 'allowed' : 'hidden'),
    },
    { name: 'tag listed', kind: 'aggregate', run: async (c, r) => ((await c.get('/api/v1/tags')).json<{ data: Array<{ name: string }> }>().data.some((t) => t.name === r.marker) ? 'allowed' : 'hidden') },
    { name: 'tag usage', kind: 'aggregate', run: async (c, r) => ((await c.get('/api/v1/tags')).json<{ data: Array<{ name: string; usage: number }> }>().data.find((t) => t.name === r.marker)?.usage === 1 ? 'allowed' : 'hidden') },
    { name: 'update', kind: 'edit', run: async (c, r) => byStatus(await c.patch(`/api/v1/${r.module}/${r.id}`, { description: 'changed', version: await currentVersion(r) })) },
    { name: 'photo upload', kind: 'edit', modules: ['accounts', 'contacts'], run: async (c, r) => byStatus(await c.raw({ method: 'PUT', url: `/api/v1/${r.module}/${r.id}/photo`, ...(await multipart()) })) },
    { name: 'move', kind: 'edit', modules: ['contacts'], run: async (c, r) => byStatus(await c.post(`/api/v1/contacts/${r.id}/move`, { accountId: r.containerId, version: await currentVersion(r) })) },
    {
      name: 'owner change',
      kind: 'owner',
      run: async (c, r) => {
        const before = (await admin.get(`/api/v1/${r.module}/${r.id}`)).json<{ ownerId: string; version: number }>();
        const out = byStatus(await c.patch(`/api/v1/${r.module}/${r.id}`, { ownerId: c.userId, version: before.version }));
        const now = (await admin.get(`/api/v1/${r.module}/${r.id}`)).json<{ ownerId: string; version: number }>();
        if (out !== 'allowed') expect(now.ownerId).toBe(before.ownerId);
        else if (now.ownerId !== before.ownerId) expect((await admin.patch(`/api/v1/${r.module}/${r.id}`, { ownerId: before.ownerId, version: now.version })).statusCode).toBe(200);
        return out;
      },
    },
    { name: 'notes', kind: 'read', ...onItems, run: async (c, r) => byStatus(await c.get(`/api/v1/${r.module}/${r.id}/notes`)) },
    { name: 'notes by record field', kind: 'read', ...onItems, run: async (c, r) => byStatus(await c.get(`/api/v1/notes?${parentField(r)}=${r.id}`)) },
    { name: 'note', kind: 'read', ...onItems, run: async (c, r) => byStatus(await c.get(`/api/v1/notes/${(await adminItem(r, 'notes')).id}`)) },
    { name: 'note add', kind: 'edit', ...onItems, run: async (c, r) => byStatus(await c.post('/api/v1/notes', { body: '<p>probe</p>', [parentField(r)]: r.id })) },
    { name: 'note edit', kind: 'authored', ...onItems, run: (c, r) => changeItem(r, 'notes', (n) => c.patch(`/api/v1/notes/${n.id}`, { body: 'edited', version: n.version })) },
    { name: 'note delete', kind: 'authored', ...onItems, run: (c, r) => changeItem(r, 'notes', (n) => c.delete(`/api/v1/notes/${n.id}`)) },
    { name: 'files', kind: 'read', ...onItems, run: async (c, r) => byStatus(await c.get(`/api/v1/${r.module}/${r.id}/attachments`)) },
    { name: 'files by record field', kind: 'read', ...onItems, run: async (c, r) => byStatus(await c.get(`/api/v1/attachments?${parentField(r)}=${r.id}`)) },
    { name: 'file', kind: 'read', ...onItems, run: async (c, r) => byStatus(await c.get(`/api/v1/attachments/${(await adminItem(r, 'attachments')).id}`)) },
    { name: 'file download', kind: 'read', ...onItems, run: async (c, r) => byStatus(await c.get(`/api/v1/attachments/${(await adminItem(r, 'attachments')).id}/download`)) },
    { name: 'file upload', kind: 'edit', ...onItems, run: async (c, r) => byStatus(await fileUpload(c, `/api/v1/${r.module}/${r.id}/attachments`)) },
    { name: 'file upload by record field', kind: 'edit', ...onItems, run: async (c, r) => byStatus(await fileUpload(c, `/api/v1/attachments?${parentField(r)}=${r.id}`)) },
    { name: 'file delete', kind: 'edit', ...onItems, run: (c, r) => changeItem(r, 'attachments', (f) => c.delete(`/api/v1/attachments/${f.id}`)) },
    { name: 'access.edit flag', kind: 'edit', flag: true, run: (c, r) => accessFlag(c, r, 'edit') },
    { name: 'access.delete flag', kind: 'delete', flag: true, run: (c, r) => accessFlag(c, r, 'delete') },
    { name: 'access.share flag', kind: 'share', flag: true, run: (c, r) => accessFlag(c, r, 'share') },
    { name: 'bin restore flag', kind: 'delete', flag: true, run: (c, r) => binFlag(c, r, 'restore') },
    { name: 'bin purge flag', kind: 'purge', flag: true, run: (c, r) => binFlag(c, r, 'purge') },
    { name: 'share', kind: 'share', run: async (c, r) => byStatus(await c.post(`/api/v1/${r.module}/${r.id}/shares`, { userId: admin.userId, access: 'read' })) },
    {
      name: 'delete + restore',
      kind: 'delete',
      run: async (c, r) => {
        const out = byStatus(await c.delete(`/api/v1/${r.module}/${r.id}`));
        if (out === 'allowed') expect((await admin.post(`/api/v1/${r.module}/${r.id}/restore`)).statusCode).toBe(200);
        return out;
      },
    },
  ];

  async function setup() {
    const db = h.database.db;
    const profileIds = new Map(
      (await db.selectFrom('profiles').select(['id', 'key']).execute()).map((p) => [p.key, String(p.id)]),
    );
    const noAccess = await admin.post('/api/v1/profiles', { name: 'No access', rights: { modules: { accounts: ['view'], contacts: [] }, admin: [] } });
    profileIds.set('no_access', noAccess.json<{ id: string }>().id);
    const salesRole = (await db.selectFrom('roles').select('id').where('key', '=', 'sales').executeTakeFirstOrThrow()).id;
    const junior = (await admin.post('/api/v1/roles', { name: 'Junior', parentId: String(salesRole) })).json<{ key: string }>();

    let n = 0;
    const client = async (role: string, profile: ProfileKey): Promise<TestClient & { role: string }> => {
      n += 1;
      const u = await insertUser(db, { email: `m${n}@matrix.example`, name: `M${n}`, password: 'matrix-password-1', role, profileId: profileIds.get(profile), locale: 'en' });
      const { token } = await createApiToken(db, u.id, 't');
      const headers = { authorization: `Bearer ${token}` };
      const send = (method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
        h.app.inject({ method, url, headers, ...(payload !== undefined && { payload: payload as string }) });
      return {
        userId: String(u.id),
        token,
        role,
        get: (url) => send('GET', url),
        post: (url, body) => send('POST', url, body ?? {}),
        patch: (url, body) => send('PATCH', url, body),
        put: (url, body) => send('PUT', url, body),
        delete: (url) => send('DELETE', url),
        raw: (opts) => h.app.inject({ ...opts, headers: { ...headers, ...(opts.headers ?? {}) } }),
      };
    };
    const owner = await client('sales', 'salesperson');
    const actors = new Map<string, TestClient & { role: string }>();
    // The owner of the records is a salesperson; actors sit at the owner's place, above it, beside it and below it.
    const roleOfPosition: Record<Position, string> = { self: 'sales', above: 'manager', peer: 'sales', below: junior.key };
    for (const p of profileKeys) for (const pos of positions) actors.set(`${p}/${pos}`, await client(roleOfPosition[pos], p));
    const roleIdOf = new Map((await db.selectFrom('roles').select(['id', 'key']).execute()).map((r) => [r.key, String(r.id)]));

    const records = new Map<string, Rec>();
    const photo = await multipart();
    for (const module of only) {
      for (const [key, actor] of actors) {
        const ownerId = key.endsWith('/self') ? actor.userId : owner.userId;
        for (const sharing of sharings) {
          const marker = `mx${records.size}z`;
          // Containers are shared with the top role, which reaches everyone below it, so they stay visible under any default.
          const container = (await admin.post('/api/v1/accounts', { name: `Holder ${records.size}` })).json<{ id: string }>().id;
          await admin.post(`/api/v1/accounts/${container}/shares`, { roleId: roleIdOf.get('admin'), access: 'read' });
          const restrictedTo = sharing === 'restricted_listed' ? [actor.userId] : sharing === 'restricted_other' ? [] : undefined;
          const common = { ownerId, tags: [marker], ...(restrictedTo && { restrictedTo }) };
          const body =
            module === 'contacts'
              ? { lastName: `Person ${marker}`, accountId: container, ...common }
              : module === 'deals'
                ? { name: `Deal ${marker}`, accountId: container, amount: 1, ...common }
                : module === 'leads'
                  ? { lastName: `Lead ${marker}`, ...common }
                  : module === 'activities'
                    ? { type: 'meeting', subject: `Meeting ${marker}`, startAt: '2091-01-01T10:00:00Z', durationMinutes: 30, accountId: container, ...common }
                    : { name: `Company ${marker}`, parentAccountId: container, ...common };
          const res = await admin.post(`/api/v1/${module}`, body);
          if (res.statusCode !== 201) throw new Error(res.body);
          const id = res.json<{ id: string }>().id;
          if (sharing === 'shared_read' || sharing === 'shared_write') {
            await admin.post(`/api/v1/${module}/${id}/shares`, { userId: actor.userId, access: sharing === 'shared_read' ? 'read' : 'write' });
          }
          if (sharing === 'shared_role') await admin.post(`/api/v1/${module}/${id}/shares`, { roleId: roleIdOf.get(actor.role), access: 'read' });
          if (module === 'accounts' || module === 'contacts') await admin.raw({ method: 'PUT', url: `/api/v1/${module}/${id}/photo`, ...photo });
          records.set(`${module}/${key}/${sharing}`, { id, module, marker, containerId: container });
        }
      }
    }
    return { actors, records };
  }

  describe(`permission matrix: ${only.join(', ')}`, () => {
    it('answers every profile x position x sharing x org default x path as the rules say', async () => {
      const { actors, records } = await setup();
      const mismatches: string[] = [];
      let checked = 0;
      for (const orgDefault of defaults) {
        const settings = (await admin.get('/api/v1/settings')).json<Record<string, unknown>>();
        expect((await admin.put('/api/v1/settings', { ...settings, orgDefaults: { accounts: orgDefault, contacts: orgDefault, deals: orgDefault, leads: orgDefault, activities: orgDefault } })).statusCode).toBe(200);
        for (const [key, actor] of actors) {
          const [profile, position] = key.split('/') as [ProfileKey, Position];
          for (const sharing of sharings) {
            for (const module of only) {
              const rec = records.get(`${module}/${key}/${sharing}`);
              if (!rec) throw new Error('missing record');
              for (const probe of probes) {
                if (probe.modules && !probe.modules.includes(module)) continue;
                if (!full && !isCore(probe) && !sampled(profile, position, sharing, orgDefault)) continue;
                // A restricted contact still belongs to a container everyone sees; aggregates only count what the caller sees.
                const c = { module, profile, position, sharing, orgDefault };
                const want = probe.flag ? expectedFlag(probe.kind, c) : expected(probe.kind, c);
                const got = await probe.run(actor, rec);
                checked += 1;
                if (got !== want) mismatches.push(`${orgDefault} ${module} ${profile}/${position} ${sharing} ${probe.name}: expected ${want}, got ${got}`);
              }
            }
          }
        }
      }
      expect(mismatches.slice(0, 40)).toEqual([]);
      expect(checked).toBeGreaterThan(full ? 5000 : 1500);
    }, 900_000);
  });

  const isCore = (p: Probe) => coreKinds.has(p.kind) || coreReads.has(p.name);
}
