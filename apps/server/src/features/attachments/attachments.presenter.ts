import type { Attachment } from '@kontor/contract/attachments';
import { toApiId } from '../../lib/ids.ts';
import { userRef } from '../records/references.ts';
import { itemModuleOf } from '../notes/item-parent.ts';
import type { AttachmentRow } from './attachments.repository.ts';

export function presentAttachment(row: AttachmentRow, x: { users: Map<number, string>; access: Attachment['access'] }): Attachment {
  return {
    id: toApiId(row.id),
    module: itemModuleOf(row.module),
    recordId: toApiId(row.record_id),
    name: row.name,
    mime: row.mime,
    size: Number(row.size),
    createdAt: row.created_at,
    createdBy: userRef(x.users, row.created_by),
    access: x.access,
  };
}
