import { sql, type RawBuilder } from 'kysely';
import { UNLETTERED_KEY_RANGES, type KeyRange } from '@kontor/contract/sort-key';

/** `column` in [from, below) (literals, so one statement text serves every call). */
export function keyInRange(column: RawBuilder<unknown>, r: KeyRange): RawBuilder<boolean> {
  const bounds = [...(r.from === null ? [] : [sql`${column} >= ${sql.lit(r.from)}`]), ...(r.below === null ? [] : [sql`${column} < ${sql.lit(r.below)}`])];
  return sql<boolean>`(${sql.join(bounds, sql` and `)})`;
}

/** The sort keys the A-Z index files under `#` (the contract's `UNLETTERED_KEY_RANGES`). */
export function unletteredKey(column: RawBuilder<unknown>): RawBuilder<boolean> {
  return sql<boolean>`(${sql.join(UNLETTERED_KEY_RANGES.map((r) => keyInRange(column, r)), sql` or `)})`;
}
