/**
 * What an import's "update duplicates" writes over a record it matched (issue #15): with `fill`, only what the record
 * lacks (empty fields, contact points and tags it does not have yet, custom fields it has no value for); with
 * `overwrite`, every value the file gives, contact points and tags still added to what is there (a file never takes a
 * phone number away). The answer is the patch (for the module's own update) and the values it replaces (for undo).
 */

const pointKinds = ['emails', 'phones', 'websites', 'addresses'] as const;
/** Inputs that are not plain fields. */
const special = new Set<string>([...pointKinds, 'tags', 'customFields', 'ownerId', 'restrictedTo', 'phone', 'website']);

export interface UpdatePlan {
  patch: Record<string, unknown>;
  /** The replaced values, by the same keys (what undo writes back). */
  before: Record<string, unknown>;
}

const isEmptyValue = (v: unknown): boolean => {
  if (v === null || v === undefined || v === '') return true;
  if (Array.isArray(v)) return v.length === 0;
  if (typeof v === 'object') return Object.values(v as Record<string, unknown>).every(isEmptyValue);
  return false;
};
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

type Point = Record<string, unknown>;

/** A point as the update input takes it (the API's answer adds `e164`, which the input does not take). */
function asInput(kind: (typeof pointKinds)[number], p: Point): Point {
  if (kind === 'addresses') return { label: p.label, street: p.street, city: p.city, region: p.region, postalCode: p.postalCode, country: p.country, primary: p.primary };
  return { label: p.label, value: p.value, primary: p.primary };
}

/** Two points are the same when their values are (e-mail and web address case-insensitively, phones by their digits). */
function pointKey(kind: (typeof pointKinds)[number], p: Point): string {
  if (kind === 'addresses') return ['street', 'city', 'postalCode', 'country'].map((k) => String(p[k] ?? '').trim().toLowerCase()).join('|');
  const v = String(p.value ?? '').trim();
  if (kind === 'phones') return v.replace(/[^0-9+]/g, '');
  return v.toLowerCase().replace(/\/$/, '');
}

export function planUpdate(current: Record<string, unknown>, input: Record<string, unknown>, mode: 'fill' | 'overwrite'): UpdatePlan | null {
  const patch: Record<string, unknown> = {};
  const before: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    if (special.has(key) || value === undefined) continue;
    if (key === 'accountId' && current.accountId != null) continue; // one account per contact: never re-linked by an import
    const now = current[key];
    if (mode === 'fill' ? isEmptyValue(now) && !isEmptyValue(value) : !isEmptyValue(value) && !same(now, value)) {
      patch[key] = value;
      before[key] = now ?? null;
    }
  }
  for (const kind of pointKinds) {
    const given = input[kind];
    if (!Array.isArray(given) || given.length === 0) continue;
    const existing = ((current[kind] as Point[] | undefined) ?? []).map((p) => asInput(kind, p));
    const keys = new Set(existing.map((p) => pointKey(kind, p)));
    const added = (given as Point[]).filter((p) => {
      const k = pointKey(kind, p);
      if (keys.has(k)) return false;
      keys.add(k);
      return true;
    });
    if (added.length === 0) continue;
    const hasPrimary = existing.some((p) => p.primary === true);
    patch[kind] = [...existing, ...added.map((p, i) => ({ ...p, primary: !hasPrimary && i === 0 }))];
    before[kind] = existing;
  }
  if (Array.isArray(input.tags)) {
    const currentTags = (current.tags as string[] | undefined) ?? [];
    const lower = new Set(currentTags.map((t) => t.toLowerCase()));
    const added = (input.tags as string[]).filter((t) => !lower.has(t.toLowerCase()));
    if (added.length) {
      patch.tags = [...currentTags, ...added];
      before.tags = currentTags;
    }
  }
  const customIn = input.customFields as Record<string, unknown> | undefined;
  if (customIn) {
    const currentCustom = (current.customFields as Record<string, unknown> | undefined) ?? {};
    const changed: Record<string, unknown> = {};
    const was: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(customIn)) {
      const now = currentCustom[key];
      if (mode === 'fill' ? isEmptyValue(now) && !isEmptyValue(value) : !isEmptyValue(value) && !same(now, value)) {
        changed[key] = value;
        was[key] = now ?? null;
      }
    }
    if (Object.keys(changed).length) {
      patch.customFields = changed;
      before.customFields = was;
    }
  }
  if (mode === 'overwrite' && typeof input.ownerId === 'string' && input.ownerId !== current.ownerId) {
    patch.ownerId = input.ownerId;
    before.ownerId = current.ownerId;
  }
  return Object.keys(patch).length ? { patch, before } : null;
}
