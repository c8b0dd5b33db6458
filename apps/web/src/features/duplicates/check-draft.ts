import { checkableEmail, checkablePhone, checkableWebsite, duplicateCheckSchema, type DuplicateCheck, type DuplicateModule } from '@kontor/contract/duplicates';

/** The parts of a create or edit form that identify a record (what the forms hand to the warning). */
export interface IdentifyingParts {
  firstName?: string;
  lastName?: string;
  /** An account's name. */
  name?: string;
  accountId?: string | null;
  points: { emails: { value: string }[]; phones: { value: string }[]; websites: { value: string }[] };
}

const valid = (rows: { value: string }[], ok: (v: string) => boolean) => [...new Set(rows.map((r) => r.value.trim()).filter((v) => v !== '' && ok(v)))];
const text = (v: string | undefined) => {
  const s = v?.trim() ?? '';
  return s === '' ? undefined : s;
};

/**
 * What the check on entry is asked for a form's draft, or null when nothing in it could find a duplicate yet. Only
 * complete values count (a half-typed e-mail is left out), so typing one changes nothing until it is one: the request
 * goes out when an identifying part really changed. Contacts match by e-mail, phone or a name in an account; accounts by
 * name, website, phone or e-mail.
 */
export function checkDraft(module: DuplicateModule, parts: IdentifyingParts): DuplicateCheck | null {
  const emails = valid(parts.points.emails, checkableEmail);
  const phones = valid(parts.points.phones, checkablePhone);
  if (module === 'contacts') {
    const firstName = text(parts.firstName);
    const lastName = text(parts.lastName);
    const accountId = parts.accountId ?? undefined;
    const named = Boolean(firstName || lastName);
    if (!emails.length && !phones.length && !(named && accountId)) return null;
    return { firstName, lastName, accountId, emails, phones };
  }
  const name = text(parts.name);
  const websites = valid(parts.points.websites, checkableWebsite);
  if (!emails.length && !phones.length && !websites.length && (name?.length ?? 0) < 2) return null;
  return { name, emails, phones, websites };
}

/** A draft as a stable string (the debounce compares strings) and back, checked with the contract's schema. */
export const draftKey = (draft: DuplicateCheck | null): string => (draft ? JSON.stringify(draft) : '');
export function draftOfKey(key: string, excludeId: string | undefined): DuplicateCheck | null {
  if (!key) return null;
  const parsed = duplicateCheckSchema.safeParse({ ...(JSON.parse(key) as object), excludeId });
  return parsed.success ? parsed.data : null;
}
