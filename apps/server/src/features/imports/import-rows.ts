import type { ControlledTransaction, Kysely } from 'kysely';
import { accountUpdateSchema } from '@kontor/contract/accounts';
import { contactUpdateSchema } from '@kontor/contract/contacts';
import { fieldErrorMap, fieldErrorsOf, type FieldError } from '@kontor/contract/field-errors';
import type { DedupeMode, ImportModule, ImportProblem } from '@kontor/contract/imports';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { toApiId } from '../../lib/ids.ts';
import { getAccount } from '../accounts/accounts.service.ts';
import { getContact } from '../contacts/contacts.service.ts';
import type { Actor } from '../permissions/actor.ts';
import { assertCan } from '../permissions/access.ts';
import type { WriteConfig } from '../records/write-config.ts';
import { importAdapters, type DraftLinks } from './import-adapters.ts';
import { LinkProblem, type ImportLinks } from './import-links.ts';
import { duplicateMessage, ImportMatcher, type Match } from './import-match.ts';
import { planUpdate } from './import-update.ts';
import { splitFullName } from './mapping/names.ts';
import { regionOfCountry } from './countries.ts';
import type { ImportEntry } from './import-entries.ts';
import type { ImportDraft } from './mapping/draft.ts';

/**
 * Stores one entry of an import (issue #15) inside the chunk's transaction, under a savepoint: a row that fails (a rule
 * of the module, a link it cannot make) is rolled back alone and reported with its line, column and reason; the rest
 * of the chunk goes on. What a stored row did is collected (items, source ids, counts) and written per chunk.
 */

export type Outcome = 'create' | 'update' | 'skip' | 'fail';

export interface ItemRecord {
  module: ImportModule;
  recordId: number;
  action: 'created' | 'updated';
  /** Updated: the values replaced (undo writes them back). */
  before: Record<string, unknown> | null;
}

export interface RowResult {
  outcome: Outcome;
  problems: ImportProblem[];
  items: ItemRecord[];
  sourceIds: Array<{ module: ImportModule; sourceId: string; recordId: number }>;
  accountsCreated: number;
  /** The create input as it was validated (the preview shows it). */
  input: Record<string, unknown> | null;
  match: (Match & { name?: string }) | null;
}

export interface RowWriterOptions {
  actor: Actor;
  module: ImportModule;
  mode: DedupeMode;
  matchOn: ImportMatcher;
  links: ImportLinks;
  configs: Partial<Record<ImportModule, WriteConfig>>;
  /** Header of the column that fed each input path's root (`firstName`, `emails`, `customFields.budget`). */
  columnOf: (path: string) => string | null;
  /** The file's region for national phone numbers (the option, else the organisation's default). */
  region: string | null;
  /** Writes nothing that outlives the chunk: the chunk is rolled back (dry run, preview). */
  dryRun: boolean;
}

const problem = (line: number, column: string | null, code: string, message: string, outcome: ImportProblem['outcome'] = 'failed'): ImportProblem => ({ line, column, code, message, outcome });

/** The row's problems from a field-error map (`{ 'emails.0.value': FieldError }`), each naming its column. */
function fieldProblems(line: number, fields: Record<string, FieldError>, columnOf: (path: string) => string | null): ImportProblem[] {
  return Object.entries(fields).map(([path, e]) => problem(line, columnOf(path), e.code, `${path}: ${e.message}`));
}

function errorProblems(line: number, err: unknown, columnOf: (path: string) => string | null): ImportProblem[] {
  if (err instanceof LinkProblem) return [problem(line, columnOf(err.target), err.code, err.message)];
  if (err instanceof AppError) {
    if (err.fields && Object.keys(err.fields).length) return fieldProblems(line, err.fields, columnOf);
    return [problem(line, null, err.code, err.message)];
  }
  throw err;
}

const loaders: Partial<Record<ImportModule, (db: Kysely<DB>, actor: Actor, id: number) => Promise<Record<string, unknown>>>> = {
  contacts: async (db, actor, id) => ({ ...(await getContact(db, actor, id)) }),
  accounts: async (db, actor, id) => ({ ...(await getAccount(db, actor, id)) }),
};
const updateSchemas = { contacts: contactUpdateSchema, accounts: accountUpdateSchema } as const;

export class RowWriter {
  private savepoints = 0;
  private line = 0;
  constructor(private readonly o: RowWriterOptions) {}

  /** A dry run's chunk was rolled back: the accounts it created are gone, so are the caches that name them. */
  forgetChunk(): void {
    this.o.links.reset();
  }

  async write(trx: ControlledTransaction<DB>, entry: ImportEntry): Promise<RowResult> {
    const result: RowResult = { outcome: 'fail', problems: [], items: [], sourceIds: [], accountsCreated: 0, input: null, match: null };
    if (entry.problem) {
      result.problems.push(problem(entry.line, entry.problem.column ?? null, entry.problem.code, entry.problem.message));
      return result;
    }
    const { draft } = entry;
    this.line = entry.line;
    if (draft.problems.length) {
      result.problems.push(...draft.problems.map((p) => problem(entry.line, p.column, p.code, p.message)));
      return result;
    }
    const name = `r${(this.savepoints = (this.savepoints + 1) % 1000)}`;
    const sp = await trx.savepoint(name).execute();
    try {
      await this.store(sp, entry.line, entry.module, draft, result);
      await sp.releaseSavepoint(name).execute();
      for (const w of this.o.links.warnings) result.problems.push(problem(entry.line, this.o.columnOf(w.target), w.code, w.message, 'warning'));
      this.o.links.commit();
    } catch (err) {
      await sp.rollbackToSavepoint(name).execute();
      this.o.links.rollback();
      Object.assign(result, { outcome: 'fail', items: [], sourceIds: [], accountsCreated: 0 });
      if (!(err instanceof RowFailed)) result.problems = errorProblems(entry.line, err, this.o.columnOf);
    }
    return result;
  }

  private async store(trx: ControlledTransaction<DB>, line: number, module: ImportModule, draft: ImportDraft, result: RowResult): Promise<void> {
    const { actor, links, columnOf } = this.o;
    const adapter = importAdapters[module];
    const linked: DraftLinks = await links.links(trx, module, draft);
    const input = adapter.createInput(draft, linked);
    const parsed = adapter.schema.safeParse(input, { error: fieldErrorMap });
    if (!parsed.success) {
      result.problems = fieldProblems(line, fieldErrorsOf(parsed.error.issues), columnOf);
      throw new RowFailed();
    }
    result.input = input;
    const sourceId = draft.sourceId?.trim() || null;
    const matcher = this.matcherFor(module);
    const keys = matcher.keysOf(draft, linked.accountId);
    let match: Match | null = null;
    if (sourceId) {
      const id = await matcher.bySourceId(trx, sourceId);
      if (id !== null) match = { id, reason: 'source_id' };
    }
    const placeholder = match === null && module === 'accounts' ? await matcher.find(trx, keys, null) : null;
    if (placeholder && placeholder.reason !== 'in_file' && links.placeholders.has(placeholder.id)) match = placeholder;
    if (match === null && this.o.mode !== 'create') match = await matcher.find(trx, keys, linked.accountId);
    result.match = match;
    if (match?.reason === 'in_file' && this.o.dryRun) {
      // the earlier row was rolled back with its chunk: count what would happen
      result.outcome = this.o.mode === 'skip' ? 'skip' : 'update';
      return;
    }

    // Placeholders are accounts (a company column's): only an accounts row can fill one in.
    const isPlaceholder = module === 'accounts' && match !== null && links.placeholders.has(match.id);
    if (match && !isPlaceholder && this.o.mode === 'skip') {
      result.outcome = 'skip';
      result.problems.push(problem(line, null, 'duplicate', duplicateMessage(match.reason), 'skipped'));
      if (sourceId) result.sourceIds.push({ module, sourceId, recordId: match.id });
      matcher.remember(keys, match.id);
      return;
    }
    if (match && (isPlaceholder || this.o.mode !== 'create' || match.reason === 'source_id')) {
      await this.update(trx, module, match, input, isPlaceholder || this.o.mode !== 'update_overwrite' ? 'fill' : 'overwrite', result);
      if (isPlaceholder) {
        // the account is the import's own (a company column made it): it stays "created", undo removes it
        links.placeholders.delete(match.id);
        result.outcome = 'create';
        result.items = result.items.filter((i) => !(i.module === module && i.recordId === match.id));
      }
      if (sourceId) result.sourceIds.push({ module, sourceId, recordId: match.id });
      matcher.remember(keys, match.id);
      return;
    }
    assertCan(actor, 'create', module);
    const config = this.configFor(module, draft);
    const id = await adapter.insert(trx, actor, parsed.data, config);
    result.outcome = 'create';
    result.items.push({ module, recordId: id, action: 'created', before: null });
    if (sourceId) result.sourceIds.push({ module, sourceId, recordId: id });
    if (module === 'accounts' && typeof input.name === 'string') links.learnAccount(id, input.name, sourceId);
    matcher.remember(keys, id);
    for (const created of links.created) {
      result.items.push({ module: 'accounts', recordId: created.id, action: 'created', before: null });
      if (created.sourceId) result.sourceIds.push({ module: 'accounts', sourceId: created.sourceId, recordId: created.id });
      result.accountsCreated += 1;
    }
    if (module === 'accounts' && draft.primaryContact) await this.primaryContact(trx, id, draft.primaryContact, linked, result);
  }

  private readonly matchers = new Map<ImportModule, ImportMatcher>();

  /** The matcher for a module's rows: the import's own, or (an account card in a contacts file) one by name. */
  matcherFor(module: ImportModule): ImportMatcher {
    if (module === this.o.module) return this.o.matchOn;
    let m = this.matchers.get(module);
    if (!m) this.matchers.set(module, (m = new ImportMatcher(this.o.actor, module, ['name_account'], this.o.region)));
    return m;
  }

  /** The module's write configuration, phones read in the row's country (its address) or the file's region. */
  configFor(module: ImportModule, draft: ImportDraft): WriteConfig {
    const config = this.o.configs[module];
    if (!config) throw new Error(`no write configuration for ${module}`);
    const billing = draft.fields.billingAddress as { country?: unknown } | undefined;
    const country = draft.addresses.find((a) => a.country.trim() !== '')?.country ?? (typeof billing?.country === 'string' ? billing.country : null);
    const region = regionOfCountry(country) ?? this.o.region ?? config.settings.defaultPhoneRegion;
    return region === config.settings.defaultPhoneRegion ? config : { ...config, settings: { ...config.settings, defaultPhoneRegion: region } };
  }

  private async update(trx: ControlledTransaction<DB>, module: ImportModule, match: Match, input: Record<string, unknown>, mode: 'fill' | 'overwrite', result: RowResult): Promise<void> {
    const load = loaders[module];
    const adapterUpdate = importAdapters[module].update;
    if (!load || !adapterUpdate || (module !== 'contacts' && module !== 'accounts')) {
      result.outcome = 'skip';
      result.problems.push(problem(this.line, null, 'duplicate', `Skipped: ${module} found again are not updated by an import.`, 'skipped'));
      return;
    }
    assertCan(this.o.actor, 'edit', module);
    const current = await load(trx, this.o.actor, match.id);
    result.match = { ...match, name: String(current.fullName ?? current.name ?? '') };
    const plan = planUpdate(current, input, mode);
    result.outcome = 'update';
    if (!plan) return; // nothing to add: an update that changes nothing is still the row's outcome
    const parsed = updateSchemas[module].safeParse({ ...plan.patch, version: current.version }, { error: fieldErrorMap });
    if (!parsed.success) throw new AppError('validation_failed', 'Some fields are not valid.', fieldErrorsOf(parsed.error.issues));
    await adapterUpdate(trx, this.o.actor, match.id, parsed.data as Record<string, unknown>);
    result.items.push({ module, recordId: match.id, action: 'updated', before: plan.before });
  }

  /** Dynamics' "Primary Contact": a contact of that name in the new account (unless the account has one already). */
  private async primaryContact(trx: ControlledTransaction<DB>, accountId: number, fullName: string, linked: DraftLinks, result: RowResult): Promise<void> {
    const config = this.o.configs.contacts;
    if (!config) return;
    const { firstName, lastName } = splitFullName(fullName);
    const input = { ...(firstName && { firstName }), ...(lastName && { lastName }), accountId: toApiId(accountId), ...(linked.ownerId && { ownerId: linked.ownerId }) };
    const parsed = importAdapters.contacts.schema.safeParse(input, { error: fieldErrorMap });
    if (!parsed.success) return;
    assertCan(this.o.actor, 'create', 'contacts');
    const id = await importAdapters.contacts.insert(trx, this.o.actor, parsed.data, config);
    result.items.push({ module: 'contacts', recordId: id, action: 'created', before: null });
  }
}

/** A row refused by validation: its problems are already in the result. */
class RowFailed extends AppError {
  constructor() {
    super('validation_failed', 'The row is not valid.');
  }
}
