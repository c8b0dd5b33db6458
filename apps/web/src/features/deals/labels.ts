import type { TFunction } from 'i18next';
import type { DealStatus } from '@kontor/contract/deals';

/** The pipeline and stages Kontor starts with are stored in English; show those translated, and whatever an admin typed as typed. */
const defaultStages: Record<string, string> = {
  Qualified: 'qualified',
  'Contact made': 'contactMade',
  'Demo scheduled': 'demoScheduled',
  'Proposal made': 'proposalMade',
  'Negotiations started': 'negotiationsStarted',
};
const defaultPipelines: Record<string, string> = { 'Sales pipeline': 'sales' };

export function stageLabel(t: TFunction, name: string): string {
  const key = defaultStages[name];
  return key ? t(`pipelines.defaultStages.${key}`) : name;
}
export function pipelineLabel(t: TFunction, name: string): string {
  const key = defaultPipelines[name];
  return key ? t(`pipelines.defaultPipelines.${key}`) : name;
}

export const statusColor: Record<DealStatus, string> = { open: 'blue', won: 'teal', lost: 'red' };
export const statusLabel = (t: TFunction, s: DealStatus): string => t(`deals.status.${s}`);
