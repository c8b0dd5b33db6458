import { z } from 'zod';

/** Every error the API answers carries one of these codes; the server maps each to one HTTP status. */
export const errorCodes = [
  'validation_failed',
  'unauthenticated',
  'invalid_credentials',
  'csrf_failed',
  'forbidden',
  'not_found',
  'version_conflict',
  'contact_has_account',
  'account_has_contacts',
  'parent_cycle',
  'parent_chain_hidden',
  'duplicate',
  'lead_converted',
  'payload_too_large',
  'unsupported_media_type',
  'invalid_image',
  'unprocessable',
  'rate_limited',
  'internal',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export const errorBodySchema = z.object({
  error: z.object({
    code: z.enum(errorCodes),
    message: z.string(),
    fields: z.record(z.string(), z.string()).optional(),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;
