import type { Engine } from '../database.ts';

/**
 * Leads beyond migration 009: the phone in E.164 form (as contact points keep it), the list orders by creation and
 * change, the e-mail fragment filter on PostgreSQL, and the account lookup of lead conversion by website (the
 * matches compare the lower-cased website with the forms a domain is typed in).
 */
export function leadsExtraSchema(engine: Engine): string[] {
  return [
    `alter table leads add column phone_e164 text`,
    `create index leads_created on leads (created_at, id) where deleted_at is null`,
    `create index leads_updated on leads (updated_at, id) where deleted_at is null`,
    `create index accounts_website on accounts (lower(website)) where deleted_at is null and website is not null`,
    ...(engine === 'postgres' ? [`create index leads_email_trgm on leads using gin (lower(email) public.gin_trgm_ops)`] : []),
  ];
}
