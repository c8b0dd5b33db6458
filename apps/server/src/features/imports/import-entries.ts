import type { Kysely } from 'kysely';
import type { ImportModule } from '@kontor/contract/imports';
import type { CustomFieldDefinition } from '@kontor/contract/custom-fields';
import type { DB } from '../../db/schema.ts';
import { storedFileSource } from './import-file.ts';
import { compileConverter } from './mapping/convert.ts';
import type { ImportDraft } from './mapping/draft.ts';
import { openSource } from './readers/open-source.ts';
import { isProblem, type SourceProblem, type SourceRecord } from './readers/source.ts';

/**
 * An import's file as the entries the engine stores (issue #15): each data row converted by the mapping (or each
 * vCard), or a problem of the file (a broken quote, an unreadable card). Entries are numbered from 0 in file order; the
 * number is what the import's checkpoint (`rows_done`) counts, so a resumed import skips exactly what is committed.
 */
export type ImportEntry =
  | { index: number; line: number; module: ImportModule; draft: ImportDraft; problem?: undefined }
  | { index: number; line: number; problem: SourceProblem };

export interface EntrySettings {
  importId: number;
  fileName: string;
  module: ImportModule;
  sheet: string | null;
  targets: (string | null)[];
  dateOrder: 'dmy' | 'mdy' | 'ymd';
  customFields: CustomFieldDefinition[];
}

/** Kontor has no nickname field: a card's nicknames are kept at the end of its description, so none is lost. */
function withNicknames(item: SourceRecord & { nicknames?: string[] }): ImportDraft {
  const nicknames = item.nicknames ?? [];
  if (nicknames.length === 0) return item.draft;
  const description = typeof item.draft.fields.description === 'string' ? item.draft.fields.description : '';
  const line = `Nickname: ${nicknames.join(', ')}`;
  return { ...item.draft, fields: { ...item.draft.fields, description: description ? `${description}\n${line}` : line } };
}

export async function* importEntries(db: Kysely<DB>, s: EntrySettings): AsyncGenerator<ImportEntry> {
  const opened = await openSource(storedFileSource(db, s.importId), { fileName: s.fileName, sheet: s.sheet });
  let index = 0;
  if (opened.kind === 'records') {
    for await (const item of opened.records()) {
      if (isProblem(item)) yield { index: index++, line: item.line, problem: item };
      // A company card in a contacts file is an account (Apple's X-ABShowAs:COMPANY, vCard 4's KIND:org).
      else yield { index: index++, line: item.line, module: item.module === 'accounts' ? 'accounts' : s.module, draft: withNicknames(item) };
    }
    return;
  }
  const convert = compileConverter({ module: s.module, headers: opened.headers, targets: s.targets, dateOrder: s.dateOrder, customFields: s.customFields });
  for await (const item of opened.rows()) {
    if (isProblem(item)) yield { index: index++, line: item.line, problem: item };
    else yield { index: index++, line: item.line, module: s.module, draft: convert(item) };
  }
}
