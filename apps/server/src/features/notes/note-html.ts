import sanitizeHtml, { type IOptions, type Tag } from 'sanitize-html';

/**
 * A note's HTML as it is stored and served: sanitize-html with an allow-list. Formatting (paragraphs, line breaks,
 * bold, italic, underline, strike, lists, quotes, code), links to http, https and mailto only (opened in a new tab,
 * without the opener or a referrer), and mentions of users (`<span data-mention-id="12">@Anna</span>`). Everything
 * else goes: scripts and styles with their content, other elements keeping their text, every other attribute
 * (event handlers, style, class), `javascript:` and data URLs.
 */

const allowedTags = ['p', 'br', 'strong', 'b', 'em', 'i', 'u', 's', 'ul', 'ol', 'li', 'blockquote', 'code', 'pre', 'a', 'span'];
const LINK_REL = 'noopener noreferrer nofollow';
const SAFE_HREF = /^(https?:\/\/|mailto:)/i;
const USER_ID = /^[1-9][0-9]{0,9}$/;
/** Elements after which the plain text breaks a line. */
const BLOCKS = new Set(['p', 'li', 'blockquote', 'pre', 'ul', 'ol']);

export interface CleanNote {
  html: string;
  /** The note as plain text: paragraphs and list items on their own lines. */
  text: string;
  /** The user ids the kept mentions name, in order, without repeats. */
  mentionIds: number[];
}

/** Text without anything that looks like a tag is plain text: its blank lines become paragraphs, its line breaks `<br>`. */
const TAG_LIKE = /<[A-Za-z/!?]/;
const escapeText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
function plainToHtml(text: string): string {
  return text
    .split(/\r?\n(?:[ \t]*\r?\n)+/)
    .map((para) => `<p>${escapeText(para).replace(/\r?\n/g, '<br>')}</p>`)
    .join('');
}

/** Empty paragraphs at the start or end (an editor's last Enter), as sanitize-html writes them. */
const EDGE_EMPTY_PARAGRAPHS = /^(<p>(\s|<br \/>)*<\/p>)+|(<p>(\s|<br \/>)*<\/p>)+$/g;

const unescape = (s: string) => s.replace(/&(amp|lt|gt|quot);/g, (_m, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"' })[e] ?? '');

/**
 * Sanitises `html` (or plain text, which it turns into paragraphs first). A mention keeps its `data-mention-id` only when `keepMention` accepts the id (the caller checks
 * that the user exists and is active); other mentions stay as plain text.
 */
export function cleanNoteHtml(html: string, keepMention: (id: number) => boolean = () => true): CleanNote {
  const mentionIds: number[] = [];
  const text: string[] = [];
  const options: IOptions = {
    allowedTags,
    allowedAttributes: { a: ['href', 'rel', 'target'], span: ['data-mention-id'] },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesAppliedToAttributes: ['href'],
    allowProtocolRelative: false,
    disallowedTagsMode: 'discard',
    transformTags: {
      a: (_tag, attribs): Tag => {
        const href = (attribs.href ?? '').trim();
        return SAFE_HREF.test(href) ? { tagName: 'a', attribs: { href, rel: LINK_REL, target: '_blank' } } : { tagName: 'span', attribs: {} };
      },
      span: (_tag, attribs): Tag => {
        const raw = attribs['data-mention-id'] ?? '';
        const id = USER_ID.test(raw) ? Number(raw) : 0;
        if (!id || !keepMention(id)) return { tagName: 'span', attribs: {} };
        if (!mentionIds.includes(id)) mentionIds.push(id);
        return { tagName: 'span', attribs: { 'data-mention-id': String(id) } };
      },
    },
    textFilter: (escaped) => {
      text.push(unescape(escaped));
      return escaped;
    },
    onOpenTag: (name) => {
      if (name === 'br') text.push('\n');
    },
    onCloseTag: (name) => {
      if (BLOCKS.has(name)) text.push('\n');
    },
  };
  const out = sanitizeHtml(TAG_LIKE.test(html) ? html : plainToHtml(html), options);
  return { html: out.replace(EDGE_EMPTY_PARAGRAPHS, ''), text: plainText(text.join('')), mentionIds };
}

/** Runs of blank lines fold to one, spaces at line ends go, and so does white space around the whole text. */
const plainText = (s: string) =>
  s
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();

/** The first `max` characters of a note's text, for the timeline (code points, so no character is cut in half). */
export const excerpt = (text: string, max = 200): string => Array.from(text).slice(0, max).join('');
