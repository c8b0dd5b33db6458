import type { SearchRequest } from '@kontor/contract/search';
import type { BenchContext } from './context.ts';
import type { Client } from './http.ts';
import { replay, type SearchActor } from './search-floor.ts';
import { at, type Workload } from './workload.ts';

/**
 * The global search (issue #12), `GET /api/v1/search`, for each kind of query the issue names, over the seeded
 * names (apps/server/src/cli/seed-scale.ts): as the salesperson (visibility applies) and as the administrator, for
 * contacts and accounts, and as the salesperson for all four types. Targets (SQLite, 1M contacts): p95 < 15 ms,
 * fuzzy < 25 ms; PostgreSQL within 2x. The raw floor replays the statements the service runs (search-floor.ts).
 */

interface SearchCase {
  kind: 'prefix' | 'infix' | 'phrase' | 'field' | 'phone' | 'fuzzy';
  /** For the workload's name: short, ASCII, no commas. */
  label: string;
  /** The query; null for the phone search, which cycles through seeded numbers (`ctx.searchPhones`). */
  q: string | null;
}

const cases: SearchCase[] = [
  { kind: 'prefix', label: 'sch', q: 'Sch*' },
  { kind: 'prefix', label: 'mul', q: 'Mül*' },
  { kind: 'prefix', label: 'pop', q: 'Pop*' },
  // 3 characters inside words, thousands of matches each (Müller, Schmidt/Schmitt, Popescu/Ionescu)
  { kind: 'infix', label: 'mul', q: 'mül' },
  { kind: 'infix', label: 'chm', q: 'chm' },
  { kind: 'infix', label: 'esc', q: 'esc' },
  { kind: 'infix', label: 'chmid', q: 'chmid' },
  { kind: 'phrase', label: 'anna-schmidt', q: '"anna schmidt"' },
  { kind: 'phrase', label: 'elena-popescu', q: '"elena popescu"' },
  // a quarter of the contacts have their home address at web.de; Berlin is a German account's city; VIP a seeded tag
  { kind: 'field', label: 'email-web.de', q: 'email:*@web.de' },
  { kind: 'field', label: 'city-berlin', q: 'city:Berlin' },
  { kind: 'field', label: 'tag-vip', q: 'tag:vip' },
  { kind: 'phone', label: 'national', q: null },
  { kind: 'fuzzy', label: 'jonson', q: 'Jonson~' },
  { kind: 'fuzzy', label: 'mulller', q: 'Mülller~' },
  { kind: 'fuzzy', label: 'popesku', q: 'Popesku~' },
];

interface Variant {
  who: SearchActor;
  types: string;
  /** In the name after the actor: '' for contacts and accounts. */
  tag: string;
}

const variants: Variant[] = [
  { who: 'sales', types: 'contact,account', tag: '' },
  { who: 'admin', types: 'contact,account', tag: '' },
  { who: 'sales', types: 'contact,account,lead,deal', tag: 'all-types.' },
];

const queriesOf = (c: SearchCase, ctx: BenchContext): string[] => (c.q === null ? ctx.searchPhones : [c.q]);
const requestsOf = (c: SearchCase, v: Variant, ctx: BenchContext): SearchRequest[] => queriesOf(c, ctx).map((q) => ({ q, types: v.types, limit: 10 }));
const pathOf = (r: SearchRequest) => `/api/v1/search?q=${encodeURIComponent(r.q)}&types=${r.types}&limit=${String(r.limit)}`;

function clientFor(who: SearchActor, c: Client, ctx: BenchContext): Client {
  if (who === 'sales') return c;
  if (!ctx.admin) throw new Error('no administrator client in the bench context');
  return ctx.admin;
}

function searchWorkload(c: SearchCase, v: Variant): Workload {
  const name = `search.${v.who}.${v.tag}${c.kind}.${c.label}`;
  return {
    name,
    description: `GET /api/v1/search?q=${c.q ?? '<a seeded number in its national format, e.g. 030/12345678>'}&types=${v.types}&limit=10 as the ${v.who === 'sales' ? 'salesperson' : 'administrator'}`,
    kind: 'read',
    targetP95Ms: c.kind === 'fuzzy' ? 25 : 15,
    unavailable: (ctx) =>
      !ctx.searchFloor ? 'no search floor in the bench context' : v.who === 'admin' && !ctx.admin ? 'no administrator token' : queriesOf(c, ctx).length === 0 ? 'no such data in the data set' : null,
    http: (client, ctx, i) => clientFor(v.who, client, ctx).ok('GET', pathOf(at(requestsOf(c, v, ctx), i))),
    raw: async (db, ctx, i) => {
      if (!ctx.searchFloor) throw new Error('no search floor');
      return replay(db, at(await ctx.searchFloor.statements(name, v.who, requestsOf(c, v, ctx)), i));
    },
  };
}

export const searchWorkloads: Workload[] = variants.flatMap((v) => cases.map((c) => searchWorkload(c, v)));
