import type { Engine } from '../database.ts';

/**
 * One value, stored once (issue #14): an account's `phone` and `website` columns become copies of its primary phone
 * and website contact points (the API's `phone`/`website` are shorthands for them). Until now they were separate
 * fields, so old data can disagree; this makes every account agree, in set-based statements (a million accounts):
 *
 * - a fixed value not among the account's points becomes a new point (first in the list), and primary;
 * - a fixed value among the points (the same number with other spacing, the same site with another case or a trailing
 *   slash) makes that point the primary; the former primary stays, no longer primary;
 * - a kind with points but no primary gets its first point as primary;
 * - the columns then copy the primary (a primary point fills an empty field; a blank field with no points is null),
 *   and `primary_phone` follows `phone`.
 *
 * A website typed without a scheme ("acme.com") is stored as a website point is, with https://. A phone made a point
 * here has no E.164 form yet (that needs libphonenumber); its next edit computes it. Versions and stamps are left as
 * they are: the account's data did not change, only where it is kept.
 *
 * Search documents: every account touched is queued by the triggers, and rebuilding them all at commit cost three
 * times the statements (100,000 accounts, all out of step: 13 s of SQL and 41 s of rebuild on SQLite, 29 s and 79 s
 * on PostgreSQL; with what follows 10 s in all on SQLite, about 40 s on PostgreSQL on a busy machine). A document reads the phone column, `primary_phone`, the fax and every point, as a set; a website
 * as its host. Those sets do not change here, except where a fixed phone matched a point written differently
 * ("+49 711 5550100" and "+49 (0)711 555 01-00"): the fixed form is gone afterwards. So only those accounts
 * (`m018_rebuild`) keep their queue entry; the others get the one display column that moves (`display_phone`, the
 * primary phone) set directly and leave the queue. A test compares every document with a full rebuild.
 *
 * The website column may now hold a website point's 2,000 characters, more than a PostgreSQL b-tree entry takes
 * (2,704 bytes) in a multi-byte script: the lead conversion's `accounts_website` index is on the first 300 characters
 * (lead-conversion.repository.ts compares the same expression; a domain form is shorter than that).
 */
export function accountPrimaryPointsSchema(engine: Engine): string[] {
  const distinct = (a: string, b: string) => (engine === 'postgres' ? `${a} is distinct from ${b}` : `${a} is not ${b}`);
  const blankFree = (c: string) => `a.${c} is not null and trim(a.${c}) <> ''`;
  const phoneKey = (v: string) => ['(0)', ' ', '-', '.', '/', '(', ')'].reduce((expr, ch) => `replace(${expr}, '${ch}', '')`, v);
  const websiteOf = (v: string) => `(case when lower(trim(${v})) like 'http://%' or lower(trim(${v})) like 'https://%' then trim(${v}) else 'https://' || trim(${v}) end)`;
  const websiteKey = (v: string) => `rtrim(lower(${v}), '/')`;

  const kinds = [
    {
      kind: 'phones',
      column: 'phone',
      label: 'work',
      fixed: 'trim(a.phone)',
      same: (p: string) => `(${phoneKey(`${p}.value`)} = ${phoneKey('trim(a.phone)')} or ${p}.e164 = ${phoneKey('trim(a.phone)')})`,
    },
    {
      kind: 'websites',
      column: 'website',
      label: 'website',
      fixed: websiteOf('a.website'),
      same: (p: string) => `${websiteKey(`${p}.value`)} = ${websiteKey(websiteOf('a.website'))}`,
    },
  ];

  const phonePoint = (p: string) => `${p}.module = 'accounts' and ${p}.kind = 'phones' and ${p}.record_id = a.id`;
  return [
    engine === 'postgres' ? `create temp table m018_rebuild (id integer primary key) on commit drop` : `create temp table m018_rebuild (id integer primary key)`,
    // Accounts whose document loses a phone form: a fixed phone a point has only in another spelling, or a
    // `primary_phone` that no point and no fixed phone holds (out of step before).
    `insert into m018_rebuild (id)
      select a.id from accounts a
      where (${blankFree('phone')}
          and not exists (select 1 from contact_points p where ${phonePoint('p')} and p.value = trim(a.phone))
          and exists (select 1 from contact_points p where ${phonePoint('p')} and ${kinds[0]?.same('p') ?? 'false'}))
        or (${blankFree('primary_phone')} and a.primary_phone <> trim(coalesce(a.phone, ''))
          and not exists (select 1 from contact_points p where ${phonePoint('p')} and p.value = a.primary_phone))`,
    ...kinds.flatMap(({ kind, column, label, fixed, same }) => {
      const points = (p: string) => `${p}.module = 'accounts' and ${p}.kind = '${kind}'`;
      const matching = `(select p.id from contact_points p, accounts a
        where a.id = contact_points.record_id and ${points('p')} and p.record_id = a.id and ${same('p')}
        order by p.position, p.id limit 1)`;
      const chosen = `(case when contact_points.id = ${matching} then 1 else 0 end)`;
      return [
        // The fixed value as a point where none has it.
        `insert into contact_points (module, record_id, kind, label, value, e164, is_primary, position)
          select 'accounts', a.id, '${kind}', '${label}', ${fixed}, null, 0,
            coalesce((select min(q.position) from contact_points q where ${points('q')} and q.record_id = a.id), 1) - 1
          from accounts a
          where ${blankFree(column)} and not exists (select 1 from contact_points p where ${points('p')} and p.record_id = a.id and ${same('p')})`,
        // The point with the fixed value is the primary.
        `update contact_points set is_primary = ${chosen}
          where ${points('contact_points')}
            and exists (select 1 from accounts a where a.id = contact_points.record_id and ${blankFree(column)})
            and is_primary <> ${chosen}`,
        // No fixed value and no primary: the first point is the primary.
        `update contact_points set is_primary = 1
          where ${points('contact_points')}
            and not exists (select 1 from contact_points q where ${points('q')} and q.record_id = contact_points.record_id and q.is_primary = 1)
            and contact_points.id = (select q.id from contact_points q where ${points('q')} and q.record_id = contact_points.record_id order by q.position, q.id limit 1)`,
        // The column copies the primary.
        `update accounts set ${column} = (select q.value from contact_points q where ${points('q')} and q.record_id = accounts.id and q.is_primary = 1 order by q.position, q.id limit 1)
          where ${distinct(column, `(select q.value from contact_points q where ${points('q')} and q.record_id = accounts.id and q.is_primary = 1 order by q.position, q.id limit 1)`)}`,
      ];
    }),
    `update accounts set primary_phone = phone where ${distinct('primary_phone', 'phone')}`,
    `update search_documents set display_phone = (select nullif(a.primary_phone, '') from accounts a where a.id = search_documents.record_id)
      where module = 'accounts'
        and record_id in (select record_id from search_pending where module = 'accounts')
        and record_id not in (select id from m018_rebuild)`,
    `delete from search_pending where module = 'accounts' and record_id not in (select id from m018_rebuild)`,
    ...(engine === 'postgres' ? [] : [`drop table m018_rebuild`]),
    `drop index accounts_website`,
    `create index accounts_website on accounts (lower(substr(website, 1, 300))) where deleted_at is null and website is not null`,
  ];
}
