import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';

/** E.164 form of a typed phone number when it can be read (with a + prefix, or in the default region); else null. */
export function toE164(value: string, defaultRegion?: string | null): string | null {
  const cleaned = value.replace(/\(0\)/g, '').trim();
  const parsed = parsePhoneNumberFromString(cleaned, (defaultRegion ?? undefined) as CountryCode | undefined);
  return parsed && parsed.isPossible() ? parsed.number : null;
}
