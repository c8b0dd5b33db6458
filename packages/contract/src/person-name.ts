/**
 * A person's name as their culture writes it (issue #14), the one formatter every place that shows a contact's or a
 * lead's name uses (server presenters, search titles, exports, timeline; the web shows what the server composed).
 *
 * - Written in Chinese, Japanese or Korean script (every letter of the name is Han, Hiragana, Katakana or Hangul):
 *   family name first, without a space: 李 + 丹 -> "李丹", 山田 + 太郎 -> "山田太郎", 김 + 민준 -> "김민준".
 * - Otherwise given name first: "Anna Schmidt". Kontor's four locales (en, de, zh-CN, ro) all write Latin names
 *   this way, so the user's locale never changes the order.
 * - Either part may be missing; nothing at all is "".
 */
export interface PersonNameParts {
  firstName?: string | null;
  lastName?: string | null;
}

/** Han (Chinese characters, Japanese kanji), Japanese kana and Korean Hangul. */
const CJK_LETTER = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const LETTER = /\p{L}/gu;

/** Whether `text` has letters and all of them are Chinese, Japanese or Korean (spaces, digits and dots aside). */
export function isCjkText(text: string): boolean {
  const letters = text.match(LETTER);
  return letters !== null && letters.every((l) => CJK_LETTER.test(l));
}

/** Whether `text` starts (after anything that is not a letter) with a Chinese, Japanese or Korean letter. */
export function startsWithCjk(text: string): boolean {
  const first = text.match(/\p{L}/u)?.[0];
  return first !== undefined && CJK_LETTER.test(first);
}

const clean = (s: string | null | undefined): string => (s ?? '').trim();

/** Whether the name is written in Chinese, Japanese or Korean script, so it is written family name first. */
export function isCjkName(p: PersonNameParts): boolean {
  return isCjkText(`${clean(p.lastName)} ${clean(p.firstName)}`);
}

/** The name to show: "李丹", "山田太郎", "Anna Schmidt", "Schmidt" (one part), "" (none). */
export function personName(p: PersonNameParts): string {
  const first = clean(p.firstName);
  const last = clean(p.lastName);
  if (isCjkName(p)) return `${last}${first}`;
  return [first, last].filter((s) => s !== '').join(' ');
}
