import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { Anchor, Group, Stepper, Stack } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import type { Import, ImportModule } from '@kontor/contract/imports';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState, PageSkeleton } from '../../components/States';
import { importKeys, useImport, useRefreshImported } from './api';
import { MapStep } from './MapStep';
import { PreviewStep } from './PreviewStep';
import { ReportView } from './ReportView';
import { RunStep } from './RunStep';
import { UploadStep } from './UploadStep';
import { isImportActive, stepIndex, wizardStep, type WizardStep } from './status';
import './imports.css';

const steps = ['upload', 'map', 'preview', 'run', 'report'] as const;

function WizardFrame({ active, title, children }: { active: number; title: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader
        title={title}
        before={
          <Anchor component={Link} to="/imports" size="sm" aria-label={t('imports.history.title')} data-testid="import-history-link">
            <Group gap={4} wrap="nowrap">
              <IconArrowLeft size={16} />
            </Group>
          </Anchor>
        }
      />
      <div className="k-page">
        <Stack gap="lg">
          <Stepper active={active} size="sm" allowNextStepsSelect={false} data-testid="import-stepper">
            {steps.map((s) => (
              <Stepper.Step key={s} label={t(`imports.steps.${s}`)} />
            ))}
          </Stepper>
          {children}
        </Stack>
      </div>
    </>
  );
}

/** A new import: step 1, the upload; the uploaded draft opens at its own address. */
export function ImportUploadPage({ module }: { module: ImportModule | undefined }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const opened = (imp: Import) => {
    qc.setQueryData(importKeys.one(imp.id), imp);
    void qc.invalidateQueries({ queryKey: ['imports', 'history'] });
    void navigate({ to: '/imports/$importId', params: { importId: imp.id } });
  };
  return (
    <WizardFrame active={stepIndex.upload} title={t('imports.title')}>
      <UploadStep module={module} onUploaded={opened} />
    </WizardFrame>
  );
}

/** An import by id: the wizard where it stands (mapping, preview), its progress while it runs, or its report. */
export function ImportWizardPage({ importId, asked, onAsk }: { importId: string; asked: 'map' | 'preview' | undefined; onAsk: (step: 'map' | 'preview') => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const query = useImport(importId);
  const imp = query.data;
  const step: WizardStep | null = imp ? wizardStep(imp, asked) : null;
  useRefreshWhenFinished(imp);

  if (query.isError) {
    return (
      <WizardFrame active={stepIndex.map} title={t('imports.title')}>
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      </WizardFrame>
    );
  }
  if (!imp || !step) {
    return (
      <WizardFrame active={stepIndex.map} title={t('imports.title')}>
        <PageSkeleton />
      </WizardFrame>
    );
  }
  const title = t('imports.titleOf', { file: imp.fileName, module: t(`nav.${imp.module}`) });
  return (
    <WizardFrame active={step === 'report' ? steps.length : stepIndex[step]} title={title}>
      {step === 'map' ? <MapStep key={`${imp.id}:${imp.options.sheet ?? ''}`} imp={imp} onPreview={() => onAsk('preview')} onDiscarded={() => void navigate({ to: '/imports' })} /> : null}
      {step === 'preview' ? <PreviewStep imp={imp} onBack={() => onAsk('map')} /> : null}
      {step === 'run' ? <RunStep imp={imp} /> : null}
      {step === 'report' ? <ReportView imp={imp} /> : null}
    </WizardFrame>
  );
}

/** Once an import (or its undo) ends, the module's lists are stale. */
function useRefreshWhenFinished(imp: Import | undefined) {
  const refresh = useRefreshImported();
  const wasActive = useRef(false);
  const active = imp ? isImportActive(imp.status) : false;
  useEffect(() => {
    if (wasActive.current && !active && imp) refresh(imp.module);
    wasActive.current = active;
  }, [active, imp, refresh]);
}
