/**
 * The vCard model (issue #15, and the CardDAV server of issue #17 after it): a card is its version and every property
 * in file order, nothing dropped, so a card can be read, partly mapped to Kontor fields and written back with the
 * properties Kontor has no field for (X-…, IMPP, RELATED, GENDER, LANG, …) unchanged.
 *
 * Values are kept in one form whatever the version: the text after unfolding and after undoing 2.1's
 * quoted-printable and charsets, with vCard 3.0/4.0 escapes still in place (`\n`, `\,`, `\;`, `\\`). A 2.1 value's real
 * line breaks (from `=0D=0A`) become `\n` so the value can be written into a 3.0/4.0 card as it is. The helpers below
 * undo the escapes when a value is read as text, as structured components or as a list.
 */

export type VCardVersion = '2.1' | '3.0' | '4.0';

export interface VParam {
  /** Upper case (`TYPE`, `PREF`, `ALTID`, `X-APPLE-OMIT-YEAR`). 2.1's bare `TEL;CELL` is `TYPE` with `CELL`. */
  name: string;
  /** As written, quotes removed, one entry per comma-separated value (`TYPE="work,voice"` is one entry `work,voice`). */
  values: string[];
}

export interface VProperty {
  /** `item1` of `item1.EMAIL`, else null. */
  group: string | null;
  /** Upper case (`EMAIL`, `X-ABLABEL`). */
  name: string;
  params: VParam[];
  /** The value in 3.0/4.0 escaped form (see above); '' for an inline binary value. */
  value: string;
  /** `ENCODING=b` / `ENCODING=BASE64` values, decoded; null otherwise (4.0 `data:` URIs stay in `value`). */
  binary: Uint8Array | null;
}

export interface VCard {
  version: VCardVersion;
  /** Every property but BEGIN, END and VERSION, in file order. */
  properties: VProperty[];
}

/** The values of a parameter (upper-cased name), each split again on commas: `TYPE="work,voice"` gives work, voice. */
export function paramValues(prop: VProperty, name: string): string[] {
  const out: string[] = [];
  for (const p of prop.params) {
    if (p.name !== name) continue;
    for (const v of p.values) for (const part of v.split(',')) if (part.trim() !== '') out.push(part.trim());
  }
  return out;
}

export function paramValue(prop: VProperty, name: string): string | null {
  return prop.params.find((p) => p.name === name)?.values[0] ?? null;
}

/** TYPE values in lower case, 2.1/3.0 `type=pref` included. */
export function types(prop: VProperty): string[] {
  return paramValues(prop, 'TYPE').map((t) => t.toLowerCase());
}

/** Undo the text escapes: `\n` `\N` line break, `\,` `\;` `\\` `\:` (Apple's `https\://`); any other `\x` stays as written. */
export function unescapeText(value: string): string {
  if (!value.includes('\\')) return value;
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c !== '\\' || i + 1 >= value.length) {
      out += c;
      continue;
    }
    const next = value[i + 1];
    if (next === 'n' || next === 'N') out += '\n';
    else if (next === ',' || next === ';' || next === '\\' || next === ':') out += next;
    else out += `\\${next}`;
    i++;
  }
  return out;
}

/** Split on a separator that is not escaped (`\;`), keeping the escapes in the parts. */
export function splitUnescaped(value: string, separator: ';' | ','): string[] {
  const parts: string[] = [];
  let start = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c === '\\') i++;
    else if (c === separator) {
      parts.push(value.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(value.slice(start));
  return parts;
}

/** A property's value as plain text. */
export function textValue(prop: VProperty): string {
  return unescapeText(prop.value);
}

/** A structured value (N, ADR, ORG) as its components, unescaped; missing components are ''. */
export function components(prop: VProperty, count = 0): string[] {
  const parts = splitUnescaped(prop.value, ';').map(unescapeText);
  while (parts.length < count) parts.push('');
  return parts;
}

/** A list value (CATEGORIES, NICKNAME) as its items, unescaped and trimmed, empty items left out. */
export function listValue(prop: VProperty): string[] {
  return splitUnescaped(prop.value, ',')
    .map((v) => unescapeText(v).trim())
    .filter((v) => v !== '');
}

/** Escape text for a 3.0/4.0 value: backslash, line breaks, and (for text and components) `,` and `;`. */
export function escapeText(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\r\n|\r|\n/g, '\\n').replace(/,/g, '\\,').replace(/;/g, '\\;');
}
