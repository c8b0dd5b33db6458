import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../permissions/actor.ts';
import { loadTagNames } from '../tags/record-tags.ts';
import { noStoredPoints, type StoredPoints } from '../contact-points/contact-points.repository.ts';
import type { Cell } from './cell-guard.ts';
import { EXPORT_PAGE_SIZE, customCell, own, parseCustom, selectedRowPages, type ExportWalk, type Row, type Source } from './export-rows.ts';
import { TAGS_KEY, addressGroupParts, pointGroupKinds, type FullLayout } from './full-layout.ts';
import { loadPagePoints, markedLabel } from './full-points.ts';

/**
 * The rows of a full export: keyset pages of the selection (as the list layout walks them), and for each page its
 * tags and its contact points in one query each, never a query per row.
 */

/** One record of a page with everything a full export writes: its row, tags, custom values and points. */
export interface FullRecord {
  id: number;
  row: Row;
  tags: string[];
  custom: Record<string, unknown>;
  points: StoredPoints;
}

/** The selected, visible records with all the layout needs, page by page. */
export async function* fullRecordPages(
  db: Kysely<DB>,
  actor: Actor,
  walk: Pick<ExportWalk, 'module' | 'where' | 'keyset'>,
  layout: Pick<FullLayout, 'head' | 'tail'>,
  pageSize = EXPORT_PAGE_SIZE,
): AsyncGenerator<FullRecord[]> {
  const selections = new Map<string, Source>();
  for (const f of [...layout.head, ...layout.tail]) for (const [alias, source] of Object.entries(f.sql)) selections.set(alias, source);
  selections.set('v_custom_fields', own(walk.module, 'custom_fields'));
  for await (const rows of selectedRowPages(db, actor, walk, selections, pageSize)) {
    const ids = rows.map((r) => r.id);
    const [tags, points] = await Promise.all([loadTagNames(db, walk.module, ids), loadPagePoints(db, walk.module, ids)]);
    yield rows.map((row) => ({ id: row.id, row, tags: tags.get(row.id) ?? [], custom: parseCustom(row.v_custom_fields), points: points.get(row.id) ?? noStoredPoints() }));
  }
}

/** A record as the full layout's cells, in the order of `layout.columns`. */
export function fullCells(layout: FullLayout, record: FullRecord): Cell[] {
  const cells: Cell[] = [];
  for (const f of layout.head) cells.push(f.key === TAGS_KEY ? (record.tags.length ? record.tags.join('; ') : null) : f.read(record.row));
  for (const def of layout.custom) cells.push(customCell(def, record.custom[def.key]));
  for (const [kind] of pointGroupKinds) {
    const list = record.points[kind];
    for (let n = 0; n < layout.groups[kind]; n++) {
      const p = list[n];
      cells.push(p ? markedLabel(p) || null : null);
      if (kind === 'addresses') {
        for (const [part] of addressGroupParts) cells.push(p ? (part === 'postalCode' ? p.postal_code : p[part]) || null : null);
      } else cells.push(p ? p.value || null : null);
    }
  }
  for (const f of layout.tail) cells.push(f.read(record.row));
  return cells;
}

/** The full layout's rows, page by page, for the CSV and XLSX writers. */
export async function* fullRowPages(db: Kysely<DB>, actor: Actor, walk: Pick<ExportWalk, 'module' | 'where' | 'keyset'>, layout: FullLayout, pageSize?: number): AsyncGenerator<Cell[][]> {
  for await (const page of fullRecordPages(db, actor, walk, layout, pageSize)) yield page.map((r) => fullCells(layout, r));
}
