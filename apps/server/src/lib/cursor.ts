import { MAX_INT } from '@kontor/contract/common';
import { invalid, fieldError } from '../errors.ts';

export type CursorValue = string | number;
/**
 * What the sort column of a cursor holds: `text`, `number` (any finite number: double precision / real) or `integer`
 * (a whole number within the safe range, which bigint columns hold). A nullable column sorts with a fill of '' or -1.
 */
export type CursorKind = 'text' | 'number' | 'integer';

/** Longer than any sort key the server issues; a forged cursor cannot make the database compare megabytes. */
export const MAX_CURSOR_TEXT = 1000;

/** A keyset cursor: the sort value and id of the last row of a page, opaque to clients. */
export function encodeCursor(value: CursorValue, id: number): string {
  return Buffer.from(JSON.stringify([value, id])).toString('base64url');
}

function valueFits(value: unknown, kind: CursorKind): value is CursorValue {
  switch (kind) {
    case 'text':
      return typeof value === 'string' && value.length <= MAX_CURSOR_TEXT && !value.includes('\u0000');
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'integer':
      return Number.isSafeInteger(value);
  }
}

/**
 * Reads a cursor this server issued for a sort column of `kind`. Anything else (not base64url JSON, not `[value, id]`,
 * a value of another kind, an id outside 1..2147483647) is a 400 on `cursor`, so a forged cursor never reaches the
 * database, where PostgreSQL would refuse the value (out of range, NUL, wrong type) with a 500.
 */
export function decodeCursor(cursor: string, kind: CursorKind): { value: CursorValue; id: number } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  if (Array.isArray(parsed) && parsed.length === 2) {
    const [value, id] = parsed as [unknown, unknown];
    if (Number.isInteger(id) && (id as number) >= 1 && (id as number) <= MAX_INT && valueFits(value, kind)) return { value, id: id as number };
  }
  throw invalid({ cursor: fieldError('cursor') });
}

/** A keyset cursor over several sort columns: their values and the id of the last row of a page. */
export function encodeCursorValues(values: CursorValue[], id: number): string {
  return Buffer.from(JSON.stringify([...values, id])).toString('base64url');
}

/** Reads a cursor of `encodeCursorValues` for sort columns of these kinds; anything else is a 400 on `cursor`. */
export function decodeCursorValues(cursor: string, kinds: CursorKind[]): { values: CursorValue[]; id: number } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  if (Array.isArray(parsed) && parsed.length === kinds.length + 1) {
    const id: unknown = parsed[kinds.length];
    const values = parsed.slice(0, kinds.length) as unknown[];
    if (Number.isInteger(id) && (id as number) >= 1 && (id as number) <= MAX_INT && values.every((v, i) => valueFits(v, kinds[i] as CursorKind))) {
      return { values: values as CursorValue[], id: id as number };
    }
  }
  throw invalid({ cursor: fieldError('cursor') });
}
