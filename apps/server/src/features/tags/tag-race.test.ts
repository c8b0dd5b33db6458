import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../test/harness.ts';

describe('a new tag given by requests at the same time', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
  });
  afterAll(async () => h.close());

  it('is created once, and every record gets it (PostgreSQL runs the requests side by side)', async () => {
    const admin = await h.client('admin');
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => admin.post('/api/v1/accounts', { name: `Race ${i}`, tags: ['Brand-new tag'] })));
    expect(answers.map((a) => a.statusCode)).toEqual(answers.map(() => 201));
    for (const a of answers) expect(a.json<{ tags: string[] }>().tags).toEqual(['Brand-new tag']);
    const tags = await h.database.db.selectFrom('tags').select('id').where('name_key', '=', 'brand-new tag').execute();
    expect(tags).toHaveLength(1);
  });
});
