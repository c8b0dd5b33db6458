import { z } from 'zod';
import { fieldCode } from './field-errors.ts';

export const contactPointKinds = ['emails', 'phones', 'websites', 'addresses'] as const;
export type ContactPointKind = (typeof contactPointKinds)[number];

/** Suggested labels; any label up to 50 characters is accepted. */
export const suggestedLabels: Record<ContactPointKind, readonly string[]> = {
  emails: ['work', 'home', 'other'],
  phones: ['work', 'mobile', 'home', 'fax', 'other'],
  websites: ['website', 'linkedin', 'twitter', 'facebook', 'xing', 'other'],
  addresses: ['work', 'billing', 'shipping', 'home', 'other'],
};

const label = z.string().trim().max(50, 'at most 50 characters').default('');
const primary = z.boolean().default(false);

const emailPattern = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]{2,}$/;

export const emailValue = z
  .string()
  .trim()
  .min(1, 'required')
  .max(254, 'at most 254 characters')
  .refine((v) => emailPattern.test(v), fieldCode('email'));

/** http(s) URL; a bare host such as "example.com" is accepted and stored with https://. */
export const urlValue = z
  .string()
  .trim()
  .min(1, 'required')
  .max(2000, 'at most 2000 characters')
  .transform((v) => (/^[a-z][a-z0-9+.-]*:/i.test(v) ? v : `https://${v}`))
  .refine((v) => {
    try {
      const u = new URL(v);
      return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname.includes('.');
    } catch {
      return false;
    }
  }, fieldCode('url'));

export const phoneValue = z
  .string()
  .trim()
  .min(1, 'required')
  .max(50, 'at most 50 characters')
  .refine((v) => /[0-9]{3,}/.test(v.replace(/[\s().\-/]/g, '')) && /^[+0-9\s().\-/#*xXextEXT]+$/.test(v), fieldCode('phone'));

/**
 * An account's `phone` and `website` (issue #14): shorthands for its primary phone and primary website point, so
 * they are validated as that point's value is (a bare host gets https://); empty or white space clears it (null).
 */
const blankToNull = (v: string) => (v.trim() === '' ? null : v);
export const phoneShorthand = z.string().transform(blankToNull).pipe(phoneValue.nullable()).nullable().optional();
export const websiteShorthand = z.string().transform(blankToNull).pipe(urlValue.nullable()).nullable().optional();

export const emailPointInput = z.object({ label, value: emailValue, primary });
export const phonePointInput = z.object({ label, value: phoneValue, primary });
export const websitePointInput = z.object({ label, value: urlValue, primary });
export const addressPointInput = z
  .object({
    label,
    street: z.string().trim().max(250, 'at most 250 characters').default(''),
    city: z.string().trim().max(100, 'at most 100 characters').default(''),
    region: z.string().trim().max(100, 'at most 100 characters').default(''),
    postalCode: z.string().trim().max(30, 'at most 30 characters').default(''),
    country: z.string().trim().max(100, 'at most 100 characters').default(''),
    primary,
  })
  .refine((a) => [a.street, a.city, a.region, a.postalCode, a.country].some((p) => p !== ''), fieldCode('address_part'));

/** At most one entry per list may be primary; when none is marked, the first one becomes primary. */
function onePrimary<T extends z.ZodType<{ primary: boolean }>>(item: T) {
  return z
    .array(item)
    .max(50, 'at most 50 entries')
    .superRefine((items, ctx) => {
      const primaries = items.filter((i) => i.primary).length;
      if (primaries > 1) ctx.addIssue({ code: 'custom', message: fieldCode('one_primary') });
    })
    .transform((items) => (items.length > 0 && !items.some((i) => i.primary) ? items.map((i, n) => ({ ...i, primary: n === 0 })) : items));
}

export const contactPointsInput = z.object({
  emails: onePrimary(emailPointInput).optional(),
  phones: onePrimary(phonePointInput).optional(),
  websites: onePrimary(websitePointInput).optional(),
  addresses: onePrimary(addressPointInput).optional(),
});

/** The shorthands a record's input may carry beside its lists: `phone` for the primary of `phones`, `website` for that of `websites`. */
export const shorthandKinds = { phone: 'phones', website: 'websites' } as const;
export type Shorthand = keyof typeof shorthandKinds;

/**
 * Both a shorthand and its list in one input must agree: the shorthand equals the list's primary value (null for an
 * empty list). Otherwise the input is refused (400 naming the shorthand): neither silently wins.
 */
export function shorthandsAgree(input: { phone?: unknown; website?: unknown; phones?: unknown; websites?: unknown }, ctx: z.RefinementCtx): void {
  for (const [field, kind] of Object.entries(shorthandKinds) as Array<[Shorthand, (typeof shorthandKinds)[Shorthand]]>) {
    const value = input[field];
    const list = input[kind];
    if (value === undefined || !Array.isArray(list)) continue;
    const primary = (list as Array<{ primary?: unknown; value?: unknown }>).find((p) => p.primary === true)?.value ?? null;
    if (primary !== value) {
      ctx.addIssue({ code: 'custom', path: [field], message: fieldCode('shorthand_conflict'), params: { kind } });
    }
  }
}

export const emailPoint = z.object({ label: z.string(), value: z.string(), primary: z.boolean() });
export const phonePoint = z.object({ label: z.string(), value: z.string(), e164: z.string().nullable(), primary: z.boolean() });
export const websitePoint = emailPoint;
export const addressPoint = z.object({
  label: z.string(),
  street: z.string(),
  city: z.string(),
  region: z.string(),
  postalCode: z.string(),
  country: z.string(),
  primary: z.boolean(),
});
export const contactPointsOutput = z.object({
  emails: z.array(emailPoint),
  phones: z.array(phonePoint),
  websites: z.array(websitePoint),
  addresses: z.array(addressPoint),
});
export type EmailPoint = z.infer<typeof emailPoint>;
export type PhonePoint = z.infer<typeof phonePoint>;
export type AddressPoint = z.infer<typeof addressPoint>;
export type ContactPointsInput = z.input<typeof contactPointsInput>;
