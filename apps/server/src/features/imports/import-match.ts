import { sql, type Transaction } from 'kysely';
import type { DedupeMatcher, ImportModule } from '@kontor/contract/imports';
import { nameSortKey, personSortKey } from '@kontor/contract/sort-key';
import type { DB } from '../../db/schema.ts';
import { toE164 } from '../contact-points/phones.ts';
import type { Actor } from '../permissions/actor.ts';
import { visibleRecords } from '../records/visible-records.ts';
import { companyKey } from './import-links.ts';
import type { ImportDraft } from './mapping/draft.ts';

/**
 * Finds the record a row duplicates (issue #15): the record its source id was imported as, else one with the same
 * e-mail (any of its e-mails, ignoring case), the same normalised phone (E.164), or the same name in the same account
 * (accounts: the same name). Only records the importer may see are matched. Rows earlier in the same file count too:
 * a key stored by this import is remembered (`remember`), so a file's second "PETRA.NOVAK@…" is its first one's
 * duplicate even inside one transaction.
 */

export type MatchReason = 'source_id' | DedupeMatcher | 'in_file';
export interface Match {
  id: number;
  reason: MatchReason;
}

/** How a match is named in a report. */
const reasonText: Record<Exclude<MatchReason, 'in_file'>, string> = { source_id: 'the same source id', email: 'the same e-mail', phone: 'the same phone number', name_account: 'the same name and account' };

/** The report's line for a row skipped as a duplicate. */
export const duplicateMessage = (reason: MatchReason): string =>
  reason === 'in_file' ? 'Skipped: a duplicate of an earlier row of this file.' : `Skipped: a duplicate of an existing record (${reasonText[reason]}).`;

interface Keys {
  emails: string[];
  phones: string[];
  name: string | null;
}

export class ImportMatcher {
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly actor: Actor,
    private readonly module: ImportModule,
    private readonly matchOn: readonly DedupeMatcher[],
    private readonly region: string | null,
  ) {}

  keysOf(draft: ImportDraft, accountId: string | null): Keys {
    const emails = this.matchOn.includes('email') ? draft.emails.map((e) => e.value.trim().toLowerCase()).filter(Boolean) : [];
    const phones = this.matchOn.includes('phone') ? draft.phones.map((p) => toE164(p.value, this.region)).filter((v): v is string => v !== null) : [];
    let name: string | null = null;
    if (this.matchOn.includes('name_account')) {
      const f = draft.fields;
      if (this.module === 'accounts' && typeof f.name === 'string') name = `n:${companyKey(f.name)}`;
      else if (this.module === 'contacts' && (typeof f.firstName === 'string' || typeof f.lastName === 'string')) {
        name = `p:${personSortKey({ firstName: (f.firstName as string | undefined) ?? null, lastName: (f.lastName as string | undefined) ?? null })}|${accountId ?? ''}`;
      }
    }
    return { emails, phones, name };
  }

  private keyList(k: Keys): string[] {
    return [...k.emails.map((e) => `e:${e}`), ...k.phones.map((p) => `t:${p}`), ...(k.name ? [k.name] : [])];
  }

  /** A row stored (or matched) this record: later rows with the same keys are its duplicates. */
  remember(keys: Keys, id: number): void {
    for (const key of this.keyList(keys)) if (!this.seen.has(key)) this.seen.set(key, id);
  }

  async find(trx: Transaction<DB>, keys: Keys, accountId: string | null): Promise<Match | null> {
    for (const key of this.keyList(keys)) {
      const id = this.seen.get(key);
      if (id !== undefined) return { id, reason: 'in_file' };
    }
    if (this.module !== 'contacts' && this.module !== 'accounts') return null;
    const m = this.module;
    const visible = () => visibleRecords(trx, this.actor, m).select(`${m}.id as id`);
    if (keys.emails.length) {
      const row = await visible()
        .where(sql<boolean>`${sql.ref(`${m}.id`)} in (select record_id from contact_points where module = ${m} and kind = 'emails' and lower(value) in (${sql.join(keys.emails)}))`)
        .orderBy(`${m}.id`)
        .executeTakeFirst();
      if (row) return { id: Number(row.id), reason: 'email' };
    }
    if (keys.phones.length) {
      const row = await visible()
        .where(sql<boolean>`${sql.ref(`${m}.id`)} in (select record_id from contact_points where module = ${m} and kind = 'phones' and e164 in (${sql.join(keys.phones)}))`)
        .orderBy(`${m}.id`)
        .executeTakeFirst();
      if (row) return { id: Number(row.id), reason: 'phone' };
    }
    if (keys.name) return this.findByName(trx, keys.name, accountId);
    return null;
  }

  private async findByName(trx: Transaction<DB>, name: string, accountId: string | null): Promise<Match | null> {
    if (this.module === 'accounts') {
      const key = name.slice(2);
      const rows = await visibleRecords(trx, this.actor, 'accounts').select(['accounts.id', 'accounts.name']).where('accounts.name_sort', '=', nameSortKey(key)).limit(50).execute();
      const found = rows.find((r) => companyKey(r.name) === key);
      return found ? { id: found.id, reason: 'name_account' } : null;
    }
    const sortKey = name.slice(2, name.lastIndexOf('|'));
    let q = visibleRecords(trx, this.actor, 'contacts').select('contacts.id').where('contacts.sort_name', '=', sortKey);
    q = accountId ? q.where('contacts.account_id', '=', Number(accountId)) : q.where('contacts.account_id', 'is', null);
    const row = await q.orderBy('contacts.id').executeTakeFirst();
    return row ? { id: row.id, reason: 'name_account' } : null;
  }

  /** Forgets the keys of rows stored so far (they are in the database now, where `find` sees them). */
  forgetSeen(): void {
    this.seen.clear();
  }

  /**
   * The matches of a chunk's rows, in file order, in a few queries: every e-mail, phone and name the chunk has is
   * looked up at once; a row matched by an earlier row of the chunk (not stored yet) answers `in_file` with id 0.
   */
  async findMany(trx: Transaction<DB>, rows: ReadonlyArray<{ keys: Keys; accountId: string | null }>): Promise<Array<Match | null>> {
    const byEmail = new Map<string, number>();
    const byPhone = new Map<string, number>();
    const byName = new Map<string, number>();
    if (this.module === 'contacts' || this.module === 'accounts') {
      const m = this.module;
      const emails = [...new Set(rows.flatMap((r) => r.keys.emails))];
      for (let i = 0; i < emails.length; i += 500) {
        const found = await visibleRecords(trx, this.actor, m)
          .innerJoin('contact_points as cp', (j) => j.onRef('cp.record_id', '=', `${m}.id` as 'contacts.id').on('cp.module', '=', m).on('cp.kind', '=', 'emails'))
          .select([`${m}.id as id` as 'contacts.id', sql<string>`lower(cp.value)`.as('key')])
          .where(sql<string>`lower(cp.value)`, 'in', emails.slice(i, i + 500))
          .execute();
        for (const f of found as Array<{ id: number; key: string }>) if (!byEmail.has(f.key) || (byEmail.get(f.key) ?? 0) > f.id) byEmail.set(f.key, Number(f.id));
      }
      const phones = [...new Set(rows.flatMap((r) => r.keys.phones))];
      for (let i = 0; i < phones.length; i += 500) {
        const found = await visibleRecords(trx, this.actor, m)
          .innerJoin('contact_points as cp', (j) => j.onRef('cp.record_id', '=', `${m}.id` as 'contacts.id').on('cp.module', '=', m).on('cp.kind', '=', 'phones'))
          .select([`${m}.id as id` as 'contacts.id', 'cp.e164 as key'])
          .where('cp.e164', 'in', phones.slice(i, i + 500))
          .execute();
        for (const f of found as Array<{ id: number; key: string | null }>) if (f.key && (!byPhone.has(f.key) || (byPhone.get(f.key) ?? 0) > f.id)) byPhone.set(f.key, Number(f.id));
      }
    }
    const out: Array<Match | null> = [];
    const chunkSeen = new Set<string>();
    for (const r of rows) {
      let match: Match | null = null;
      for (const key of this.keyList(r.keys)) {
        const id = this.seen.get(key);
        if (id !== undefined) match = { id, reason: 'in_file' };
        else if (chunkSeen.has(key)) match = { id: 0, reason: 'in_file' };
        if (match) break;
      }
      if (!match) {
        const email = r.keys.emails.map((e) => byEmail.get(e)).find((id) => id !== undefined);
        const phone = r.keys.phones.map((p) => byPhone.get(p)).find((id) => id !== undefined);
        if (email !== undefined) match = { id: email, reason: 'email' };
        else if (phone !== undefined) match = { id: phone, reason: 'phone' };
        else if (r.keys.name) {
          const cached = byName.get(r.keys.name);
          const id = cached ?? (await this.findByName(trx, r.keys.name, r.accountId))?.id;
          if (id !== undefined) {
            byName.set(r.keys.name, id);
            match = { id, reason: 'name_account' };
          }
        }
      }
      for (const key of this.keyList(r.keys)) chunkSeen.add(key);
      out.push(match);
    }
    return out;
  }

  /** The records many source ids were imported as, in one query per 500 (those the importer may see). */
  async bySourceIds(trx: Transaction<DB>, sourceIds: readonly string[]): Promise<Map<string, number>> {
    const m = this.module;
    const out = new Map<string, number>();
    const unique = [...new Set(sourceIds)];
    for (let i = 0; i < unique.length; i += 500) {
      const rows = await visibleRecords(trx, this.actor, m)
        .innerJoin('import_source_ids as src', (j) => j.onRef('src.record_id', '=', `${m}.id` as 'contacts.id').on('src.module', '=', m))
        .select([`${m}.id as id` as 'contacts.id', 'src.source_id'])
        .where('src.source_id', 'in', unique.slice(i, i + 500))
        .execute();
      for (const r of rows as Array<{ id: number; source_id: string }>) out.set(r.source_id, Number(r.id));
    }
    return out;
  }

  /** The record a source id was imported as (any earlier import), if the importer may see it. */
  async bySourceId(trx: Transaction<DB>, sourceId: string): Promise<number | null> {
    const m = this.module;
    const row = await visibleRecords(trx, this.actor, m)
      .select(`${m}.id as id`)
      .where(sql<boolean>`${sql.ref(`${m}.id`)} in (select record_id from import_source_ids where module = ${m} and source_id = ${sourceId})`)
      .executeTakeFirst();
    return row ? Number(row.id) : null;
  }
}

