import type { Kysely, Transaction } from 'kysely';
import type { DB, PipelineRow, StageRow } from '../../db/schema.ts';
import { nowIso } from '../../lib/time.ts';
import { recordsForRules } from '../records/visible-records.ts';

/** Pipelines and their ordered stages. */

export async function listPipelineRows(db: Kysely<DB>): Promise<{ pipelines: PipelineRow[]; stages: StageRow[] }> {
  const [pipelines, stages] = await Promise.all([
    db.selectFrom('pipelines').selectAll().orderBy('position').orderBy('id').execute(),
    db.selectFrom('pipeline_stages').selectAll().orderBy('pipeline_id').orderBy('position').execute(),
  ]);
  return { pipelines, stages };
}

export const findPipelineRow = (db: Kysely<DB>, id: number) => db.selectFrom('pipelines').selectAll().where('id', '=', id).executeTakeFirst();
export const findStageRow = (db: Kysely<DB>, id: number) => db.selectFrom('pipeline_stages').selectAll().where('id', '=', id).executeTakeFirst();
export const stagesOf = (db: Kysely<DB>, pipelineId: number) =>
  db.selectFrom('pipeline_stages').selectAll().where('pipeline_id', '=', pipelineId).orderBy('position').execute();
export const defaultPipelineRow = (db: Kysely<DB>) =>
  db.selectFrom('pipelines').selectAll().orderBy('is_default', 'desc').orderBy('position').orderBy('id').limit(1).executeTakeFirst();

export async function insertPipeline(trx: Transaction<DB>, name: string, position: number): Promise<number> {
  const now = nowIso();
  const row = await trx.insertInto('pipelines').values({ name, position, is_default: 0, created_at: now, updated_at: now }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function makeDefault(trx: Transaction<DB>, id: number): Promise<void> {
  await trx.updateTable('pipelines').set({ is_default: 0 }).where('id', '!=', id).execute();
  await trx.updateTable('pipelines').set({ is_default: 1 }).where('id', '=', id).execute();
}

/** Versioned update of a pipeline's own columns; answers whether the version still matched. */
export async function updatePipelineRow(trx: Transaction<DB>, id: number, version: number, set: { name?: string; position?: number }): Promise<boolean> {
  const res = await trx
    .updateTable('pipelines')
    .set({ ...set, updated_at: nowIso(), version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Writes the stages in the given order: existing ones (by id) are renamed and moved, new ones inserted. */
export async function writeStages(trx: Transaction<DB>, pipelineId: number, stages: Array<{ id?: number; name: string; probability: number }>): Promise<void> {
  for (const [position, s] of stages.entries()) {
    if (s.id !== undefined) {
      await trx.updateTable('pipeline_stages').set({ name: s.name, probability: s.probability, position }).where('id', '=', s.id).where('pipeline_id', '=', pipelineId).execute();
    } else {
      await trx.insertInto('pipeline_stages').values({ pipeline_id: pipelineId, name: s.name, probability: s.probability, position }).execute();
    }
  }
}

export async function deleteStages(trx: Transaction<DB>, ids: number[]): Promise<void> {
  if (ids.length) await trx.deleteFrom('pipeline_stages').where('id', 'in', ids).execute();
}

/** How many deals (live or in the recycle bin) sit in these stages: a stage with deals cannot go. */
export async function dealsInStages(db: Kysely<DB>, stageIds: number[]): Promise<number> {
  if (!stageIds.length) return 0;
  const r = await recordsForRules(db, 'deals').select((eb) => eb.fn.countAll<number>().as('n')).where('stage_id', 'in', stageIds).executeTakeFirst();
  return Number(r?.n ?? 0);
}

/** Moves every deal of a pipeline to another pipeline's stage. */
export async function moveDealsToStage(trx: Transaction<DB>, fromPipelineId: number, toPipelineId: number, toStageId: number): Promise<void> {
  await trx.updateTable('deals').set((eb) => ({ pipeline_id: toPipelineId, stage_id: toStageId, version: eb('version', '+', 1), updated_at: nowIso() })).where('pipeline_id', '=', fromPipelineId).execute();
}

export async function deletePipelineRow(trx: Transaction<DB>, id: number): Promise<void> {
  await trx.deleteFrom('pipeline_stages').where('pipeline_id', '=', id).execute();
  await trx.deleteFrom('pipelines').where('id', '=', id).execute();
}

export async function maxPipelinePosition(db: Kysely<DB>): Promise<number> {
  const r = await db.selectFrom('pipelines').select((eb) => eb.fn.max('position').as('p')).executeTakeFirst();
  return Number(r?.p ?? -1);
}
