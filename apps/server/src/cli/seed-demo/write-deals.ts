/** Writing the planned deals through the deals service, into the default pipeline and the demo's "Renewals". */
import type { Kysely } from 'kysely';
import type { CustomFieldValues } from '@kontor/contract/custom-fields';
import { dealCreateSchema, pipelineCreateSchema, type Pipeline } from '@kontor/contract/deals';
import type { DB } from '../../db/schema.ts';
import { createDeal, updateDeal } from '../../features/deals/deals.service.ts';
import type { Actor } from '../../features/permissions/actor.ts';
import { createPipeline, defaultPipeline, listPipelines } from '../../features/pipelines/pipelines.service.ts';
import { fromApiId } from '../../lib/ids.ts';
import { RENEWALS_PIPELINE } from './deal-texts.ts';
import type { PipelineKey, PlannedDeal } from './plan-deals.ts';
import type { UserKey } from './users.ts';

export type DemoPipelines = Record<PipelineKey, Pipeline>;

/** The default pipeline and "Renewals" (created through the service unless an earlier demo left it behind). */
export async function demoPipelines(db: Kysely<DB>, actor: Actor): Promise<DemoPipelines> {
  const sales = await defaultPipeline(db);
  const existing = (await listPipelines(db)).find((p) => p.name === RENEWALS_PIPELINE.name && p.id !== sales.id && p.stages.length > 0);
  return { sales, renewals: existing ?? (await createPipeline(db, actor, pipelineCreateSchema.parse(RENEWALS_PIPELINE), null)) };
}

/** Ids known only when writing: the created account and contact, the owner, the stage. */
export interface DealIds {
  account(index: number): string | null;
  contact(index: number): string | null;
  owner(key: UserKey): string;
  stage(pipeline: PipelineKey, index: number): string;
}

/** The create input of a planned deal: open, in its stage (won and lost come after, as a user would close it). */
export function dealInput(d: PlannedDeal, ids: DealIds, customFields?: CustomFieldValues) {
  return dealCreateSchema.parse({
    ...d.input,
    accountId: ids.account(d.account),
    contactId: d.contact == null ? null : ids.contact(d.contact),
    ownerId: ids.owner(d.owner),
    stageId: ids.stage(d.pipeline, d.stage),
    ...(customFields && { customFields }),
  });
}

export function stageIds(pipelines: DemoPipelines): DealIds['stage'] {
  return (pipeline, index) => {
    const stages = pipelines[pipeline].stages;
    const stage = stages[Math.min(index, stages.length - 1)];
    if (!stage) throw new Error(`demo data: the pipeline "${pipelines[pipeline].name}" has no stage`);
    return stage.id;
  };
}

/** Creates the deal, then wins or loses it through the same update the deal page makes. */
export async function writeDeal(db: Kysely<DB>, actor: Actor, d: PlannedDeal, input: ReturnType<typeof dealInput>): Promise<void> {
  const created = await createDeal(db, actor, input);
  if (d.outcome === 'open') return;
  await updateDeal(db, actor, fromApiId(created.id), { status: d.outcome, ...(d.lostReason && { lostReason: d.lostReason }), version: created.version });
}
