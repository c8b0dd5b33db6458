/**
 * The part of a content line before the value: `group.NAME;PARAM=value;…`. Parameter values may be quoted, and a
 * quoted value may hold `:`, `;` and `,` (4.0 `LABEL="…"`, `GEO="geo:…"`). vCard 2.1 writes parameters bare
 * (`TEL;CELL;PREF`, `PHOTO;ENCODING=BASE64;JPEG`): a bare encoding name is ENCODING, anything else is a TYPE.
 */
import type { VParam } from './vcard-model.ts';

export interface ContentLineHeader {
  group: string | null;
  name: string;
  params: VParam[];
}

const bareEncodings = new Set(['QUOTED-PRINTABLE', 'BASE64', 'B', '8BIT', '7BIT']);

export function headerParam(header: ContentLineHeader, name: string): string | null {
  return header.params.find((p) => p.name === name)?.values[0] ?? null;
}

/** Split on a separator outside double quotes. */
function splitOutsideQuotes(text: string, separator: string): string[] {
  const parts: string[] = [];
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (c === separator && !quoted) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

const unquote = (v: string): string => {
  const t = v.trim();
  return t.length >= 2 && t.startsWith('"') && t.endsWith('"') ? t.slice(1, -1) : t;
};

/** Parse the header text; null when it has no property name (a garbage line). */
export function parseHeader(text: string): ContentLineHeader | null {
  // A UTF-8 byte order mark is read as part of the file's first line.
  const [head = '', ...rawParams] = splitOutsideQuotes(text.replace(/^\uFEFF/, ''), ';');
  const dot = head.lastIndexOf('.');
  const group = dot > 0 ? head.slice(0, dot).trim() : null;
  const name = (dot > 0 ? head.slice(dot + 1) : head).trim().toUpperCase();
  if (!/^[A-Z0-9-]+$/.test(name)) return null;
  const params: VParam[] = [];
  for (const raw of rawParams) {
    if (raw.trim() === '') continue;
    const eq = raw.indexOf('=');
    if (eq < 0) {
      const bare = raw.trim();
      params.push({ name: bareEncodings.has(bare.toUpperCase()) ? 'ENCODING' : 'TYPE', values: [bare] });
      continue;
    }
    const paramName = raw.slice(0, eq).trim().toUpperCase();
    const values = splitOutsideQuotes(raw.slice(eq + 1), ',').map(unquote);
    params.push({ name: paramName, values });
  }
  return { group: group === '' ? null : group, name, params };
}

/**
 * Write a parameter back: values quoted when they hold `:`, `;` or `,`. Values read from a file are kept as written
 * (carets included), so only what a value read from a file cannot hold is caret-escaped (RFC 6868): line breaks, `"`.
 */
export function formatParam(param: VParam): string {
  const values = param.values.map((v) => {
    const safe = v.replace(/\r\n|\r|\n/g, '^n').replace(/"/g, "^'");
    return /[:;,]/.test(safe) || safe !== v ? `"${safe}"` : safe;
  });
  return `${param.name}=${values.join(',')}`;
}
