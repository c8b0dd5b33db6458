import type { BenchContext } from './context.ts';
import type { RawDb } from './raw.ts';
import { accountPageRaw, at, pageTags, type Saved, type Workload } from './workload.ts';

// A page of deals as lists, related lists and board columns show them: stage, pipeline, owner, account and contact joined.
const dealSelect = `select d.*, s.name as stage_name, s.probability, p.name as pipeline_name, u.name as owner_name, a.name as account_name,
  c.first_name as contact_first, c.last_name as contact_last from deals d join pipeline_stages s on s.id = d.stage_id join pipelines p on p.id = d.pipeline_id
  left join users u on u.id = d.owner_id left join accounts a on a.id = d.account_id left join contacts c on c.id = d.contact_id where d.deleted_at is null`;
const dealPage = async (db: RawDb, where: string, order: string, params: unknown[]) => pageTags(db, 'deals', await db.all(`${dealSelect} and ${where} order by ${order} limit 51`, params));

const dealStatuses = ['open', 'won', 'lost'] as const;
const noDeals = (ctx: BenchContext) => (ctx.dealAccountIds.length && ctx.winPool.length && ctx.winRawIds.length ? null : 'no open deals in the data set (seeded before deals existed? seed it again)');

/** Deals (issue #9): the account page with its deals, the board's first load, winning a deal. */
export const dealWorkloads: Workload[] = [
  {
    name: 'detail.account.deals',
    description: 'account page with its deals, as the web app loads it: record (with customer flag and deal sums), contacts, open/won/lost deals, members (6 requests, one after another)',
    kind: 'read',
    targetP95Ms: 10,
    unavailable: noDeals,
    http: async (c, ctx, i) => {
      const account = `/api/v1/accounts/${at(ctx.dealAccountIds, i)}`;
      await c.ok('GET', account);
      await c.ok('GET', `${account}/contacts?sort=lastName&limit=50`);
      for (const status of dealStatuses) await c.ok('GET', `${account}/deals?status=${status}&sort=name&limit=50`);
      return c.ok('GET', `${account}/members?sort=name&limit=50`);
    },
    raw: async (db, ctx, i) => {
      const id = at(ctx.dealAccountIds, i);
      await db.all(`select status, currency, count(*) as n, sum(amount) as total from deals where account_id = ? and deleted_at is null group by status, currency`, [id]);
      for (const status of dealStatuses) await dealPage(db, 'd.account_id = ? and d.status = ?', 'd.name_sort, d.id', [id, status]);
      return accountPageRaw(db, id, 50);
    },
  },
  {
    name: 'deals.board',
    description: 'deal board first load: default pipeline, counts and sums per stage, 50 open deals per stage (newest change first)',
    kind: 'read',
    targetP95Ms: 30,
    unavailable: noDeals,
    http: (c, ctx) => c.ok('GET', `/api/v1/deals/board?pipelineId=${ctx.pipelineId}&limit=50`),
    raw: async (db, ctx) => {
      await db.all(`select * from pipelines where id = ?`, [ctx.pipelineId]);
      const stages = await db.all(`select * from pipeline_stages where pipeline_id = ? order by position`, [ctx.pipelineId]);
      await db.all(`select stage_id, currency, count(*) as n, sum(amount) as total from deals where pipeline_id = ? and status = 'open' and deleted_at is null group by stage_id, currency`, [ctx.pipelineId]);
      for (const s of stages) await dealPage(db, `d.stage_id = ? and d.status = 'open'`, 'd.updated_at desc, d.id desc', [s.id]);
    },
  },
  {
    name: 'deal.win',
    description: "win an open deal (PATCH status won with version; the account's customer flag and sums follow from it); a second pass over the pool reopens",
    kind: 'write',
    targetP95Ms: 5,
    unavailable: noDeals,
    http: async (c, ctx, i) => {
      const rec = at(ctx.winPool, i);
      const status = Math.floor(i / ctx.winPool.length) % 2 === 0 ? 'won' : 'open';
      const saved = await c.ok<Saved>('PATCH', `/api/v1/deals/${rec.id}`, { status, version: rec.version });
      rec.version = saved.version;
      return saved;
    },
    raw: (db, ctx, i) => {
      const now = new Date().toISOString(); // other open deals than the HTTP pool, whose versions the client tracks
      return db.run(`update deals set status = 'won', closed_at = ?, lost_reason = null, updated_at = ?, updated_by = ?, version = version + 1 where id = ?`, [now, now, ctx.ownerId, at(ctx.winRawIds, i)]);
    },
  },
];
