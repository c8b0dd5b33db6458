import type { Kysely } from 'kysely';
import type { Module } from '@kontor/contract/custom-fields';
import { csvDelimiters } from '@kontor/contract/views';
import type { DB } from '../../db/schema.ts';
import { fieldError, invalid, refused } from '../../errors.ts';
import type { Actor } from '../permissions/actor.ts';
import { listCustomFields } from '../custom-fields/custom-fields.service.ts';
import { resolveListView } from '../views/list-view.ts';
import { selectionWhere } from '../views/selection.ts';
import { csvChunks } from './csv-writer.ts';
import { countExportRows } from './export-rows.ts';
import { countedPages, exportFileName, exportMimes, sheetNames, type PreparedExport } from './export-files.ts';
import type { ExportRequest } from './export.service.ts';
import { fullLayout, fullLayoutModules, hasFullLayout } from './full-layout.ts';
import { noPointGroups, pointGroupCounts } from './full-points.ts';
import { fullRowPages } from './full-rows.ts';
import { isVcardModule, vcardChunks } from './vcard-export.ts';
import { XLSX_MAX_ROWS, xlsxChunks } from './xlsx-writer.ts';

/**
 * A full export (issue #15): every field of the selected, visible records in the full layout (`full-layout.ts`) as
 * CSV or XLSX, or as vCard 4.0 cards (accounts and contacts). The caller has checked the `export` right. The number
 * of contact point groups is found first (one query), so the header is known before the first row (a vCard has no
 * header: it writes every point).
 */
export async function prepareFullExport(db: Kysely<DB>, actor: Actor, module: Module, req: ExportRequest, opts: { count?: boolean; pageSize?: number } = {}): Promise<PreparedExport> {
  if (req.format === 'vcf' && !isVcardModule(module)) {
    throw invalid({ format: fieldError('one_of', { allowed: 'csv, xlsx' }) }, 'vCard export is for accounts and contacts.');
  }
  if (!hasFullLayout(module)) {
    throw invalid({ layout: fieldError('one_of', { allowed: 'columns' }) }, `The full layout is for ${fullLayoutModules.join(', ')}.`);
  }
  const viewId = 'all' in req.selection ? req.selection.view : undefined;
  const where = await selectionWhere(db, actor, module, req.selection);
  const [defs, { keyset }, groups] = await Promise.all([listCustomFields(db, module), resolveListView(db, actor, module, { view: viewId, sort: req.sort }), req.format === 'vcf' ? noPointGroups() : pointGroupCounts(db, actor, module, where)]);
  const layout = fullLayout(module, defs, groups);
  const total = opts.count || req.format === 'xlsx' ? await countExportRows(db, actor, module, where) : null;
  if (req.format === 'xlsx' && total !== null && total > XLSX_MAX_ROWS - 1) {
    throw refused('unprocessable', 'xlsx_rows', { max: (XLSX_MAX_ROWS - 1).toLocaleString('en'), total: total.toLocaleString('en') });
  }
  const walk = { module, where, keyset };
  return {
    fileName: exportFileName(module, req.format),
    mime: exportMimes[req.format],
    columns: layout.columns,
    total,
    chunks(onRows) {
      if (req.format === 'vcf') {
        if (!isVcardModule(module)) throw new Error('vCard export of a module without cards');
        return vcardChunks(db, actor, { ...walk, module }, layout, opts.pageSize, onRows);
      }
      const pages = countedPages(fullRowPages(db, actor, walk, layout, opts.pageSize), onRows);
      return req.format === 'csv'
        ? csvChunks(
            layout.columns.map((c) => c.label),
            pages,
            { delimiter: csvDelimiters[req.delimiter], bom: req.bom },
          )
        : xlsxChunks(sheetNames[module], layout.columns, pages);
    },
  };
}
