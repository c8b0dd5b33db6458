import type { CustomFieldDefinition } from '@kontor/contract/custom-fields';
import type { DuplicateModule } from '@kontor/contract/duplicates';
import { fieldError, invalid, refused, type FieldError } from '../../../errors.ts';
import { toApiId } from '../../../lib/ids.ts';
import { descriptorOf } from '../../records/registry.ts';
import { pointKinds, type PointKind } from '../../contact-points/contact-points.repository.ts';

/**
 * The survivor's values after a merge (pure): per field the value of the record the user chose, else the most
 * recently updated non-empty one; contact points and tags unioned without repeats; the strictest restriction. The
 * answer is an edit of the survivor (the module's update input, only what changes), which the module's own update
 * path then validates and writes.
 */

/** A record of the merge as GET answers it. */
export interface MergeSource {
  id: number;
  record: Readonly<Record<string, unknown>>;
}

type Point = Readonly<Record<string, unknown>>;

/** Fields that are no one's choice: stamps are the merge's own. */
const stamps = new Set(['createdAt', 'updatedAt']);

/**
 * The fields a merge may name (`fields` keys): the module's updatable API fields (an account's billing and shipping
 * address each as one field) and `customFields.<key>` for each custom field. An account's `phone` and `website` name
 * whose primary phone or website stays primary (the points themselves are unioned).
 */
export function mergeableFields(module: DuplicateModule, defs: readonly CustomFieldDefinition[]): Set<string> {
  const out = new Set<string>();
  for (const key of Object.keys(descriptorOf(module).fields)) {
    if (!stamps.has(key)) out.add(key.includes('.') ? key.slice(0, key.indexOf('.')) : key);
  }
  for (const d of defs) out.add(`customFields.${d.key}`);
  return out;
}

/** 400 naming every `fields` entry that is no mergeable field (`merge_field`) or names no record of the merge (`merge_source`). */
export function checkChoices(allowed: Set<string>, fields: Readonly<Record<string, string>>, ids: readonly number[], versions: Readonly<Record<string, number>> = {}): Map<string, number> {
  const errors: Record<string, FieldError> = {};
  const choices = new Map<string, number>();
  for (const [field, id] of Object.entries(fields)) {
    if (!allowed.has(field)) errors[`fields.${field}`] = fieldError('merge_field');
    else if (!ids.includes(Number(id))) errors[`fields.${field}`] = fieldError('merge_source');
    else choices.set(field, Number(id));
  }
  for (const id of Object.keys(versions)) if (!ids.includes(Number(id))) errors[`versions.${id}`] = fieldError('merge_source');
  if (Object.keys(errors).length) throw invalid(errors);
  return choices;
}

/** A value that says nothing: absent, empty text, an unticked box, an empty list or an address with every part empty. */
export function isEmptyValue(v: unknown): boolean {
  if (v === null || v === undefined || v === '' || v === false) return true;
  if (Array.isArray(v)) return v.length === 0;
  if (typeof v === 'object') return Object.values(v).every(isEmptyValue);
  return false;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

function valueOf(record: Readonly<Record<string, unknown>>, field: string): unknown {
  if (field.startsWith('customFields.')) return (record.customFields as Record<string, unknown> | undefined)?.[field.slice('customFields.'.length)] ?? null;
  return record[field] ?? null;
}

/** Reference fields whose answer names the record when the reader may see it (null name: hidden). */
const referenceNames: Record<string, string> = { accountId: 'accountName', parentAccountId: 'parentAccountName' };

/** Newest first by `updatedAt`; on a tie the survivor, then the merged records in the order given. */
export function byRecency(sources: readonly MergeSource[]): MergeSource[] {
  return sources.map((s, i) => ({ s, i })).sort((a, b) => String(b.s.record.updatedAt).localeCompare(String(a.s.record.updatedAt)) || a.i - b.i).map((x) => x.s);
}

/** One merge: the survivor first, then the merged records in the order the request named them. */
export interface MergePlanInput {
  module: DuplicateModule;
  sources: readonly MergeSource[];
  choices: ReadonlyMap<string, number>;
  fields: ReadonlySet<string>;
}

/**
 * A default must be a value the survivor can take: a linked account the user may see (a hidden one would be refused),
 * and never a parent inside the merge (it would be the survivor itself).
 */
function acceptableDefault(field: string, source: MergeSource, mergeIds: ReadonlySet<string>): boolean {
  const nameKey = referenceNames[field];
  if (nameKey !== undefined && source.record[nameKey] == null) return false;
  return !(field === 'parentAccountId' && mergeIds.has(String(source.record.parentAccountId)));
}

/** The value each field takes (shorthands of points and the owner aside), by API field. */
function chosenValues(plan: MergePlanInput): Map<string, unknown> {
  const [survivor] = plan.sources;
  if (!survivor) return new Map();
  const byId = new Map(plan.sources.map((s) => [s.id, s]));
  const recent = byRecency(plan.sources);
  const mergeIds = new Set(plan.sources.map((s) => toApiId(s.id)));
  const out = new Map<string, unknown>();
  for (const field of plan.fields) {
    if (plan.module === 'accounts' && (field === 'phone' || field === 'website')) continue;
    const chosen = plan.choices.get(field);
    const chosenSource = chosen !== undefined ? byId.get(chosen) : undefined;
    if (chosenSource) {
      const value = valueOf(chosenSource.record, field);
      if (field === 'parentAccountId' && mergeIds.has(String(value))) throw refused('unprocessable', 'merge_hierarchy');
      out.set(field, value);
      continue;
    }
    const recentSource = field === 'ownerId' ? undefined : recent.find((s) => !isEmptyValue(valueOf(s.record, field)) && acceptableDefault(field, s, mergeIds));
    // Nothing better: the survivor keeps its value (the owner always), but never a parent inside the merge.
    const value = valueOf((recentSource ?? survivor).record, field);
    out.set(field, field === 'parentAccountId' && mergeIds.has(String(value)) ? null : value);
  }
  return out;
}

/** When two contact points are the same: e-mail case ignored, phones by E.164 (else digits), web addresses without a trailing slash, addresses by every part. */
export function pointKey(kind: PointKind, p: Point): string {
  const text = (k: string) => String(p[k] ?? '').trim().toLowerCase();
  if (kind === 'emails') return text('value');
  if (kind === 'phones') return typeof p.e164 === 'string' && p.e164 ? p.e164 : text('value').replace(/[^0-9]/g, '');
  if (kind === 'websites') return text('value').replace(/\/+$/, '');
  return ['street', 'city', 'region', 'postalCode', 'country'].map(text).join('\u001f');
}

/** A point as the update input takes it. */
function asInput(kind: PointKind, p: Point, primary: boolean): Record<string, unknown> {
  if (kind === 'addresses') return { label: p.label, street: p.street, city: p.city, region: p.region, postalCode: p.postalCode, country: p.country, primary };
  return { label: p.label, value: p.value, primary };
}

const pointsOf = (s: MergeSource, kind: PointKind): Point[] => (s.record[kind] as Point[] | undefined) ?? [];

/**
 * One kind's points of all the records, each once (the survivor's first, then the merged records' in order). Exactly
 * one is primary: the primary of `primaryFrom` (an account's chosen phone or website), else the survivor's, else that
 * of the most recently updated record with points of this kind.
 */
export function unionPoints(kind: PointKind, sources: readonly MergeSource[], primaryFrom?: MergeSource): Array<Record<string, unknown>> {
  const seen = new Map<string, Point>();
  for (const s of sources) for (const p of pointsOf(s, kind)) if (!seen.has(pointKey(kind, p))) seen.set(pointKey(kind, p), p);
  const primaryOf = (s: MergeSource | undefined) => (s ? pointsOf(s, kind).find((p) => p.primary === true) : undefined);
  const withPoints = byRecency(sources).find((s) => pointsOf(s, kind).length > 0);
  const primary = primaryOf(primaryFrom) ?? primaryOf(sources[0]) ?? primaryOf(withPoints) ?? (withPoints ? pointsOf(withPoints, kind)[0] : undefined);
  const primaryKey = primary ? pointKey(kind, primary) : undefined;
  return [...seen.entries()].map(([key, p]) => asInput(kind, p, key === primaryKey));
}

/** Every tag of the records, each once (case ignored), the survivor's first. */
export function unionTags(sources: readonly MergeSource[]): string[] {
  const out = new Map<string, string>();
  for (const s of sources) for (const t of (s.record.tags as string[] | undefined) ?? []) if (!out.has(t.toLocaleLowerCase('en'))) out.set(t.toLocaleLowerCase('en'), t);
  return [...out.values()];
}

/**
 * The strictest restriction: when one record or more is restricted, only the users on every restricted record's list (an
 * empty list: owner, users above the owner and administrators only); undefined when none is (the survivor's stays).
 */
export function strictestRestriction(sources: readonly MergeSource[]): string[] | undefined {
  const lists = sources.map((s) => s.record.restrictedTo).filter((l): l is string[] => Array.isArray(l));
  const [first, ...rest] = lists;
  if (!first) return undefined;
  return first.filter((u) => rest.every((l) => l.includes(u))).sort((a, b) => Number(a) - Number(b));
}

/**
 * The edit that turns the survivor into the merged record: each field whose value changes, contact point kinds whose
 * union differs from the survivor's list, the tags when the union adds some, custom fields that change, and the
 * restriction when the strictest one differs from the survivor's.
 */
export function survivorEdit(plan: MergePlanInput): Record<string, unknown> {
  const [survivor] = plan.sources;
  if (!survivor) return {};
  const edit: Record<string, unknown> = {};
  const custom: Record<string, unknown> = {};
  for (const [field, value] of chosenValues(plan)) {
    if (same(value, valueOf(survivor.record, field))) continue;
    if (field.startsWith('customFields.')) custom[field.slice('customFields.'.length)] = value;
    else edit[field] = value;
  }
  if (Object.keys(custom).length) edit.customFields = custom;
  const byId = new Map(plan.sources.map((s) => [s.id, s]));
  const shorthandOf: Partial<Record<PointKind, string>> = plan.module === 'accounts' ? { phones: 'phone', websites: 'website' } : {};
  for (const kind of pointKinds) {
    const shorthand = shorthandOf[kind];
    const chosen = shorthand ? plan.choices.get(shorthand) : undefined;
    const union = unionPoints(kind, plan.sources, chosen !== undefined ? byId.get(chosen) : undefined);
    const current = pointsOf(survivor, kind).map((p) => asInput(kind, p, p.primary === true));
    if (!same(union, current)) edit[kind] = union;
  }
  const tags = unionTags(plan.sources);
  if (tags.length !== ((survivor.record.tags as string[] | undefined) ?? []).length) edit.tags = tags;
  const restriction = strictestRestriction(plan.sources);
  const stored = survivor.record.restrictedTo as string[] | null;
  if (restriction !== undefined && !same(restriction, stored === null ? null : [...stored].sort((a, b) => Number(a) - Number(b)))) edit.restrictedTo = restriction;
  return edit;
}
