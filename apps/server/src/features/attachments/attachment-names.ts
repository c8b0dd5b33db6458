import { cleanName } from '@kontor/contract/common';
import { MAX_FILE_NAME } from '@kontor/contract/attachments';
import { invalid, fieldError } from '../../errors.ts';

/**
 * What an uploaded file is called and how it is served. The name is kept as the user knew it, minus what could
 * harm a file system, a header or a reader; the type is the one the browser declared, but never rendered in place.
 */

// Control characters (C0, DEL, C1) and the line and paragraph separators.
const CONTROL = /[\p{Cc}\u2028\u2029]/gu;

/** The original name, fit for storing and showing: no path parts, no control or bidi characters, at most 255 characters. */
export function cleanFileName(raw: string | undefined): string {
  const value = raw ?? '';
  if (value.includes('\u0000')) throw invalid({ file: fieldError('nul') }, 'The file name contains a NUL character.');
  const base = value.split(/[\\/]/).pop() ?? '';
  const name = cleanName(base.normalize('NFC').replace(CONTROL, ''));
  if (name === '' || /^\.+$/.test(name)) return 'file';
  const chars = Array.from(name);
  if (chars.length <= MAX_FILE_NAME) return name;
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 && name.length - dot <= 16 ? Array.from(name.slice(dot)) : [];
  return chars.slice(0, MAX_FILE_NAME - ext.length).join('') + ext.join('');
}

/** A declared type as `type/subtype` (parameters dropped, lower-cased); anything malformed is application/octet-stream. */
export function cleanMime(raw: string | undefined): string {
  const mime = (raw ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  return /^[a-z0-9][a-z0-9!#$&^_.+-]{0,63}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,127}$/.test(mime) ? mime : 'application/octet-stream';
}

/**
 * Types a browser would render as a page (HTML, XHTML, SVG, XML) or load as script or style from our own origin (which
 * the content security policy trusts): served as plain bytes, which `nosniff` keeps from being run.
 */
const ACTIVE = /^(text\/html|application\/xhtml\+xml|image\/svg\+xml|text\/xml|application\/xml|text\/xsl|text\/css|(text|application)\/(x-)?(java|ecma)script|text\/jscript)$|\+xml$/;
export const servedContentType = (mime: string): string => (ACTIVE.test(mime) ? 'application/octet-stream' : mime);

/** RFC 5987 value characters: everything else percent-encoded (encodeURIComponent leaves ' ( ) * alone). */
const encodeRfc5987 = (s: string) => encodeURIComponent(s).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * `attachment; filename="<ASCII fallback>"; filename*=UTF-8''<encoded>` (RFC 6266): always a download, with the
 * original name for every browser and a readable approximation for old clients.
 */
export function contentDisposition(name: string): string {
  const ascii = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]/g, '_')
    .replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeRfc5987(name)}`;
}

/**
 * The headers of a download: always an attachment with its original name, the declared type unless it is one a
 * browser would run, no sniffing, and a sandbox should anything still try to render it.
 */
export function downloadHeaders(row: { name: string; mime: string; size: number }): Record<string, string> {
  return {
    'content-type': servedContentType(row.mime),
    'content-disposition': contentDisposition(row.name),
    'content-length': String(row.size),
    'x-content-type-options': 'nosniff',
    'content-security-policy': "default-src 'none'; sandbox",
    'cache-control': 'private, no-cache',
  };
}
