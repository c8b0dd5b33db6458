import { z } from 'zod';
import { userRefSchema } from './common.ts';
import { itemModules, parentRefShape, withOneParent } from './notes.ts';

/** A file on a record (account, contact, deal, lead) of whatever type, up to the server's limit (KONTOR_MAX_UPLOAD_MB). */
export const attachmentSchema = z.object({
  id: z.string(),
  module: z.enum(itemModules),
  recordId: z.string(),
  /** The original file name, without path parts or control characters, at most 255 characters. */
  name: z.string(),
  /** The type the uploader's browser declared (application/octet-stream when it declared none). */
  mime: z.string(),
  /** Bytes. */
  size: z.number().int(),
  createdAt: z.string(),
  createdBy: userRefSchema,
  /** The uploader, users above them, administrators and whoever may edit the record delete it. */
  access: z.object({ delete: z.boolean() }),
});
export type Attachment = z.infer<typeof attachmentSchema>;

/** `POST /attachments?accountId=…` (one parent field) with a multipart/form-data body, the file in a field named `file`. */
export const attachmentUploadQuerySchema = withOneParent(z.object(parentRefShape));

/** The longest file name kept; longer ones are cut, keeping the extension. */
export const MAX_FILE_NAME = 255;
