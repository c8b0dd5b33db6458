/** Visibility by construction is enforced by ESLint: a record table read outside the machinery fails the lint. */
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const repoRoot = path.resolve(import.meta.dirname, '../../../../..');
const lint = async (file: string, code: string) => {
  const [result] = await new ESLint({ cwd: repoRoot }).lintText(code, { filePath: path.join(repoRoot, file) });
  return (result?.messages ?? []).map((m) => m.ruleId);
};

const probe = `import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
export const rows = (db: Kysely<DB>) => db.selectFrom('contacts').selectAll().execute();
`;

describe('the visibility lint rule', () => {
  it("fails on selectFrom('contacts') in a feature, and on importing the raw visibility condition", async () => {
    expect(await lint('apps/server/src/features/deals/probe.ts', probe)).toContain('no-restricted-syntax');
    expect(await lint('apps/server/src/features/deals/probe.ts', probe.replace("'contacts'", "'deals as d'"))).toContain('no-restricted-syntax');
    const raw = `import { visibleOrAll } from '../permissions/access.ts';\nexport const v = visibleOrAll;\n`;
    expect(await lint('apps/server/src/features/deals/probe.ts', raw)).toContain('no-restricted-imports');
  });

  it('allows the machinery itself and tables that are not record tables', async () => {
    expect(await lint('apps/server/src/features/deals/probe.ts', probe.replace("'contacts'", "'tags'"))).toEqual([]);
    expect(await lint('apps/server/src/features/records/visible-records.ts', probe)).toEqual([]);
  });
});
