import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Pipeline, pipelineCreateSchema, pipelineUpdateSchema } from '@kontor/contract/deals';
import type { DB, PipelineRow, StageRow } from '../../db/schema.ts';
import { invalid, notFound, versionConflict, fieldError, refused } from '../../errors.ts';
import { fromApiId, toApiId } from '../../lib/ids.ts';
import { audit } from '../audit/audit.service.ts';
import type { Actor } from '../permissions/actor.ts';
import { assertAdmin } from '../permissions/access.ts';
import {
  dealsInStages,
  defaultPipelineRow,
  deletePipelineRow,
  deleteStages,
  findPipelineRow,
  insertPipeline,
  listPipelineRows,
  makeDefault,
  maxPipelinePosition,
  moveDealsToStage,
  stagesOf,
  updatePipelineRow,
  writeStages,
} from './pipelines.repository.ts';

/** Pipelines and stages are configuration, like fields and picklists: everyone reads them, the `fields` right changes them. */

export function presentPipeline(p: PipelineRow, stages: StageRow[]): Pipeline {
  return {
    id: toApiId(p.id),
    name: p.name,
    position: p.position,
    isDefault: p.is_default === 1,
    stages: stages.filter((s) => s.pipeline_id === p.id).map((s) => ({ id: toApiId(s.id), name: s.name, position: s.position, probability: s.probability })),
    version: p.version,
  };
}

export async function listPipelines(db: Kysely<DB>): Promise<Pipeline[]> {
  const { pipelines, stages } = await listPipelineRows(db);
  return pipelines.map((p) => presentPipeline(p, stages));
}

export async function getPipeline(db: Kysely<DB>, id: number): Promise<Pipeline> {
  const p = await findPipelineRow(db, id);
  if (!p) throw notFound('pipeline');
  return presentPipeline(p, await stagesOf(db, id));
}

/** The pipeline a new deal without one goes to: the default (there is always one; the first migration made it). */
export async function defaultPipeline(db: Kysely<DB>): Promise<Pipeline> {
  const p = await defaultPipelineRow(db);
  if (!p) throw refused('unprocessable', 'no_pipeline');
  return presentPipeline(p, await stagesOf(db, p.id));
}

export async function createPipeline(db: Kysely<DB>, actor: Actor, input: z.output<typeof pipelineCreateSchema>, ip: string | null): Promise<Pipeline> {
  assertAdmin(actor, 'fields');
  if (input.stages.some((s) => s.id !== undefined)) throw invalid({ stages: fieldError('new_pipeline_stages') });
  const position = (await maxPipelinePosition(db)) + 1;
  const id = await db.transaction().execute(async (trx) => {
    const newId = await insertPipeline(trx, input.name, position);
    await writeStages(trx, newId, input.stages.map((s) => ({ name: s.name, probability: s.probability })));
    if (input.isDefault || position === 0) await makeDefault(trx, newId);
    return newId;
  });
  await audit(db, actor, 'pipeline.create', { type: 'pipeline', id: String(id) }, { name: input.name }, ip);
  return getPipeline(db, id);
}

/**
 * Renames, reorders, sets as default, or rewrites the stages in order: stages keep their ids (and deals) when given
 * back with their id; a stage left out is removed, which is refused while deals sit in it.
 */
export async function updatePipeline(db: Kysely<DB>, actor: Actor, id: number, input: z.output<typeof pipelineUpdateSchema>, ip: string | null): Promise<Pipeline> {
  assertAdmin(actor, 'fields');
  const current = await findPipelineRow(db, id);
  if (!current) throw notFound('pipeline');
  if (current.version !== input.version) throw versionConflict(current.version);
  const existing = await stagesOf(db, id);
  let removed: number[] = [];
  if (input.stages) {
    const known = new Set(existing.map((s) => s.id));
    const unknown = input.stages.find((s) => s.id !== undefined && !known.has(fromApiId(s.id)));
    if (unknown) throw invalid({ stages: fieldError('stage_not_in_pipeline') });
    const kept = new Set(input.stages.filter((s) => s.id !== undefined).map((s) => fromApiId(s.id as string)));
    removed = existing.filter((s) => !kept.has(s.id)).map((s) => s.id);
    if ((await dealsInStages(db, removed)) > 0) {
      throw refused('unprocessable', 'stage_holds_deals', undefined, { stages: fieldError('stage_holds_deals') });
    }
  }
  await db.transaction().execute(async (trx) => {
    const ok = await updatePipelineRow(trx, id, input.version, { ...(input.name !== undefined && { name: input.name }), ...(input.position !== undefined && { position: input.position }) });
    if (!ok) throw versionConflict(current.version + 1);
    if (input.stages) {
      await deleteStages(trx, removed);
      await writeStages(trx, id, input.stages.map((s) => ({ id: s.id === undefined ? undefined : fromApiId(s.id), name: s.name, probability: s.probability })));
    }
    if (input.isDefault) await makeDefault(trx, id);
  });
  await audit(db, actor, 'pipeline.update', { type: 'pipeline', id: String(id) }, { name: input.name, stages: input.stages?.map((s) => s.name), isDefault: input.isDefault }, ip);
  return getPipeline(db, id);
}

/** Deletes a pipeline; its deals move to the first stage of `moveTo` (required when it holds deals). The default stays. */
export async function deletePipeline(db: Kysely<DB>, actor: Actor, id: number, moveTo: number | undefined, ip: string | null): Promise<void> {
  assertAdmin(actor, 'fields');
  const current = await findPipelineRow(db, id);
  if (!current) throw notFound('pipeline');
  if (current.is_default === 1) throw refused('unprocessable', 'default_pipeline');
  const stages = await stagesOf(db, id);
  const hasDeals = (await dealsInStages(db, stages.map((s) => s.id))) > 0;
  let target: { pipelineId: number; stageId: number } | null = null;
  if (hasDeals) {
    if (moveTo === undefined || moveTo === id) throw invalid({ moveTo: fieldError('move_to_required') });
    const first = (await stagesOf(db, moveTo))[0];
    if (!first) throw invalid({ moveTo: fieldError('no_such_pipeline') });
    target = { pipelineId: moveTo, stageId: first.id };
  }
  await db.transaction().execute(async (trx) => {
    if (target) await moveDealsToStage(trx, id, target.pipelineId, target.stageId);
    await deletePipelineRow(trx, id);
  });
  await audit(db, actor, 'pipeline.delete', { type: 'pipeline', id: String(id) }, { name: current.name, movedTo: target ? String(target.pipelineId) : null }, ip);
}
