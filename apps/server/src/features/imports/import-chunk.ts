import type { ControlledTransaction } from 'kysely';
import { fieldErrorMap, fieldErrorsOf } from '@kontor/contract/field-errors';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { newAccountRecord, type AccountCreateIn } from '../accounts/accounts.service.ts';
import { newContactRecord, type ContactCreateIn } from '../contacts/contacts.service.ts';
import { assertCan } from '../permissions/access.ts';
import { insertNewRecords, type NewRecord } from '../records/bulk-insert.ts';
import { importAdapters } from './import-adapters.ts';
import type { ImportEntry } from './import-entries.ts';
import { duplicateMessage, type Match } from './import-match.ts';
import { companyDomain, LinkProblem } from './import-links.ts';
import { RowWriter, type RowResult, type RowWriterOptions } from './import-rows.ts';
import type { ImportDraft } from './mapping/draft.ts';

/**
 * Stores a chunk of an import (issue #15) the fast way where it can: new accounts and contacts that link only to what
 * exists (or to companies created for the chunk in one insert), validated by the module's create schema, matched for
 * duplicates in a few queries for the whole chunk, and written with a handful of multi-row statements
 * (`records/bulk-insert.ts`) instead of a dozen statements per row. Everything else (updates of duplicates, an account
 * with a parent or a primary contact, leads and deals, a photo, and any row of a batch the database refused) goes
 * through `RowWriter`, one row at a time under a savepoint.
 */

type FastModule = 'contacts' | 'accounts';
interface Planned {
  index: number;
  entry: ImportEntry & { draft: ImportDraft };
  module: FastModule;
  input: Record<string, unknown>;
  record: NewRecord<FastModule>;
}

const emptyResult = (): RowResult => ({ outcome: 'fail', problems: [], items: [], sourceIds: [], accountsCreated: 0, input: null, match: null });

export class ChunkWriter {
  private readonly rows: RowWriter;
  private savepoints = 0;

  constructor(private readonly o: RowWriterOptions) {
    this.rows = new RowWriter(o);
  }

  /** A dry run's chunk was rolled back: what it created is gone from the caches too. */
  forgetChunk(): void {
    this.rows.forgetChunk();
  }

  /** The chunk is committed: its rows are found in the database from now on, so the in-file keys are dropped (memory stays flat). */
  chunkStored(): void {
    for (const m of ['accounts', 'contacts'] as const) this.rows.matcherFor(m).forgetSeen();
  }

  private fastModule(entry: ImportEntry): FastModule | null {
    if (entry.problem || entry.draft.problems.length || entry.draft.photo) return null;
    if (entry.module === 'contacts') return 'contacts';
    if (entry.module === 'accounts' && !entry.draft.parent && !entry.draft.primaryContact) return 'accounts';
    return null;
  }

  async write(trx: ControlledTransaction<DB>, entries: ImportEntry[]): Promise<RowResult[]> {
    const results: Array<RowResult | undefined> = entries.map(() => undefined);
    const slow: number[] = [];
    const fast: Array<{ index: number; entry: ImportEntry & { draft: ImportDraft }; module: FastModule }> = [];
    entries.forEach((entry, index) => {
      const module = this.fastModule(entry);
      if (module && !entry.problem) fast.push({ index, entry, module });
      else slow.push(index);
    });
    const { links, actor } = this.o;
    await links.prefetchCompanies(trx, fast.flatMap((f) => (f.module === 'contacts' && f.entry.draft.company ? [{ ...f.entry.draft.company, domain: companyDomain(f.entry.draft.emails) }] : [])));
    const planned: Planned[] = [];
    for (const f of fast) {
      const result = emptyResult();
      if (f.module === 'contacts' && !links.companyKnown(f.entry.draft.company)) {
        slow.push(f.index); // a company that could not be made for the chunk: the row's own path says why
        continue;
      }
      try {
        const linked = await links.links(trx, f.module, f.entry.draft);
        const warnings = links.warnings;
        links.commit();
        const input = importAdapters[f.module].createInput(f.entry.draft, linked);
        const parsed = importAdapters[f.module].schema.safeParse(input, { error: fieldErrorMap });
        if (!parsed.success) {
          result.problems = Object.entries(fieldErrorsOf(parsed.error.issues)).map(([path, e]) => ({ line: f.entry.line, column: this.o.columnOf(path), code: e.code, message: `${path}: ${e.message}`, outcome: 'failed' }));
          results[f.index] = result;
          continue;
        }
        for (const w of warnings) result.problems.push({ line: f.entry.line, column: this.o.columnOf(w.target), code: w.code, message: w.message, outcome: 'warning' });
        const config = this.rows.configFor(f.module, f.entry.draft);
        const record = f.module === 'contacts' ? newContactRecord(actor, parsed.data as ContactCreateIn, config) : newAccountRecord(actor, parsed.data as AccountCreateIn, config);
        result.input = input;
        results[f.index] = result;
        planned.push({ index: f.index, entry: f.entry, module: f.module, input, record });
      } catch (err) {
        links.rollback();
        if (!(err instanceof AppError) && !(err instanceof LinkProblem)) throw err;
        // a rule the row breaks that only the row-by-row path names well (custom fields): it takes the row
        results[f.index] = undefined;
        slow.push(f.index);
      }
    }
    const creates = await this.matchAndDecide(trx, planned, results, slow);
    await this.insert(trx, creates, results, slow);
    // Companies the chunk created: reported with the first row of the chunk.
    const first = results.find((r) => r !== undefined) ?? emptyResult();
    for (const created of links.prefetched) {
      first.items.push({ module: 'accounts', recordId: created.id, action: 'created', before: null });
      if (created.sourceId) first.sourceIds.push({ module: 'accounts', sourceId: created.sourceId, recordId: created.id });
      first.accountsCreated += 1;
    }
    links.prefetched = [];
    for (const index of slow.sort((a, b) => a - b)) results[index] = await this.rows.write(trx, entries[index] as ImportEntry);
    return results.map((r) => r ?? emptyResult());
  }

  /** Duplicates for the whole chunk: skipped ones are reported, updates go row by row; answers the rows to create. */
  private async matchAndDecide(trx: ControlledTransaction<DB>, planned: Planned[], results: Array<RowResult | undefined>, slow: number[]): Promise<Planned[]> {
    const creates: Planned[] = [];
    for (const module of ['accounts', 'contacts'] as const) {
      const mine = planned.filter((p) => p.module === module);
      if (mine.length === 0) continue;
      const matcher = this.rows.matcherFor(module);
      const sources = await matcher.bySourceIds(trx, mine.flatMap((p) => (p.entry.draft.sourceId ? [p.entry.draft.sourceId.trim()] : [])));
      const keys = mine.map((p) => ({ keys: matcher.keysOf(p.entry.draft, (p.input.accountId as string | undefined) ?? null), accountId: (p.input.accountId as string | undefined) ?? null }));
      const found = this.o.mode === 'create' ? mine.map(() => null) : await matcher.findMany(trx, keys);
      mine.forEach((p, n) => {
        const sourceId = p.entry.draft.sourceId?.trim() || null;
        const bySource = sourceId ? sources.get(sourceId) : undefined;
        const match: Match | null = bySource !== undefined ? { id: bySource, reason: 'source_id' } : (found[n] ?? null);
        const result = results[p.index] as RowResult;
        if (match && module === 'accounts' && this.o.links.placeholders.has(match.id)) {
          results[p.index] = undefined; // fills in an account the file's companies made: row by row
          slow.push(p.index);
          return;
        }
        if (match && this.o.mode === 'skip') {
          result.outcome = 'skip';
          result.match = match;
          result.problems.push({ line: p.entry.line, column: null, code: 'duplicate', message: duplicateMessage(match.reason), outcome: 'skipped' });
          if (sourceId && match.id) result.sourceIds.push({ module, sourceId, recordId: match.id });
          return;
        }
        if (match) {
          results[p.index] = undefined; // an update (or a duplicate of a row not stored yet): row by row, after the creates
          slow.push(p.index);
          return;
        }
        creates.push(p);
      });
    }
    return creates;
  }

  private async insert(trx: ControlledTransaction<DB>, creates: Planned[], results: Array<RowResult | undefined>, slow: number[]): Promise<void> {
    for (const module of ['accounts', 'contacts'] as const) {
      const mine = creates.filter((p) => p.module === module);
      if (mine.length === 0) continue;
      try {
        assertCan(this.o.actor, 'create', module);
      } catch {
        for (const p of mine) {
          results[p.index] = undefined;
          slow.push(p.index);
        }
        continue;
      }
      const name = `b${(this.savepoints = (this.savepoints + 1) % 1000)}`;
      const sp = await trx.savepoint(name).execute();
      let ids: number[];
      try {
        ids = await insertNewRecords(sp, this.o.actor, module, mine.map((p) => p.record as NewRecord<typeof module>));
        await sp.releaseSavepoint(name).execute();
      } catch {
        // The database refused the batch: each row goes on its own, and the one at fault is reported.
        await sp.rollbackToSavepoint(name).execute();
        for (const p of mine) {
          results[p.index] = undefined;
          slow.push(p.index);
        }
        continue;
      }
      const matcher = this.rows.matcherFor(module);
      mine.forEach((p, n) => {
        const id = ids[n] as number;
        const result = results[p.index] as RowResult;
        result.outcome = 'create';
        result.items.push({ module, recordId: id, action: 'created', before: null });
        const sourceId = p.entry.draft.sourceId?.trim() || null;
        if (sourceId) result.sourceIds.push({ module, sourceId, recordId: id });
        if (module === 'accounts' && typeof p.input.name === 'string') this.o.links.learnAccount(id, p.input.name, sourceId);
        matcher.remember(matcher.keysOf(p.entry.draft, (p.input.accountId as string | undefined) ?? null), id);
      });
      this.o.links.commit();
    }
  }
}
