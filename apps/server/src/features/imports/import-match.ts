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

