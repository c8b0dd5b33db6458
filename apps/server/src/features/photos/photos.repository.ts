import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { nowIso } from '../../lib/time.ts';

/** Stored images (photos and logos) live in the `files` table, so several processes share them. */
export async function insertFile(db: Kysely<DB>, image: { content: Buffer; mime: string; width: number; height: number }, createdBy: number): Promise<number> {
  const file = await db
    .insertInto('files')
    .values({ content: image.content, mime: image.mime, size: image.content.length, width: image.width, height: image.height, created_at: nowIso(), created_by: createdBy })
    .returning('id')
    .executeTakeFirstOrThrow();
  return file.id;
}

export async function deleteFile(db: Kysely<DB>, id: number | null): Promise<void> {
  if (id != null) await db.deleteFrom('files').where('id', '=', id).execute();
}

export const fileContent = (db: Kysely<DB>, id: number) => db.selectFrom('files').select(['content', 'mime']).where('id', '=', id).executeTakeFirst();
