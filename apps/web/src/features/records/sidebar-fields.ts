/**
 * Where a record page shows each value, once (issue #14). The sidebar is the summary: the name and a caption under
 * it, the business card (fields an admin picks), the owner and the contact-type selector. The main column shows the
 * contact points in their own section and, in Info, every other field. So:
 * - the card leaves out what has a place of its own (contact points; the contact type, which the selector shows and
 *   edits) and the settings offer only what the card can show;
 * - Info leaves out what the sidebar shows and what the contact-points section shows;
 * - the caption leaves out what the card shows right below it.
 */

/** Fields whose values have a place of their own: the contact-points section (an account's phone and website are its primary points), the sidebar's selector. */
const ownPlace: ReadonlySet<string> = new Set(['phone', 'website', 'primaryEmail', 'primaryPhone', 'contactType']);

/** Whether the business card may show this field. */
export const isCardField = (key: string): boolean => !ownPlace.has(key);

/** The fields the sidebar shows, given the configured business card: the card's, the owner (its own line otherwise), the contact type. */
function sidebarFields(card: readonly string[]): Set<string> {
  return new Set([...card.filter(isCardField), 'ownerId', 'contactType']);
}

/** Info's fields: those listed, less what the sidebar and the contact-points section show. */
export function infoFieldsBeside(fields: readonly string[], card: readonly string[]): string[] {
  const sidebar = sidebarFields(card);
  return fields.filter((k) => !sidebar.has(k) && !ownPlace.has(k));
}

/** The caption under the name: the values given, less those whose field the card shows. */
export function captionBeside(parts: ReadonlyArray<readonly [field: string, value: string | null | undefined]>, card: readonly string[]): string {
  const shown = new Set(card.filter(isCardField));
  return parts
    .filter(([field, value]) => value && !shown.has(field))
    .map(([, value]) => value)
    .join(' · ');
}
