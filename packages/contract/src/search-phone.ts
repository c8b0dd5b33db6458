import { getCountries, getCountryCallingCode } from 'libphonenumber-js';

/**
 * Phone numbers for search (issue #12): a number typed in any format must find the same stored number, so both sides
 * reduce it to its national significant digits. Leading zeros are always dropped, also from an international number's
 * national part (Italy keeps its 0 after +39): `06 1234567` and `+39 06 1234567` then agree.
 */

interface PhoneParts {
  /** National significant digits without leading zeros. */
  national: string;
  /** Country calling code and national number (E.164 without +), when the number was typed internationally. */
  full: string | null;
}

let knownCallingCodes: Set<string> | null = null;

/** The calling code at the start of `digits` (codes are prefix-free, so at most one of 1-3 digits fits). */
function callingCodeOf(digits: string): string | null {
  knownCallingCodes ??= new Set(getCountries().map((country) => getCountryCallingCode(country)));
  for (let length = 1; length <= 3 && length <= digits.length; length++) {
    const code = digits.slice(0, length);
    if (knownCallingCodes.has(code)) return code;
  }
  return null;
}

const withoutLeadingZeros = (digits: string) => digits.replace(/^0+/, '');

function phoneParts(value: string): PhoneParts | null {
  // "(0)" is the trunk zero written into an international number: "+49 (0)30 1234567".
  const cleaned = value.normalize('NFKC').replace(/\(0\)/g, ' ');
  // The number starts at its first digit or +; a label ("Tel.") before it and an extension after it are not part of it.
  const start = cleaned.search(/[\d+]/);
  if (start < 0) return null;
  const body = cleaned.slice(start).split(/[\p{L}#,;]/u)[0] ?? '';
  const digits = body.replace(/\D/g, '');
  if (digits.length === 0) return null;
  const international = body.startsWith('+') || body.startsWith('00');
  if (!international) return { national: withoutLeadingZeros(digits), full: null };
  const afterPrefix = body.startsWith('+') ? digits : digits.slice(2);
  // The calling code is split off by the table of codes alone: parsing with the full metadata costs ~20 us a number,
  // which a bulk import pays per phone, and both sides of a search only need to agree.
  const code = callingCodeOf(afterPrefix);
  if (code === null) return { national: withoutLeadingZeros(afterPrefix), full: null };
  const national = withoutLeadingZeros(afterPrefix.slice(code.length));
  return { national, full: afterPrefix };
}

/**
 * The national significant digits of a phone number typed in any format: `+49 30 1234567`, `0049 30 1234567`,
 * `030/1234567`, `(030) 123 4567` and `301234567` all give `301234567`. null when fewer than 5 digits remain.
 */
export function phoneSearchDigits(value: string): string | null {
  const parts = phoneParts(value);
  return parts !== null && parts.national.length >= 5 ? parts.national : null;
}

/**
 * The words to index for one stored number, space-separated: its national significant digits and, when it is stored
 * internationally, also all its digits with the country code (so `4930 1234567` typed without + finds it too).
 * Short numbers (an internal extension) are indexed as they are; '' when the value holds no digit.
 */
export function phoneIndexDigits(value: string): string {
  const parts = phoneParts(value);
  if (parts === null) return '';
  const words = [parts.national, parts.full ?? ''].filter((word) => word.length > 0);
  return [...new Set(words)].join(' ');
}
