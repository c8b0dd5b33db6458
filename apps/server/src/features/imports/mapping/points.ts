/**
 * Contact points and lists in import cells (issue #15): several values in one cell (Google's ` ::: `, Pipedrive's
 * `+420 519 555 101, +420 519 555 102`), labels (`* Work` is the primary work point; `Geschäftlich`, `手机`), e-mail
 * display forms (Outlook's `Name (address)`), and tags without Google's system groups.
 */
import { optionKey } from './values.ts';

const GOOGLE_SEPARATOR = ' ::: ';
const EMAIL_SEPARATORS = /\s*:::\s*|[;,\s]+/;
const PHONE_LIST_SEPARATORS = /\s*:::\s*|\s*[;\n]\s*/;
const PHONE_COMMA = /\s*,\s*/;
const DIGIT_RUN = /\d/g;
const WEBSITE_SEPARATORS = /\s*:::\s*|\s+/;
const TAG_SEPARATORS = /\s*(?::::|;|,|\n)\s*/;
const DISPLAY_FORM_SEPARATORS = /\s*(?::::|;|\n)\s*/;
const GOOGLE_SPLIT = /\s*:::\s*/;

const nonEmpty = (parts: string[]): string[] => parts.filter((p) => p !== '');

/** E-mail addresses in a cell: split on ` ::: `, `;`, `,` and spaces (none can be part of an address); display forms read. */
export function splitEmails(text: string): string[] {
  if (text === '') return [];
  const single = emailAddress(text);
  if (single !== null && !single.includes(' ') && !single.includes(',') && !single.includes(';')) return [single];
  const out: string[] = [];
  // a display form holds spaces: read each `Name <address>` / `Name (address)` before splitting on spaces
  for (const piece of text.split(DISPLAY_FORM_SEPARATORS)) {
    const address = emailAddress(piece);
    if (address !== null && !address.includes(' ') && !address.includes(',')) out.push(address);
    else out.push(...nonEmpty(piece.split(EMAIL_SEPARATORS)));
  }
  return nonEmpty(out);
}

const ANGLE = /<([^<>\s]+@[^<>\s]+)>/;
const PARENS = /\(([^()\s]+@[^()\s]+)\)/;
const MAILTO = /^mailto:/i;

/** The address of `Eleanor Whitcombe (eleanor@x.example)`, `"Name" <a@x.example>` or `mailto:a@x.example`; else the text. */
export function emailAddress(text: string): string | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const angle = ANGLE.exec(trimmed);
  if (angle?.[1]) return angle[1];
  const parens = PARENS.exec(trimmed);
  if (parens?.[1]) return parens[1];
  return trimmed.replace(MAILTO, '');
}

/** Phone numbers in a cell: ` ::: `, `;` or line breaks separate them; a comma only where both sides are whole numbers. */
export function splitPhones(text: string): string[] {
  if (text === '') return [];
  const out: string[] = [];
  for (const piece of text.split(PHONE_LIST_SEPARATORS)) {
    if (piece === '') continue;
    if (!piece.includes(',')) {
      out.push(piece);
      continue;
    }
    const parts = piece.split(PHONE_COMMA);
    // `+49 711 555,0` or a dial string keeps its comma: split only when every part is a number of its own
    if (parts.every((p) => (p.match(DIGIT_RUN)?.length ?? 0) >= 6)) out.push(...nonEmpty(parts));
    else out.push(piece);
  }
  return out;
}

export function splitWebsites(text: string): string[] {
  return text === '' ? [] : nonEmpty(text.split(WEBSITE_SEPARATORS));
}

/** Several values joined by Google's ` ::: ` (any other kind of cell). */
export function splitGoogle(text: string): string[] {
  return text.includes(GOOGLE_SEPARATOR.trim()) ? nonEmpty(text.split(GOOGLE_SPLIT).map((s) => s.trim())) : [text];
}

/** Google's system groups, not tags a person gave (`* myContacts`, `* starred`, `System Group: My Contacts`). */
const SYSTEM_TAGS = new Set(['mycontacts', 'starred', 'my_contacts', 'starred_in_android', 'friends_family_coworkers']);
const SYSTEM_GROUP = /^system group:/i;

/** Tag names of a cell: split on `;`, `,`, ` ::: ` and line breaks; Google's `* ` mark and system groups dropped. */
export function splitTags(text: string): string[] {
  if (text === '') return [];
  const out: string[] = [];
  for (const raw of text.split(TAG_SEPARATORS)) {
    const tag = raw.startsWith('* ') ? raw.slice(2).trim() : raw.trim();
    if (tag === '' || SYSTEM_GROUP.test(tag) || SYSTEM_TAGS.has(optionKey(tag).toLowerCase())) continue;
    if (!out.includes(tag)) out.push(tag);
  }
  return out;
}

/** Label words other programs and languages use, as Kontor's suggested labels (`contact-points.ts`). */
const LABEL_WORDS: Record<string, string> = {
  work: 'work', business: 'work', office: 'work', company: 'work', job: 'work', internet: 'work', pref: 'work',
  home: 'home', private: 'home', personal: 'home',
  mobile: 'mobile', cell: 'mobile', cellular: 'mobile', iphone: 'mobile',
  fax: 'fax', work_fax: 'fax', home_fax: 'fax', other_fax: 'fax', business_fax: 'fax',
  other: 'other',
  main: 'main', pager: 'pager',
  billing: 'billing', shipping: 'shipping',
  website: 'website', homepage: 'website', blog: 'website', profile: 'website', linkedin: 'linkedin', twitter: 'twitter', x: 'twitter', facebook: 'facebook', xing: 'xing',
};

export interface ParsedLabel {
  label: string;
  primary: boolean;
}

/**
 * A label as written in a file: `* ` first marks the primary point (Google, Kontor's export); the English words the
 * exporting programs write for their built-in labels become Kontor's keys (`Work` -> `work`, `Cell` -> `mobile`); any
 * other label is the user's own and stays as written (`Büro`, `Lager`: a round trip keeps it).
 */
export function parseLabel(raw: string): ParsedLabel {
  let text = raw.trim();
  let primary = false;
  if (text.startsWith('*')) {
    primary = true;
    text = text.slice(1).trim();
  }
  if (text === '') return { label: '', primary };
  const known = LABEL_WORDS[optionKey(text)];
  return { label: known ?? text.slice(0, 50), primary };
}
