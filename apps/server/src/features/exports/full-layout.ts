import { sql } from 'kysely';
import type { CustomFieldDefinition, Module } from '@kontor/contract/custom-fields';
import { joinableRecord } from '../records/visible-records.ts';
import type { Cell } from './cell-guard.ts';
import { CUSTOM_PREFIX, customKind, standardColumn, type ColumnKind, type ExportColumn } from './export-columns.ts';
import { contactTypeName, linkedName, linkedPerson, num, bool, own, plain, text, type ColumnSql, type Row } from './export-rows.ts';
import type { PointGroupCounts } from './full-points.ts';

/**
 * The full layout of an export (issue #15): every standard field of the module, the Kontor id and the ids of linked
 * records next to their names, the owner's e-mail, the contact type's name, tags, every custom field by its label and
 * the contact points as numbered column groups in Google Contacts' layout (`E-mail 1 - Label`, `E-mail 1 - Value`,
 * …; `* ` before the primary point's label). An import into another Kontor maps every one of these headers by
 * itself; `Created` and `Updated` are bookkeeping it ignores.
 *
 * Left out on purpose: values that are copies of a contact point (an account's `phone` and `website`, every
 * `primaryEmail`/`primaryPhone`, which the point groups carry with their primary mark), names built from other
 * columns (`Full name`) and what deals decide (`Customer`): an import would take them twice or not at all.
 */

/** A standard column of the full layout: its key, English header, kind, what it selects and how it reads the row. */
export interface FullField extends ExportColumn {
  sql: ColumnSql['sql'];
  read: (row: Row) => Cell;
}

/** Empty text is no value (address parts are stored as ''). */
const blank = (v: unknown): Cell => {
  const t = text(v);
  return t === '' ? null : t;
};

/** The list layout's label where the list has the column (so both layouts name a field alike), else `label`. */
function field(module: Module, key: string, label: string, spec: ColumnSql, kind?: ColumnKind): FullField {
  const known = standardColumn(module, key);
  return { key, label: known?.label ?? label, kind: kind ?? known?.kind ?? 'text', sql: spec.sql, read: spec.read };
}
/** A text column of the row itself; empty text reads as no value. */
const column = (module: Module, name: string): ColumnSql => {
  const spec = plain(module, name);
  return { sql: spec.sql, read: (r) => blank(r[`v_${name}`]) };
};
const typed = (module: Module, name: string, read: (v: unknown) => Cell): ColumnSql => ({ sql: { [`v_${name}`]: own(module, name) }, read: (r) => read(r[`v_${name}`]) });

const recordId = (module: Module): ColumnSql => ({ sql: { v_id: own(module, 'id') }, read: (r) => text(r.v_id) });
/** The owner by e-mail: what an import finds the user by. */
const ownerEmail = (module: Module): ColumnSql => ({
  sql: { v_owner_email: () => sql`(select u.email from users u where u.id = ${sql.ref(`${module}.owner_id`)})` },
  read: (r) => text(r.v_owner_email),
});
/** A linked record's id, only when the reader may see it (as its name): a hidden record is not even hinted at. */
function linkedId(module: Module, columnName: string, target: Module, alias: string): ColumnSql {
  const key = `v_${alias}`;
  return {
    sql: { [key]: ({ actor }) => sql`(select l.id from ${sql.table(target)} l where l.id = ${sql.ref(`${module}.${columnName}`)} and ${joinableRecord(actor, target, 'l')})` },
    read: (r) => text(r[key]),
  };
}
const tagsPlaceholder = (): ColumnSql => ({ sql: {}, read: () => null });

const addressParts = [
  ['street', 'street', 'Street'],
  ['city', 'city', 'City'],
  ['region', 'region', 'Region'],
  ['postalCode', 'postal_code', 'Postal code'],
  ['country', 'country', 'Country'],
] as const;
function postalAddress(prefix: 'billing' | 'shipping'): FullField[] {
  const title = prefix === 'billing' ? 'Billing' : 'Shipping';
  return addressParts.map(([part, col, label]) => {
    const key = `${prefix}${part[0]?.toUpperCase() ?? ''}${part.slice(1)}`;
    return field('accounts', key, `${title} ${label.toLowerCase()}`, column('accounts', `${prefix}_${col}`));
  });
}

/** The key the tags column has: filled from the page's tags, not from the row. */
export const TAGS_KEY = 'tags';

const heads: { [M in Module]: () => FullField[] } = {
  accounts: () => [
    field('accounts', 'id', 'ID', recordId('accounts')),
    field('accounts', 'name', 'Account name', column('accounts', 'name')),
    field('accounts', 'parentAccountName', 'Parent account', linkedName('accounts', 'parent_account_id', 'accounts', 'parent_name')),
    field('accounts', 'parentAccountId', 'Parent account ID', linkedId('accounts', 'parent_account_id', 'accounts', 'parent_id')),
    field('accounts', 'owner', 'Owner', ownerEmail('accounts')),
    field('accounts', 'contactType', 'Contact type', contactTypeName('accounts')),
    field('accounts', 'accountNumber', 'Account number', column('accounts', 'account_number')),
    field('accounts', 'tickerSymbol', 'Ticker symbol', column('accounts', 'ticker_symbol')),
    field('accounts', 'accountSite', 'Account site', column('accounts', 'account_site')),
    field('accounts', 'industry', 'Industry', column('accounts', 'industry')),
    field('accounts', 'ownership', 'Ownership', column('accounts', 'ownership')),
    field('accounts', 'accountType', 'Account type', column('accounts', 'account_type')),
    field('accounts', 'rating', 'Rating', column('accounts', 'rating')),
    field('accounts', 'employees', 'Employees', typed('accounts', 'employees', num)),
    field('accounts', 'annualRevenue', 'Annual revenue', typed('accounts', 'annual_revenue', num)),
    field('accounts', 'fax', 'Fax', column('accounts', 'fax')),
    ...postalAddress('billing'),
    ...postalAddress('shipping'),
    field('accounts', 'description', 'Description', column('accounts', 'description')),
    field('accounts', TAGS_KEY, 'Tags', tagsPlaceholder()),
  ],
  contacts: () => [
    field('contacts', 'id', 'ID', recordId('contacts')),
    field('contacts', 'salutation', 'Salutation', column('contacts', 'salutation')),
    field('contacts', 'firstName', 'First name', column('contacts', 'first_name')),
    field('contacts', 'lastName', 'Last name', column('contacts', 'last_name')),
    field('contacts', 'accountName', 'Account', linkedName('contacts', 'account_id', 'accounts', 'account_name')),
    field('contacts', 'accountId', 'Account ID', linkedId('contacts', 'account_id', 'accounts', 'account_id')),
    field('contacts', 'position', 'Position', column('contacts', 'position')),
    field('contacts', 'department', 'Department', column('contacts', 'department')),
    field('contacts', 'birthday', 'Birthday', column('contacts', 'birthday'), 'date'),
    field('contacts', 'leadSource', 'Lead source', column('contacts', 'lead_source')),
    field('contacts', 'emailOptOut', 'E-mail opt-out', typed('contacts', 'email_opt_out', bool)),
    field('contacts', 'owner', 'Owner', ownerEmail('contacts')),
    field('contacts', 'contactType', 'Contact type', contactTypeName('contacts')),
    field('contacts', 'description', 'Description', column('contacts', 'description')),
    field('contacts', TAGS_KEY, 'Tags', tagsPlaceholder()),
  ],
  leads: () => [
    field('leads', 'id', 'ID', recordId('leads')),
    field('leads', 'firstName', 'First name', column('leads', 'first_name')),
    field('leads', 'lastName', 'Last name', column('leads', 'last_name')),
    field('leads', 'company', 'Company', column('leads', 'company')),
    field('leads', 'email', 'E-mail', column('leads', 'email')),
    field('leads', 'phone', 'Phone', column('leads', 'phone')),
    field('leads', 'position', 'Position', column('leads', 'position')),
    field('leads', 'source', 'Source', column('leads', 'source')),
    field('leads', 'status', 'Status', column('leads', 'status')),
    field('leads', 'owner', 'Owner', ownerEmail('leads')),
    field('leads', 'description', 'Description', column('leads', 'description')),
    field('leads', TAGS_KEY, 'Tags', tagsPlaceholder()),
    field('leads', 'convertedAt', 'Converted', typed('leads', 'converted_at', text)),
  ],
  deals: () => [
    field('deals', 'id', 'ID', recordId('deals')),
    field('deals', 'name', 'Deal name', column('deals', 'name')),
    field('deals', 'accountName', 'Account', linkedName('deals', 'account_id', 'accounts', 'account_name')),
    field('deals', 'accountId', 'Account ID', linkedId('deals', 'account_id', 'accounts', 'account_id')),
    field('deals', 'contactName', 'Contact', linkedPerson('deals', 'contact_id', 'contacts', 'contact_name')),
    field('deals', 'contactId', 'Contact ID', linkedId('deals', 'contact_id', 'contacts', 'contact_id')),
    field('deals', 'amount', 'Amount', typed('deals', 'amount', num)),
    field('deals', 'currency', 'Currency', column('deals', 'currency')),
    field('deals', 'pipelineName', 'Pipeline', { sql: { v_pipeline_name: () => sql`(select p.name from pipelines p where p.id = deals.pipeline_id)` }, read: (r) => text(r.v_pipeline_name) }),
    field('deals', 'stageName', 'Stage', { sql: { v_stage_name: () => sql`(select s.name from pipeline_stages s where s.id = deals.stage_id)` }, read: (r) => text(r.v_stage_name) }),
    field('deals', 'status', 'Status', column('deals', 'status')),
    field('deals', 'lostReason', 'Lost reason', column('deals', 'lost_reason')),
    field('deals', 'expectedCloseDate', 'Expected close date', column('deals', 'expected_close_date')),
    field('deals', 'closedAt', 'Closed', typed('deals', 'closed_at', text)),
    field('deals', 'owner', 'Owner', ownerEmail('deals')),
    field('deals', 'description', 'Description', column('deals', 'description')),
    field('deals', TAGS_KEY, 'Tags', tagsPlaceholder()),
  ],
  activities: () => [],
};

/** The modules with a full layout (activities export their list columns only). */
export const fullLayoutModules = ['accounts', 'contacts', 'leads', 'deals'] as const satisfies readonly Module[];
export const hasFullLayout = (module: Module): boolean => (fullLayoutModules as readonly Module[]).includes(module);

/** Bookkeeping: written for the reader, ignored by an import. */
const tails = (module: Module): FullField[] => [
  field(module, 'createdAt', 'Created', typed(module, 'created_at', text), 'datetime'),
  field(module, 'updatedAt', 'Updated', typed(module, 'updated_at', text), 'datetime'),
];

/** The point kinds in the order their groups are written, with the header word Google uses for each. */
export const pointGroupKinds = [
  ['emails', 'E-mail'],
  ['phones', 'Phone'],
  ['websites', 'Website'],
  ['addresses', 'Address'],
] as const;
export const addressGroupParts = [
  ['street', 'Street'],
  ['city', 'City'],
  ['region', 'Region'],
  ['postalCode', 'Postal Code'],
  ['country', 'Country'],
] as const;

/** The headers of the point groups: `E-mail 1 - Label`, `E-mail 1 - Value`, …, `Address 1 - Street`, …. */
export function pointGroupColumns(groups: PointGroupCounts): ExportColumn[] {
  const out: ExportColumn[] = [];
  for (const [kind, word] of pointGroupKinds) {
    for (let n = 1; n <= groups[kind]; n++) {
      out.push({ key: `${kind}.${n}.label`, label: `${word} ${n} - Label`, kind: 'text' });
      if (kind === 'addresses') for (const [part, title] of addressGroupParts) out.push({ key: `${kind}.${n}.${part}`, label: `${word} ${n} - ${title}`, kind: 'text' });
      else out.push({ key: `${kind}.${n}.value`, label: `${word} ${n} - Value`, kind: 'text' });
    }
  }
  return out;
}

/** The full layout of a module: its standard fields, custom fields, point groups and bookkeeping, in that order. */
export interface FullLayout {
  head: FullField[];
  custom: CustomFieldDefinition[];
  groups: PointGroupCounts;
  tail: FullField[];
  /** Every header column, in order. */
  columns: ExportColumn[];
}

export function fullLayout(module: Module, defs: readonly CustomFieldDefinition[], groups: PointGroupCounts): FullLayout {
  const head = heads[module]();
  const tail = tails(module);
  const custom = [...defs];
  const customColumns = custom.map((d): ExportColumn => ({ key: `${CUSTOM_PREFIX}${d.key}`, label: d.label, kind: customKind[d.type] }));
  const plainColumn = ({ key, label, kind }: FullField): ExportColumn => ({ key, label, kind });
  return { head, custom, groups, tail, columns: [...head.map(plainColumn), ...customColumns, ...pointGroupColumns(groups), ...tail.map(plainColumn)] };
}
