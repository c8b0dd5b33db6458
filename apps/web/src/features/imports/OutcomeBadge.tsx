import { useTranslation } from 'react-i18next';
import { Badge } from '@mantine/core';
import type { ImportPreviewRow } from '@kontor/contract/imports';

const colors: Record<ImportPreviewRow['outcome'], string> = { create: 'teal', update: 'blue', skip: 'gray', fail: 'red' };

/** What will happen to a row: created, updated, skipped (a duplicate), failed. */
export function OutcomeBadge({ outcome }: { outcome: ImportPreviewRow['outcome'] }) {
  const { t } = useTranslation();
  return (
    <Badge color={colors[outcome]} variant="light" size="sm" data-testid="import-outcome" data-outcome={outcome}>
      {t(`imports.preview.outcomes.${outcome}`)}
    </Badge>
  );
}
