import type { Engine } from '../database.ts';

/**
 * A user's language may be unset (issue #14): `users.locale` null means the user never chose one. They see the
 * organisation's default (KONTOR_DEFAULT_LOCALE) until their first sign-in, where the web app saves their browser's
 * language as their choice. Existing users keep theirs; new users created without a language and the first-run admin
 * start without one.
 *
 * SQLite cannot drop a column's NOT NULL in place: the column is copied into a nullable one that takes its name (no
 * index, trigger or view reads users.locale).
 */
export function userLocaleUnsetSchema(engine: Engine): string[] {
  if (engine === 'postgres') return [`alter table users alter column locale drop not null`, `alter table users alter column locale drop default`];
  return [
    `alter table users add column locale_chosen text`,
    `update users set locale_chosen = locale`,
    `alter table users drop column locale`,
    `alter table users rename column locale_chosen to locale`,
  ];
}
