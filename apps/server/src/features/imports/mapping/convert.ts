/**
 * A table row as an import draft (issue #15). The mapping is compiled once into one step per mapped column
 * (`compileConverter`), so converting a row allocates the draft and little else: an import converts up to a
 * million rows within its time budget. Problems name the column's header and a field error code; the row then fails.
 * Phones stay as written (the engine normalises them with the import's region); links, defaults and tags' records
 * are the engine's.
 */
import { fieldErrorTexts, isFieldErrorCode, renderFieldText } from '@kontor/contract/field-errors';
import type { ImportModule } from '@kontor/contract/imports';
import type { CellValue, SourceRow } from '../readers/source.ts';
import { emptyDraft, type AddressDraft, type ImportDraft, type PointDraft } from './draft.ts';
import type { DateOrder } from './dates.ts';
import { customFieldConverter, standardFieldConverter, tagsOf, type CellConverter, type ConvertCustomField } from './field-values.ts';
import { normaliseHeader } from './header-dictionary.ts';
import { splitFullName } from './names.ts';
import { parseLabel, splitEmails, splitPhones, splitWebsites } from './points.ts';
import { cellText } from './values.ts';

export interface ConvertContext {
  module: ImportModule;
  headers: readonly string[];
  targets: readonly (string | null)[];
  dateOrder: DateOrder;
  customFields: readonly ConvertCustomField[];
}

type PointKind = 'email' | 'phone' | 'website';
type AddressPart = 'street' | 'city' | 'region' | 'postalCode' | 'country' | 'full';
interface AddressParts {
  street: string;
  city: string;
  region: string;
  postalCode: string;
  country: string;
  full: string;
}
/** A numbered column group of one row: its value cell(s) and its label cell. */
interface Group {
  kind: PointKind | 'address';
  value: string;
  label: string;
  parts: AddressParts | null;
}

/** What a row collects before it becomes a draft: name parts, addresses by label, numbered groups. */
interface RowState {
  draft: ImportDraft;
  firstName: string;
  lastName: string;
  middleName: string;
  nameSuffix: string;
  fullName: string;
  addresses: Map<string, AddressParts> | null;
  groups: Map<string, Group> | null;
}
type Step = (cell: CellValue, state: RowState, cells: readonly CellValue[]) => void;

const splitters: Record<PointKind, (text: string) => string[]> = { email: splitEmails, phone: splitPhones, website: splitWebsites };
const listOf = (draft: ImportDraft, kind: PointKind): PointDraft[] => (kind === 'email' ? draft.emails : kind === 'phone' ? draft.phones : draft.websites);
const emptyParts = (): AddressParts => ({ street: '', city: '', region: '', postalCode: '', country: '', full: '' });

function problem(state: RowState, column: string, code: string, params: Record<string, string> = {}): void {
  const message = isFieldErrorCode(code) ? renderFieldText(fieldErrorTexts[code], params) : code;
  state.draft.problems.push({ column, code, message });
}

function addPart(parts: AddressParts, part: AddressPart, text: string): void {
  // several street columns (Outlook's `Business Street 2`, Google's `Extended Address`) make one street of lines
  parts[part] = part === 'street' && parts.street !== '' ? `${parts.street}\n${text}` : text;
}

const POINT = /^(email|phone|website):(.*)$/;
const ADDRESS = /^address:([^:]*):(street|city|region|postalCode|country|full)$/;
const GROUP = /^(email|phone|website|address)#([1-9][0-9]?):(value|label|street|city|region|postalCode|country|full)$/;
const GOOGLE_CUSTOM_VALUE = /^custom field ([1-9][0-9]?) - value$/i;
const NAME_PARTS = new Set(['firstName', 'lastName', 'middleName', 'nameSuffix']);

/** The step of one mapped column. */
function stepOf(ctx: ConvertContext, column: number, target: string): Step | null {
  const header = ctx.headers[column] ?? '';
  const { module } = ctx;
  if (target.startsWith('field:')) {
    const name = target.slice(6);
    if (NAME_PARTS.has(name)) {
      const part = name as 'firstName' | 'lastName' | 'middleName' | 'nameSuffix';
      return (cell, s) => {
        const t = cellText(cell);
        if (t !== '') s[part] = s[part] === '' ? t : `${s[part]} ${t}`;
      };
    }
    return valueStep(header, standardFieldConverter(module, name, ctx.dateOrder), (s, v) => (s.draft.fields[name] = v));
  }
  if (target.startsWith('custom:')) return customStep(ctx, column, target.slice(7));
  const point = POINT.exec(target);
  if (point) {
    const kind = point[1] as PointKind;
    const { label, primary } = parseLabel(point[2] ?? '');
    const split = splitters[kind];
    return (cell, s) => {
      const list = listOf(s.draft, kind);
      for (const value of split(cellText(cell))) list.push({ label, value, primary });
    };
  }
  const address = ADDRESS.exec(target);
  if (address) return addressStep(module, address[1] ?? '', address[2] as AddressPart);
  const group = GROUP.exec(target);
  if (group) return groupStep(group[1] as Group['kind'], group[2] ?? '1', group[3] ?? 'value');
  return linkStep(module, header, target);
}

/** A converted value stored by `store`, or the column's problem. */
function valueStep(header: string, convert: CellConverter, store: (s: RowState, value: unknown) => void): Step {
  return (cell, s) => {
    const r = convert(cell);
    if (!r.ok) problem(s, header, r.code);
    else if (r.value !== null) store(s, r.value);
  };
}

function customStep(ctx: ConvertContext, column: number, key: string): Step | null {
  const field = ctx.customFields.find((f) => f.key === key);
  if (!field) return null;
  const store = valueStep(ctx.headers[column] ?? '', customFieldConverter(field, ctx.dateOrder), (s, v) => (s.draft.customFields[key] = v));
  // Google's `Custom Field n - Value` holds whatever field its `- Label` cell names in that row: only this field's
  const google = GOOGLE_CUSTOM_VALUE.exec(ctx.headers[column]?.trim() ?? '');
  const labelColumn = google ? ctx.headers.findIndex((h) => h.trim().toLowerCase() === `custom field ${google[1]} - label`) : -1;
  if (labelColumn < 0) return store;
  const names = new Set([normaliseHeader(field.key), normaliseHeader(field.label ?? field.key)]);
  return (cell, s, cells) => {
    const label = normaliseHeader(cellText(cells[labelColumn] ?? null));
    if (label === '' || names.has(label)) store(cell, s, cells);
  };
}

function addressStep(module: ImportModule, rawLabel: string, part: AddressPart): Step {
  const { label } = parseLabel(rawLabel);
  if (module === 'accounts' && (label === 'billing' || label === 'shipping') && part !== 'full') {
    // an account's billing and shipping addresses are fields of their own (the list shows the billing city and country)
    const field = `${label}Address`;
    return (cell, s) => {
      const t = cellText(cell);
      if (t === '') return;
      const current = (s.draft.fields[field] ??= { street: '', city: '', region: '', postalCode: '', country: '' }) as Record<string, string>;
      current[part] = part === 'street' && current.street ? `${current.street}\n${t}` : t;
    };
  }
  return (cell, s) => {
    const t = cellText(cell);
    if (t === '') return;
    s.addresses ??= new Map();
    let parts = s.addresses.get(label);
    if (!parts) s.addresses.set(label, (parts = emptyParts()));
    addPart(parts, part, t);
  };
}

function groupStep(kind: Group['kind'], n: string, part: string): Step {
  const key = `${kind}#${n}`;
  return (cell, s) => {
    const t = cellText(cell);
    if (t === '') return;
    s.groups ??= new Map();
    let group = s.groups.get(key);
    if (!group) s.groups.set(key, (group = { kind, value: '', label: '', parts: kind === 'address' ? emptyParts() : null }));
    if (part === 'label') group.label = t;
    else if (part === 'value') group.value = t;
    else if (group.parts) addPart(group.parts, part as AddressPart, t);
  };
}

const FIRST_OF_LIST = /\s*;\s*/;

function linkStep(module: ImportModule, header: string, target: string): Step | null {
  const set = (apply: (s: RowState, text: string) => void): Step => (cell, s) => {
    const t = cellText(cell);
    if (t !== '') apply(s, t);
  };
  switch (target) {
    case 'fullName':
      return set((s, t) => (s.fullName = t));
    case 'company':
      // HubSpot's `Associated Company` lists every company (`A;B`): a contact belongs to one account, the first
      if (normaliseHeader(header) === 'associatedcompany') return set((s, t) => setCompany(s, module, t.split(FIRST_OF_LIST)[0] ?? t, null));
      return set((s, t) => setCompany(s, module, t, null));
    case 'companySourceId':
      return set((s, t) => setCompany(s, module, null, t.split(FIRST_OF_LIST)[0] ?? t));
    case 'parent':
      return set((s, t) => (s.draft.parent = { name: t, sourceId: s.draft.parent?.sourceId ?? null }));
    case 'parentSourceId':
      return set((s, t) => (s.draft.parent = { name: s.draft.parent?.name ?? null, sourceId: t }));
    case 'primaryContact':
      return set((s, t) => (s.draft.primaryContact = t));
    case 'sourceId':
      return set((s, t) => (s.draft.sourceId = t));
    case 'owner':
      return set((s, t) => (s.draft.owner = t));
    case 'contactType':
      return set((s, t) => (s.draft.contactType = t));
    case 'tags':
      return (cell, s) => {
        for (const tag of tagsOf(cell)) if (!s.draft.tags.includes(tag)) s.draft.tags.push(tag);
      };
    default:
      return null;
  }
}

function setCompany(s: RowState, module: ImportModule, name: string | null, sourceId: string | null): void {
  if (module === 'leads') {
    if (name !== null) s.draft.fields.company = name;
    return;
  }
  const current = s.draft.company;
  s.draft.company = { name: name ?? current?.name ?? null, sourceId: sourceId ?? current?.sourceId ?? null };
}

/** Name parts into fields: a whole name split where the file has no parts; a middle name and suffix joined on. */
function finishName(s: RowState): void {
  let { firstName, lastName } = s;
  if (firstName === '' && lastName === '' && s.fullName !== '') {
    const split = splitFullName(s.fullName);
    firstName = split.firstName ?? '';
    lastName = split.lastName ?? '';
    if (split.salutation && s.draft.fields.salutation === undefined) s.draft.fields.salutation = split.salutation;
  }
  if (s.middleName !== '') firstName = firstName === '' ? s.middleName : `${firstName} ${s.middleName}`;
  if (s.nameSuffix !== '') lastName = lastName === '' ? s.nameSuffix : `${lastName} ${s.nameSuffix}`;
  if (firstName !== '') s.draft.fields.firstName = firstName;
  if (lastName !== '') s.draft.fields.lastName = lastName;
}

function toAddress(label: string, primary: boolean, p: AddressParts): AddressDraft | null {
  const hasParts = p.street !== '' || p.city !== '' || p.region !== '' || p.postalCode !== '' || p.country !== '';
  // a formatted address is taken only where the parts are missing (Google writes both)
  const street = hasParts ? p.street : p.full;
  if (!hasParts && street === '') return null;
  return { label, street, city: p.city, region: p.region, postalCode: p.postalCode, country: p.country, primary };
}

function finishGroups(s: RowState): void {
  if (!s.groups) return;
  for (const group of s.groups.values()) {
    const { label, primary } = parseLabel(group.label);
    if (group.parts) {
      const address = toAddress(label, primary, group.parts);
      if (address) s.draft.addresses.push(address);
      continue;
    }
    const list = listOf(s.draft, group.kind as PointKind);
    splitters[group.kind as PointKind](group.value).forEach((value, i) => list.push({ label, value, primary: primary && i === 0 }));
  }
}

/** At most one primary per list (the contract refuses two): the first marked one stays primary. */
function onePrimary(list: { primary: boolean }[]): void {
  let seen = false;
  for (const item of list) {
    if (item.primary && seen) item.primary = false;
    else if (item.primary) seen = true;
  }
}

/** The mapping compiled into a converter of rows. */
export function compileConverter(ctx: ConvertContext): (row: SourceRow) => ImportDraft {
  const steps: Array<{ column: number; step: Step }> = [];
  ctx.targets.forEach((target, column) => {
    if (target === null) return;
    const step = stepOf(ctx, column, target);
    if (step) steps.push({ column, step });
  });
  const person = ctx.module === 'contacts' || ctx.module === 'leads';
  return (row) => {
    const state: RowState = { draft: emptyDraft(), firstName: '', lastName: '', middleName: '', nameSuffix: '', fullName: '', addresses: null, groups: null };
    const cells = row.cells;
    for (const { column, step } of steps) step(cells[column] ?? null, state, cells);
    if (person) finishName(state);
    if (state.addresses) {
      for (const [label, parts] of state.addresses) {
        const address = toAddress(label, false, parts);
        if (address) state.draft.addresses.push(address);
      }
    }
    finishGroups(state);
    const { draft } = state;
    onePrimary(draft.emails);
    onePrimary(draft.phones);
    onePrimary(draft.websites);
    onePrimary(draft.addresses);
    return draft;
  };
}

/** One row converted (compile once with `compileConverter` when converting many). */
export function convertRow(row: SourceRow, ctx: ConvertContext): ImportDraft {
  return compileConverter(ctx)(row);
}
