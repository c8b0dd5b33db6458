import { z } from 'zod';
import { orgDefaultsSchema } from './permissions.ts';
import { fieldCode } from './field-errors.ts';

const fieldKey = z.string().min(1).max(60);
export const settingsSchema = z.object({
  /** The (at most 5) field keys shown in the business card of each module's record page. */
  businessCard: z.object({ accounts: z.array(fieldKey).max(5), contacts: z.array(fieldKey).max(5) }),
  /** Region used to read phone numbers typed without a country code (ISO 3166 alpha-2), e.g. "DE". */
  defaultPhoneRegion: z.string().regex(/^[A-Z]{2}$/, fieldCode('country_code')).nullable(),
  /** Who sees records they neither own nor reach through the role hierarchy or a share. */
  orgDefaults: orgDefaultsSchema,
  /** The currency of a new deal when none is given (ISO 4217). */
  defaultCurrency: z.string().regex(/^[A-Z]{3}$/, fieldCode('currency')).default('EUR'),
});
export type Settings = z.infer<typeof settingsSchema>;
