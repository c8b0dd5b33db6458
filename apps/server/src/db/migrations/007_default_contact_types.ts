import type { Engine } from '../database.ts';

/** ONLYOFFICE's default contact types; admins rename, recolour, reorder, add and delete them. */
const defaults = [
  { name: 'Cold', color: '#3b82f6' },
  { name: 'Warm', color: '#f59e0b' },
  { name: 'Hot', color: '#ef4444' },
];

/**
 * A new database starts with the default contact types (until now written on every start when the table was empty).
 * An existing database gets them only if it has none, as its next start would have done; after that, deleting them
 * all sticks.
 */
export function defaultContactTypesData(_engine: Engine): string[] {
  const ts = new Date().toISOString();
  const rows = defaults.map((t, position) => `select '${t.name}' as name, '${t.color}' as color, ${position} as position`).join(' union all ');
  return [
    `insert into contact_types (name, color, position, created_at, updated_at)
      select d.name, d.color, d.position, '${ts}', '${ts}' from (${rows}) d
      where not exists (select 1 from contact_types)`,
  ];
}
