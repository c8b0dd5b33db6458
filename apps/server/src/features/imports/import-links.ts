import { sql, type Transaction } from 'kysely';
import type { ImportModule } from '@kontor/contract/imports';
import { nameSortKey } from '@kontor/contract/sort-key';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { toApiId } from '../../lib/ids.ts';
import { insertAccountInTrx, newAccountRecord } from '../accounts/accounts.service.ts';
import { insertNewRecords } from '../records/bulk-insert.ts';
import type { Actor } from '../permissions/actor.ts';
import { assertCan, assertMayAssignOwner } from '../permissions/access.ts';
import { visibleRecords } from '../records/visible-records.ts';
import type { WriteConfig } from '../records/write-config.ts';
import type { ImportDraft } from './mapping/draft.ts';
import type { DraftLinks } from './import-adapters.ts';

/**
 * Finds what a row links to (issue #15): its owner (e-mail or name), contact type (name), account (by the id it had in
 * the source system, else by name compared case- and space-insensitively) and an account's parent. A company that
 * does not exist yet is created, once per import, and recorded as the import's. Lookups are cached for the import;
 * what a row adds to the caches is kept only when the row is stored (`commit`), not when it is rolled back (`rollback`).
 */

/** Names compared as the fixtures' README says: trimmed, inner white space collapsed, Unicode case folded. */
export const companyKey = (name: string): string => name.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('und');

const mayCreate = (actor: Actor): boolean => {
  try {
    assertCan(actor, 'create', 'accounts');
    return true;
  } catch {
    return false;
  }
};

/** The ways a website holding a domain is stored (a bare host is stored with https://). */
const websiteForms = (domain: string): string[] => ['https://', 'http://', 'https://www.', 'http://www.'].flatMap((p) => [`${p}${domain}`, `${p}${domain}/`]);

/** The host of a stored website without `www.`, lower-cased. */
function hostOf(url: string): string | null {
  try {
    return new URL(url).hostname.toLowerCase().replace(/^www\./, '');
  } catch {
    return null;
  }
}

/** Mail providers whose domain says nothing about a person's company. */
const FREE_MAIL = /^(gmail|googlemail|yahoo|ymail|hotmail|outlook|live|msn|gmx|web|t-online|freenet|icloud|me|mac|aol|qq|163|126|sina|sohu|yandex|mail|protonmail|proton|zoho|yopmail)\./;

/** The company domain a person's e-mails show (the first that is not a mail provider's), or null. */
export function companyDomain(emails: ReadonlyArray<{ value: string }>): string | null {
  for (const e of emails) {
    const domain = e.value.trim().toLowerCase().split('@')[1];
    if (domain && domain.includes('.') && !FREE_MAIL.test(domain)) return domain;
  }
  return null;
}

/** A link a row could not make: the row fails with it. */
export class LinkProblem extends Error {
  constructor(
    readonly target: 'owner' | 'contactType' | 'company' | 'parent',
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface CreatedAccount {
  id: number;
  sourceId: string | null;
}

export class ImportLinks {
  private readonly owners = new Map<string, number | null>();
  private readonly contactTypes = new Map<string, number | null>();
  private readonly accountsByKey = new Map<string, number>();
  private readonly accountsBySource = new Map<string, number>();
  private pending: Array<() => void> = [];
  /** What this row's links could not make but the row is stored without (reported as warnings). */
  warnings: LinkProblem[] = [];
  /** Accounts this row created (for the import's items and counts). */
  created: CreatedAccount[] = [];
  /** Accounts created only to be linked to (a company column, a parent): a later row of the file for the same account fills them in instead of being a duplicate. */
  readonly placeholders = new Set<number>();

  constructor(
    private readonly actor: Actor,
    private readonly accountConfig: WriteConfig,
    private readonly defaults: { ownerId: string | null; contactType: string | null; tags: string[] },
  ) {}

  /** The row is stored: what it learnt stays. */
  commit(): void {
    this.pending = [];
    this.created = [];
    this.warnings = [];
  }

  /** Forgets every account learnt (a dry run rolls its chunks back). */
  reset(): void {
    this.prefetched = [];
    this.accountsByKey.clear();
    this.accountsBySource.clear();
    this.placeholders.clear();
    this.pending = [];
    this.created = [];
  }

  /** The row was rolled back: forget the accounts it created. */
  rollback(): void {
    for (const undo of this.pending) undo();
    this.pending = [];
    this.created = [];
    this.warnings = [];
  }

  private remember<K>(map: Map<K, number>, key: K, id: number): void {
    if (map.has(key)) return;
    map.set(key, id);
    this.pending.push(() => map.delete(key));
  }

  async links(trx: Transaction<DB>, module: ImportModule, draft: ImportDraft): Promise<DraftLinks> {
    const tags = [...new Set([...draft.tags, ...this.defaults.tags].map((t) => t.trim()).filter(Boolean))];
    const links: DraftLinks = { ownerId: this.defaults.ownerId, contactType: this.defaults.contactType, accountId: null, parentAccountId: null, tags };
    if (draft.owner) {
      // An owner the file names who is no user here (the source system's people): the default owner, and a warning.
      try {
        links.ownerId = toApiId(await this.owner(trx, draft.owner));
      } catch (err) {
        if (!(err instanceof LinkProblem)) throw err;
        this.warnings.push(err);
      }
    }
    if (draft.contactType && (module === 'contacts' || module === 'accounts')) {
      try {
        links.contactType = await this.contactType(trx, draft.contactType);
      } catch (err) {
        if (!(err instanceof LinkProblem)) throw err;
        this.warnings.push(err);
      }
    }
    if (draft.company && module !== 'accounts' && module !== 'leads') links.accountId = await this.account(trx, draft.company, 'company');
    if (draft.parent && module === 'accounts') links.parentAccountId = await this.account(trx, draft.parent, 'parent');
    return links;
  }

  private async owner(trx: Transaction<DB>, given: string): Promise<number> {
    const key = given.trim().toLocaleLowerCase('und');
    let id = this.owners.get(key);
    if (id === undefined) {
      const row = await trx
        .selectFrom('users')
        .select('id')
        .where('active', '=', 1)
        .where((eb) => eb.or([eb(eb.fn('lower', ['email']), '=', key), eb(eb.fn('lower', ['name']), '=', key)]))
        .orderBy('id')
        .executeTakeFirst();
      id = row?.id ?? null;
      this.owners.set(key, id);
    }
    if (id === null) throw new LinkProblem('owner', 'no_such_user', `There is no active user "${given.trim()}": the record went to the default owner.`);
    try {
      assertMayAssignOwner(this.actor, id);
    } catch (err) {
      if (err instanceof AppError) throw new LinkProblem('owner', 'owner_not_allowed', `You may not give records to "${given.trim()}": the record went to the default owner.`);
      throw err;
    }
    return id;
  }

  private async contactType(trx: Transaction<DB>, given: string): Promise<string> {
    const key = given.trim().toLocaleLowerCase('und');
    if (!this.contactTypes.has(key)) {
      const row = await trx.selectFrom('contact_types').select('id').where(sql<string>`lower(name)`, '=', key).executeTakeFirst();
      this.contactTypes.set(key, row?.id ?? null);
    }
    const id = this.contactTypes.get(key);
    if (id == null) throw new LinkProblem('contactType', 'no_such_contact_type', `There is no contact type "${given.trim()}": the record has none.`);
    return toApiId(id);
  }

  /** The account a company (or parent) names: by source id, by name, else a new one. */
  private async account(trx: Transaction<DB>, ref: { name: string | null; sourceId: string | null }, target: 'company' | 'parent'): Promise<string | null> {
    const sourceId = ref.sourceId?.trim() || null;
    const name = ref.name?.trim().replace(/\s+/g, ' ') || null;
    if (sourceId) {
      const id = await this.bySource(trx, sourceId);
      if (id !== null) return toApiId(id);
    }
    if (!name) return null;
    const key = companyKey(name);
    const id = this.accountsByKey.get(key) ?? (await this.byName(trx, name, key));
    if (id !== null) {
      if (sourceId) this.remember(this.accountsBySource, sourceId, id);
      return toApiId(id);
    }
    return toApiId(await this.createAccount(trx, name, sourceId, target));
  }

  private async bySource(trx: Transaction<DB>, sourceId: string): Promise<number | null> {
    const cached = this.accountsBySource.get(sourceId);
    if (cached !== undefined) return cached;
    const row = await visibleRecords(trx, this.actor, 'accounts')
      .select('accounts.id')
      .where(sql<boolean>`accounts.id in (select record_id from import_source_ids where module = 'accounts' and source_id = ${sourceId})`)
      .executeTakeFirst();
    if (!row) return null;
    this.remember(this.accountsBySource, sourceId, row.id);
    return row.id;
  }

  private async byName(trx: Transaction<DB>, name: string, key: string): Promise<number | null> {
    const rows = await visibleRecords(trx, this.actor, 'accounts').select(['accounts.id', 'accounts.name']).where('accounts.name_sort', '=', nameSortKey(name)).orderBy('accounts.id').limit(50).execute();
    const found = rows.find((r) => companyKey(r.name) === key);
    if (!found) return null;
    this.remember(this.accountsByKey, key, found.id);
    return found.id;
  }

  private async createAccount(trx: Transaction<DB>, name: string, sourceId: string | null, target: 'company' | 'parent'): Promise<number> {
    try {
      assertCan(this.actor, 'create', 'accounts');
    } catch {
      throw new LinkProblem(target, 'import_no_account_right', `There is no account "${name}", and you may not create accounts.`);
    }
    if (name.length > 100) throw new LinkProblem(target, 'max_characters', `The company name is longer than the 100 characters an account name takes.`);
    const id = await insertAccountInTrx(trx, this.actor, { name, ...(this.defaults.ownerId && { ownerId: this.defaults.ownerId }) }, this.accountConfig);
    this.remember(this.accountsByKey, companyKey(name), id);
    if (sourceId) this.remember(this.accountsBySource, sourceId, id);
    this.placeholders.add(id);
    this.pending.push(() => this.placeholders.delete(id));
    this.created.push({ id, sourceId });
    return id;
  }

  /**
   * Finds the accounts a chunk's rows name in a few queries, and creates the missing ones in one bulk insert, so that
   * `links()` for each row answers from the caches (an import of a million contacts names a quarter million companies).
   */
  async prefetchCompanies(trx: Transaction<DB>, refs: ReadonlyArray<{ name: string | null; sourceId: string | null; domain?: string | null }>): Promise<void> {
    const sources = [...new Set(refs.map((r) => r.sourceId?.trim()).filter((s): s is string => !!s && !this.accountsBySource.has(s)))];
    for (let i = 0; i < sources.length; i += 500) {
      const rows = await visibleRecords(trx, this.actor, 'accounts')
        .innerJoin('import_source_ids as src', (j) => j.onRef('src.record_id', '=', 'accounts.id').on('src.module', '=', 'accounts'))
        .select(['accounts.id', 'src.source_id'])
        .where('src.source_id', 'in', sources.slice(i, i + 500))
        .execute();
      for (const r of rows) this.accountsBySource.set(r.source_id, r.id);
    }
    const wanted = new Map<string, string>();
    for (const r of refs) {
      const sourceId = r.sourceId?.trim();
      if (sourceId && this.accountsBySource.has(sourceId)) continue;
      const name = r.name?.trim().replace(/\s+/g, ' ');
      if (!name || name.length > 100) continue;
      const key = companyKey(name);
      if (!this.accountsByKey.has(key) && !wanted.has(key)) wanted.set(key, name);
    }
    const sortKeys = [...new Set([...wanted.values()].map((n) => nameSortKey(n)))];
    for (let i = 0; i < sortKeys.length; i += 500) {
      const rows = await visibleRecords(trx, this.actor, 'accounts').select(['accounts.id', 'accounts.name']).where('accounts.name_sort', 'in', sortKeys.slice(i, i + 500)).orderBy('accounts.id').execute();
      for (const r of rows) {
        const key = companyKey(r.name);
        if (wanted.has(key) && !this.accountsByKey.has(key)) this.accountsByKey.set(key, r.id);
      }
    }
    await this.byDomain(trx, refs, wanted);
    const missing = [...wanted].filter(([key]) => !this.accountsByKey.has(key));
    if (missing.length === 0 || !mayCreate(this.actor)) return;
    const records = missing.map(([, name]) => newAccountRecord(this.actor, { name, ...(this.defaults.ownerId && { ownerId: this.defaults.ownerId }) }, this.accountConfig));
    const ids = await insertNewRecords(trx, this.actor, 'accounts', records);
    const sourceOf = new Map(refs.filter((r) => r.name && r.sourceId).map((r) => [companyKey((r.name ?? '').trim().replace(/\s+/g, ' ')), r.sourceId?.trim() ?? null]));
    missing.forEach(([key], n) => {
      const id = ids[n] as number;
      this.accountsByKey.set(key, id);
      const sourceId = sourceOf.get(key) ?? null;
      if (sourceId) this.accountsBySource.set(sourceId, id);
      this.placeholders.add(id);
      this.prefetched.push({ id, sourceId });
    });
  }

  /**
   * A company the name did not find may be an account under another name with the same web domain as the person's
   * e-mail ("ACME Corp" for acme.example when the account is "Acme Holdings"): the domain links it, nothing is created.
   */
  private async byDomain(trx: Transaction<DB>, refs: ReadonlyArray<{ name: string | null; domain?: string | null }>, wanted: Map<string, string>): Promise<void> {
    const keyOfDomain = new Map<string, string>();
    for (const r of refs) {
      const name = r.name?.trim().replace(/\s+/g, ' ');
      if (!name || !r.domain) continue;
      const key = companyKey(name);
      if (wanted.has(key) && !this.accountsByKey.has(key) && !keyOfDomain.has(r.domain)) keyOfDomain.set(r.domain, key);
    }
    const domains = [...keyOfDomain.keys()];
    for (let i = 0; i < domains.length; i += 100) {
      const part = domains.slice(i, i + 100);
      const urls = part.flatMap((d) => websiteForms(d));
      const rows = await visibleRecords(trx, this.actor, 'accounts').select(['accounts.id', 'accounts.website']).where(sql<string>`lower(accounts.website)`, 'in', urls).orderBy('accounts.id').execute();
      for (const r of rows) {
        const domain = hostOf(r.website ?? '');
        const key = domain ? keyOfDomain.get(domain) : undefined;
        if (key && !this.accountsByKey.has(key)) this.accountsByKey.set(key, r.id);
      }
    }
  }

  /** Whether a company reference is known without a query or an insert (after `prefetchCompanies`). */
  companyKnown(ref: { name: string | null; sourceId: string | null } | null): boolean {
    if (!ref) return true;
    const sourceId = ref.sourceId?.trim();
    if (sourceId && this.accountsBySource.has(sourceId)) return true;
    const name = ref.name?.trim().replace(/\s+/g, ' ');
    if (!name) return !sourceId;
    return this.accountsByKey.has(companyKey(name));
  }

  /** Accounts `prefetchCompanies` created and no row has reported yet. */
  prefetched: CreatedAccount[] = [];

  /** A row stored an account itself (an accounts file): later rows link to it by name and source id. */
  learnAccount(id: number, name: string, sourceId: string | null): void {
    this.remember(this.accountsByKey, companyKey(name), id);
    if (sourceId) this.remember(this.accountsBySource, sourceId, id);
  }
}
