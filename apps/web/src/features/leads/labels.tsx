import type { TFunction } from 'i18next';
import { Badge } from '@mantine/core';
import { leadInputStatuses, leadSources, leadStatuses, type LeadSource, type LeadStatus } from '@kontor/contract/leads';

export const statusColor: Record<LeadStatus, string> = { new: 'blue', contacted: 'cyan', qualified: 'teal', unqualified: 'gray', converted: 'violet' };
export const statusLabel = (t: TFunction, s: LeadStatus): string => t(`leads.status.${s}`);
export const sourceLabel = (t: TFunction, s: LeadSource | null): string | null => (s ? t(`leads.source.${s}`) : null);

/** Options of the status filter (every status) and of the form (those a user may set). */
export const statusOptions = (t: TFunction, settable = false) => (settable ? leadInputStatuses : leadStatuses).map((s) => ({ value: s, label: statusLabel(t, s) }));
export const sourceOptions = (t: TFunction) => leadSources.map((s) => ({ value: s, label: t(`leads.source.${s}`) }));

export function LeadStatusBadge({ status, t, size = 'sm' }: { status: LeadStatus; t: TFunction; size?: 'sm' | 'md' }) {
  return (
    <Badge size={size} variant={status === 'converted' ? 'filled' : 'light'} color={statusColor[status]} radius="sm" styles={{ label: { textTransform: 'none' } }} data-testid="lead-status">
      {statusLabel(t, status)}
    </Badge>
  );
}
