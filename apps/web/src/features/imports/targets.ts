import type { TFunction } from 'i18next';
import type { ImportTargetOption } from '@kontor/contract/imports';

/** What labelling needs: the translator, whether a key exists, and a standard field's label by its key. */
export interface Labels {
  t: TFunction;
  exists: (key: string) => boolean;
  field: (key: string) => string;
}

/** The select's value for "Don't import" (a Select needs a string; the mapping stores null). */
export const SKIP = '__skip';

const addressParts = new Set(['street', 'city', 'region', 'postalCode', 'country', 'full']);

/** A contact point's or address's label as the user reads it: known labels translated, the file's own as written. */
function pointLabel({ t, exists }: Labels, label: string): string {
  const clean = label.replace(/^\*\s*/, '');
  if (!clean) return t('imports.targets.noLabel');
  const key = `imports.targets.labels.${clean.toLowerCase()}`;
  return exists(key) ? t(key) : clean;
}

/**
 * A mapping target in the user's language (the server's labels are English): `email:work` is "E-mail (work)",
 * `address:billing:city` "Address (billing): city", `field:industry` the field's own label. Falls back to the English
 * label the server gave for targets this version does not know.
 */
export function targetLabel(labels: Labels, target: string, english?: string): string {
  const { t, exists } = labels;
  const [kind = '', rest = ''] = splitOnce(target, ':');
  if (kind === 'field') return labels.field(rest);
  if (kind === 'custom') return english ?? rest;
  if (kind === 'email' || kind === 'phone' || kind === 'website') return t('imports.targets.point', { kind: t(`imports.targets.kinds.${kind}`), label: pointLabel(labels, rest) });
  if (kind === 'address') {
    const [label = '', part = ''] = splitLast(rest, ':');
    if (addressParts.has(part)) return t('imports.targets.addressPart', { label: pointLabel(labels, label), part: t(`imports.targets.addressParts.${part}`) });
  }
  const numbered = /^(email|phone|website|address)#(\d+)$/.exec(kind);
  if (numbered) {
    const [, what = 'email', n = '1'] = numbered;
    const part = rest === 'value' ? t('imports.targets.value') : rest === 'label' ? t('imports.targets.labelPart') : addressParts.has(rest) ? t(`imports.targets.addressParts.${rest}`) : rest;
    return t('imports.targets.numbered', { kind: t(`imports.targets.kinds.${what}`), n, part });
  }
  const key = `imports.targets.special.${target}`;
  if (!rest && exists(key)) return t(key);
  return english ?? target;
}

function splitOnce(s: string, sep: string): [string, string] {
  const i = s.indexOf(sep);
  return i < 0 ? [s, ''] : [s.slice(0, i), s.slice(i + 1)];
}
function splitLast(s: string, sep: string): [string, string] {
  const i = s.lastIndexOf(sep);
  return i < 0 ? [s, ''] : [s.slice(0, i), s.slice(i + 1)];
}

export interface TargetGroup {
  group: string;
  items: { value: string; label: string }[];
}

const groupOrder: ImportTargetOption['group'][] = ['name', 'field', 'email', 'phone', 'website', 'address', 'link', 'meta', 'custom'];

/**
 * The options of a column's select: "Don't import" first, then the targets grouped as the server groups them, each in
 * the user's language. A target already chosen that the server does not offer (a template's, a numbered group) is kept.
 */
export function targetGroups(labels: Labels, options: ImportTargetOption[], keep: (string | null)[]): TargetGroup[] {
  const { t } = labels;
  const groups: TargetGroup[] = [{ group: t('imports.map.skipGroup'), items: [{ value: SKIP, label: t('imports.map.skip') }] }];
  const seen = new Set<string>();
  for (const g of groupOrder) {
    const items = options
      .filter((o) => o.group === g && !seen.has(o.target))
      .map((o) => {
        seen.add(o.target);
        return { value: o.target, label: targetLabel(labels, o.target, o.label) };
      });
    if (items.length) groups.push({ group: t(`imports.targets.groups.${g}`), items });
  }
  const extra = [...new Set(keep.filter((k): k is string => k !== null && !seen.has(k)))];
  if (extra.length) groups.push({ group: t('imports.targets.groups.other'), items: extra.map((k) => ({ value: k, label: targetLabel(labels, k) })) });
  return groups;
}

/** A preview column's label: the field's own label in the user's language when Kontor knows it, else the server's English. */
export function fieldKeyLabel(labels: Labels, knownKeys: string[], key: string, english: string): string {
  return knownKeys.some((k) => labels.exists(k)) ? labels.field(key) : english;
}
