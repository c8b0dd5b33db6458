/**
 * An activity as an iCalendar file (RFC 5545): one VEVENT in a VCALENDAR, CRLF line ends, text escaped (backslash,
 * semicolon, comma, newlines), content lines folded at 75 octets without splitting a UTF-8 character.
 */

export interface CalendarPerson {
  name: string;
  email: string;
}

export interface CalendarEvent {
  uid: string;
  /** When the file is made (DTSTAMP). */
  stamp: string;
  created: string;
  lastModified: string;
  /** Changes of the event (the record's version - 1), so calendars replace an imported copy. */
  sequence: number;
  start: string;
  end: string | null;
  /** Dates instead of times; `end` is the last day, inclusive. */
  allDay: boolean;
  summary: string;
  location: string | null;
  description: string | null;
  organizer: CalendarPerson | null;
  attendees: CalendarPerson[];
}

/** TEXT value escaping (RFC 5545 3.3.11). */
export function escapeText(s: string): string {
  return s
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n')
    .replace(/[^\P{Cc}\t]/gu, ''); // other control characters have no place in TEXT
}

/** A quoted parameter value (CN="..."): no DQUOTE or control characters may appear in it (RFC 5545 3.1). */
const paramValue = (s: string) => `"${s.replace(/["\p{Cc}]/gu, '')}"`;

/** Splits a content line into lines of at most 75 octets, continuation lines starting with one space (RFC 5545 3.1). */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch, 'utf8');
    const limit = out.length === 0 ? 75 : 74; // continuation lines carry the leading space
    if (octets + size > limit) {
      out.push(current);
      current = '';
      octets = 0;
    }
    current += ch;
    octets += size;
  }
  out.push(current);
  return out.join('\r\n ');
}

const utc = (iso: string) => iso.replace(/[-:]/g, '').replace(/\.\d+/, '');
const day = (iso: string) => iso.slice(0, 10).replace(/-/g, '');
const nextDay = (iso: string) => new Date(Date.parse(`${iso.slice(0, 10)}T00:00:00.000Z`) + 86_400_000).toISOString();
/** A mailto: address; e-mail addresses are validated when stored, this keeps a line break out all the same. */
const mailto = (email: string) => `mailto:${email.replace(/[\s"]/g, '')}`;

export function buildIcs(e: CalendarEvent): string {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Kontor//Kontor CRM//EN', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH', 'BEGIN:VEVENT'];
  lines.push(`UID:${e.uid}`, `DTSTAMP:${utc(e.stamp)}`, `CREATED:${utc(e.created)}`, `LAST-MODIFIED:${utc(e.lastModified)}`, `SEQUENCE:${e.sequence}`);
  if (e.allDay) {
    lines.push(`DTSTART;VALUE=DATE:${day(e.start)}`, `DTEND;VALUE=DATE:${day(nextDay(e.end ?? e.start))}`);
  } else {
    lines.push(`DTSTART:${utc(e.start)}`);
    if (e.end) lines.push(`DTEND:${utc(e.end)}`);
  }
  lines.push(`SUMMARY:${escapeText(e.summary)}`);
  if (e.location) lines.push(`LOCATION:${escapeText(e.location)}`);
  if (e.description) lines.push(`DESCRIPTION:${escapeText(e.description)}`);
  if (e.organizer) lines.push(`ORGANIZER;CN=${paramValue(e.organizer.name)}:${mailto(e.organizer.email)}`);
  for (const a of e.attendees) lines.push(`ATTENDEE;CN=${paramValue(a.name)};ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION:${mailto(a.email)}`);
  lines.push('STATUS:CONFIRMED', 'TRANSP:OPAQUE', 'END:VEVENT', 'END:VCALENDAR');
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}

/**
 * `Content-Disposition: attachment` with a file name every client reads: an ASCII fallback in `filename`, and the
 * real name in RFC 5987 `filename*` when it is not plain ASCII.
 */
export function attachmentDisposition(name: string, extension: string): string {
  const clean = name.replace(/[\p{Cc}/\\]/gu, ' ').replace(/\s+/g, ' ').trim().slice(0, 100) || 'activity';
  const ascii = clean.replace(/[^A-Za-z0-9 ._-]/g, '_').replace(/_+/g, '_').trim() || 'activity';
  const header = `attachment; filename="${ascii}.${extension}"`;
  if (/^[\x20-\x7e]*$/.test(clean) && !/["%]/.test(clean)) return header;
  return `${header}; filename*=UTF-8''${encodeURIComponent(`${clean}.${extension}`).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}
