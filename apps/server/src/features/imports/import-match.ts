import { sql, type Transaction } from 'kysely';
import type { DuplicateReasonCode } from '@kontor/contract/duplicates';
import type { DedupeMatcher, ImportModule } from '@kontor/contract/imports';
import { personSortKey } from '@kontor/contract/sort-key';
import type { DB } from '../../db/schema.ts';
import { toE164 } from '../contact-points/phones.ts';
import type { Actor } from '../permissions/actor.ts';
import { visibleRecords } from '../records/visible-records.ts';
import { companyKey } from './import-links.ts';
import type { DuplicateProfile } from '../duplicates/duplicate-keys.ts';
import { draftProfile, findDuplicatesMany } from '../duplicates/duplicate-matcher.ts';
import { settleDuplicates } from '../duplicates/duplicate-sync.ts';
import type { ImportDraft } from './mapping/draft.ts';

/**
 * Finds the record a row duplicates (issue #15): the record its source id was imported as, else the best likely
 * duplicate the duplicates' matcher finds (issue #16: the one matcher of the check on entry and the clusters) with a
 * reason the import matches on: the same e-mail, the same phone (E.164), a similar name in the same account or company
 * domain (accounts: a similar name). Only records the importer may see are matched. Rows earlier in the same file count too:
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
  /** The row as the duplicates' matcher reads it (contacts and accounts). */
  profile: DuplicateProfile | null;
}

/** Which of the matcher's reasons each "match on" option accepts. */
const reasonsFor: Record<DedupeMatcher, readonly DuplicateReasonCode[]> = { email: ['email'], phone: ['phone'], name_account: ['name_account', 'name_domain', 'name'] };

export class ImportMatcher {
  private readonly seen = new Map<string, number>();
  private readonly codes: DuplicateReasonCode[];

  constructor(
    private readonly actor: Actor,
    private readonly module: ImportModule,
    private readonly matchOn: readonly DedupeMatcher[],
    private readonly region: string | null,
  ) {
    this.codes = [...new Set(matchOn.flatMap((m) => reasonsFor[m]))];
  }

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
    const profile =
      this.module === 'contacts' || this.module === 'accounts'
        ? draftProfile(
            this.module,
            {
              firstName: typeof draft.fields.firstName === 'string' ? draft.fields.firstName : undefined,
              lastName: typeof draft.fields.lastName === 'string' ? draft.fields.lastName : undefined,
              name: typeof draft.fields.name === 'string' ? draft.fields.name : undefined,
              accountId,
              emails: draft.emails.map((e) => e.value),
              phones: draft.phones.map((p) => p.value),
              websites: draft.websites.map((w) => w.value),
            },
            this.region,
          )
        : null;
    return { emails, phones, name, profile };
  }

  private keyList(k: Keys): string[] {
    return [...k.emails.map((e) => `e:${e}`), ...k.phones.map((p) => `t:${p}`), ...(k.name ? [k.name] : [])];
  }

  /** A row stored (or matched) this record: later rows with the same keys are its duplicates. */
  remember(keys: Keys, id: number): void {
    for (const key of this.keyList(keys)) if (!this.seen.has(key)) this.seen.set(key, id);
  }

  async find(trx: Transaction<DB>, keys: Keys, accountId: string | null): Promise<Match | null> {
    return (await this.findMany(trx, [{ keys, accountId }]))[0] ?? null;
  }

  /** Forgets the keys of rows stored so far (they are in the database now, where `find` sees them). */
  forgetSeen(): void {
    this.seen.clear();
  }

  /**
   * The matches of a chunk's rows, in file order: a row matched by an earlier row of the file answers `in_file` (id 0
   * when that row is not stored yet); the others ask the duplicates' matcher (issue #16) for their best visible
   * candidate with a reason the import matches on, all rows of the chunk at once.
   */
  async findMany(trx: Transaction<DB>, rows: ReadonlyArray<{ keys: Keys; accountId: string | null }>): Promise<Array<Match | null>> {
    const matching = (this.module === 'contacts' || this.module === 'accounts') && this.codes.length > 0;
    if (matching) await settleDuplicates(trx);
    const found =
      matching
        ? await findDuplicatesMany(trx, this.actor, this.module, rows.map((r) => r.keys.profile).filter((p): p is DuplicateProfile => p !== null), { limit: 1, codes: this.codes })
        : [];
    const out: Array<Match | null> = [];
    const chunkSeen = new Set<string>();
    let next = 0;
    for (const r of rows) {
      const best = r.keys.profile ? found[next++]?.[0] : undefined;
      let match: Match | null = null;
      for (const key of this.keyList(r.keys)) {
        const id = this.seen.get(key);
        if (id !== undefined) match = { id, reason: 'in_file' };
        else if (chunkSeen.has(key)) match = { id: 0, reason: 'in_file' };
        if (match) break;
      }
      if (!match && best) {
        const reason = best.reasons.map((x) => x.code).find((c) => this.codes.includes(c));
        match = { id: best.id, reason: reason === 'email' || reason === 'phone' ? reason : 'name_account' };
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

