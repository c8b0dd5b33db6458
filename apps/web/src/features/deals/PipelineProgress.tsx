import { useTranslation } from 'react-i18next';
import { Tooltip } from '@mantine/core';
import type { DealStatus, Stage } from '@kontor/contract/deals';
import { stageLabel } from './labels';

interface Props {
  stages: Stage[];
  stageId: string;
  status: DealStatus;
  /** Moves the deal to a stage; without it the bar only shows where the deal is. */
  onMove?: (stage: Stage) => void;
  busy?: boolean;
}

/** Pipedrive's pipeline bar: one step per stage, those passed filled; a click on a step moves the deal there. */
export function PipelineProgress({ stages, stageId, status, onMove, busy }: Props) {
  const { t } = useTranslation();
  const current = stages.findIndex((s) => s.id === stageId);
  return (
    <div className="k-progress" role="list" aria-label={t('deals.progressLabel')} data-status={status} data-testid="pipeline-progress">
      {stages.map((s, i) => {
        const state = i < current ? 'done' : i === current ? 'current' : 'todo';
        const label = stageLabel(t, s.name);
        return (
          <div role="listitem" key={s.id} className="k-progress-item">
            <Tooltip label={t('deals.stageTooltip', { stage: label, probability: s.probability })}>
              <button
                type="button"
                className="k-progress-step"
                data-state={state}
                aria-current={i === current ? 'step' : undefined}
                aria-label={i === current ? t('deals.currentStage', { stage: label }) : t('deals.moveToStage', { stage: label })}
                disabled={!onMove || busy || i === current}
                onClick={() => onMove?.(s)}
                data-testid={`stage-step-${i}`}
              >
                <span className="k-progress-text">{label}</span>
              </button>
            </Tooltip>
          </div>
        );
      })}
    </div>
  );
}
