import { z } from 'zod';

const part = (max: number) => z.string().trim().max(max, `at most ${max} characters`).default('');

/** A fixed postal address (an account's billing or shipping address). */
export const postalAddressInput = z.object({
  street: part(250),
  city: part(100),
  region: part(100),
  postalCode: part(30),
  country: part(100),
});
export const postalAddress = z.object({ street: z.string(), city: z.string(), region: z.string(), postalCode: z.string(), country: z.string() });
export type PostalAddress = z.infer<typeof postalAddress>;
export const emptyAddress: PostalAddress = { street: '', city: '', region: '', postalCode: '', country: '' };
