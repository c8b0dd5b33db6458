/**
 * How single vCard values become Kontor values: a contact point's label from TYPE and Apple's `X-ABLabel`, the
 * preferred one, a birthday, a salutation from the name prefix, a phone from a `tel:` URI, a photo from inline bytes or
 * a `data:` URI. Used by vcard-to-draft.ts; the writer does the reverse with the same tables.
 */
import type { salutations } from '@kontor/contract/picklists';
import { paramValue, textValue, types, type VCard, type VProperty } from './vcard-model.ts';

type Salutation = (typeof salutations)[number];
export type PointKind = 'EMAIL' | 'TEL' | 'ADR' | 'URL';

/** Apple's built-in labels (`_$!<Other>!$_`) by their inner word, lower case. */
const appleLabels: Record<string, string> = {
  home: 'home',
  work: 'work',
  other: 'other',
  mobile: 'mobile',
  iphone: 'mobile',
  main: 'work',
  homefax: 'fax',
  workfax: 'fax',
  otherfax: 'fax',
  pager: 'pager',
  homepage: 'website',
  school: 'other',
};

/** The `X-ABLabel` of the same group (`item1.EMAIL` + `item1.X-ABLabel:Büro`), decoded. */
export function groupLabel(card: VCard, prop: VProperty): VProperty | null {
  if (!prop.group) return null;
  const group = prop.group.toLowerCase();
  return card.properties.find((p) => p.name === 'X-ABLABEL' && p.group?.toLowerCase() === group) ?? null;
}

function fromAppleLabel(raw: string): string {
  const builtIn = /^_\$!<(.+)>!\$_$/.exec(raw);
  if (!builtIn) return raw.trim().slice(0, 50);
  const word = (builtIn[1] ?? '').toLowerCase();
  return appleLabels[word] ?? word.slice(0, 50);
}

/**
 * A point's label: a custom `X-ABLabel` as written (`Büro`), else from TYPE: fax before mobile (cell) before work and
 * home; `other` for any other named type; '' when the TYPE says nothing (pref, internet, voice only).
 */
export function pointLabel(kind: PointKind, prop: VProperty, label: VProperty | null): string {
  if (label) return fromAppleLabel(textValue(label));
  const t = new Set(types(prop));
  if (kind === 'TEL') {
    if (t.has('fax')) return 'fax';
    if (t.has('cell') || t.has('mobile') || t.has('iphone')) return 'mobile';
    if (t.has('pager')) return 'pager';
  }
  if (t.has('work')) return 'work';
  if (t.has('home')) return 'home';
  const meaningless = new Set(['pref', 'internet', 'voice', 'x400', 'text', 'msg', 'intl', 'dom', 'postal', 'parcel', 'main']);
  return [...t].some((x) => !meaningless.has(x)) ? 'other' : '';
}

/** How much the card prefers it: PREF=1..100 (4.0), `type=pref` (2.1/3.0) as 1; null when not preferred. */
export function preference(prop: VProperty): number | null {
  const pref = paramValue(prop, 'PREF');
  if (pref !== null && /^\d+$/.test(pref.trim())) return Number(pref);
  return types(prop).includes('pref') ? 1 : null;
}

/** Index of the primary entry: the most preferred, the first of equals; null when none is preferred. */
export function primaryIndex(props: VProperty[]): number | null {
  let best: number | null = null;
  let bestPref = Infinity;
  props.forEach((p, i) => {
    const pref = preference(p);
    if (pref !== null && pref < bestPref) {
      best = i;
      bestPref = pref;
    }
  });
  return best;
}

/**
 * A birthday as Kontor stores it (`YYYY-MM-DD` or `--MM-DD`) from the forms vCards use: `1975-03-14`, `19750314`,
 * `1975-03-14T00:00:00Z`, `--0412`, `--04-12`, and Apple's `1604-11-23` with `X-APPLE-OMIT-YEAR=1604` (no year).
 * null when the value is none of these.
 */
export function birthdayValue(prop: VProperty): string | null {
  const raw = textValue(prop).trim();
  const noYear = /^--(\d{2})-?(\d{2})$/.exec(raw);
  if (noYear) return `--${noYear[1]}-${noYear[2]}`;
  const full = /^(\d{4})-?(\d{2})-?(\d{2})(?:T.*)?$/.exec(raw);
  if (!full) return null;
  const omitYear = paramValue(prop, 'X-APPLE-OMIT-YEAR');
  if (omitYear !== null && omitYear.trim() === full[1]) return `--${full[2]}-${full[3]}`;
  return `${full[1]}-${full[2]}-${full[3]}`;
}

/** Prefixes that name a salutation Kontor has (English, German, Romanian, Chinese), compared without dots and case. */
const salutationWords: Record<string, Salutation> = {
  mr: 'mr', mister: 'mr', herr: 'mr', hr: 'mr', dl: 'mr', domnul: 'mr', '先生': 'mr',
  ms: 'ms', miss: 'ms', frau: 'ms', fr: 'ms', dna: 'ms', doamna: 'ms', '女士': 'ms', '小姐': 'ms',
  mrs: 'mrs', mx: 'mx',
  dr: 'dr', '博士': 'dr',
  prof: 'prof', professor: 'prof', '教授': 'prof',
};
export const salutationPrefix: Record<Salutation, string> = { mr: 'Mr.', ms: 'Ms.', mrs: 'Mrs.', mx: 'Mx.', dr: 'Dr.', prof: 'Prof.' };

export function salutationOf(prefix: string): Salutation | null {
  const key = prefix.trim().toLowerCase().replace(/\.$/, '').replace(/\s+/g, ' ');
  return salutationWords[key] ?? null;
}

/**
 * A phone as written. A 4.0 `tel:` URI loses its scheme and visual separators, and keeps an extension as
 * ` ext. 42` (libphonenumber reads that as the extension, and Kontor's phone values allow it):
 * `tel:+49-491-555-0142;ext=42` -> `+49 491 555 0142 ext. 42`.
 */
export function phoneValue(prop: VProperty): string {
  const raw = textValue(prop).trim();
  if (!/^tel:/i.test(raw)) return raw;
  const [number = '', ...params] = raw.slice(4).split(';');
  const ext = params.map((p) => /^ext=(.+)$/i.exec(p.trim())?.[1]).find((e) => e !== undefined);
  const shown = decodeURIComponent(number).replace(/[-.]/g, ' ').replace(/\s+/g, ' ').trim();
  return ext ? `${shown} ext. ${ext}` : shown;
}

const mimeByType: Record<string, string> = { jpeg: 'image/jpeg', jpg: 'image/jpeg', png: 'image/png', gif: 'image/gif', webp: 'image/webp', bmp: 'image/bmp' };

function sniffMime(bytes: Uint8Array): string | null {
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return 'image/jpeg';
  if (bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) return 'image/png';
  if (bytes[0] === 0x47 && bytes[1] === 0x49 && bytes[2] === 0x46) return 'image/gif';
  return null;
}

/** An inline photo (2.1/3.0 base64, 4.0 `data:` URI) as bytes and mime; null for a photo by reference (never fetched). */
export function photoValue(prop: VProperty): { bytes: Uint8Array; mime: string | null } | null {
  if (prop.binary) {
    const typed = types(prop).map((t) => mimeByType[t.replace(/^image\//, '')]).find((m) => m !== undefined);
    return { bytes: prop.binary, mime: typed ?? sniffMime(prop.binary) };
  }
  const data = /^data:([^;,]*)((?:;[^;,]*)*),(.*)$/is.exec(prop.value.trim());
  if (!data) return null;
  const payload = data[3] ?? '';
  const bytes = /;base64/i.test(data[2] ?? '') ? new Uint8Array(Buffer.from(payload, 'base64')) : new TextEncoder().encode(decodeURIComponent(payload));
  return { bytes, mime: data[1] ? data[1].toLowerCase() : sniffMime(bytes) };
}
