import type { ReactNode } from 'react';
import type { TFunction } from 'i18next';
import { Link } from '@tanstack/react-router';
import { Anchor, Text } from '@mantine/core';
import type { CustomFieldDefinition, CustomFieldValue } from '@kontor/contract/custom-fields';
import type { Deal } from '@kontor/contract/deals';
import { formatDate, formatDateTime, formatMoney, todayIso } from '../../lib/format';
import { customValue } from '../records/field-values';
import { pipelineLabel, stageLabel, statusLabel } from './labels';

const isOverdue = (d: Pick<Deal, 'status' | 'expectedCloseDate'>) => d.status === 'open' && d.expectedCloseDate !== null && d.expectedCloseDate < todayIso();

/** Label and display value of a deal's field. */
export function dealField(t: TFunction, key: string, d: Deal, defs: CustomFieldDefinition[]): { label: string; value: ReactNode } {
  if (key.startsWith('customFields.')) {
    const k = key.slice('customFields.'.length);
    const def = defs.find((x) => x.key === k);
    return { label: def?.label ?? k, value: customValue(t, def, d.customFields[k] as CustomFieldValue | undefined) };
  }
  switch (key) {
    case 'amount':
      return { label: t('deals.fields.amount'), value: d.amount === null ? null : formatMoney(d.amount, d.currency) };
    case 'pipelineId':
      return { label: t('deals.fields.pipeline'), value: pipelineLabel(t, d.pipelineName) };
    case 'stageId':
      return { label: t('deals.fields.stage'), value: stageLabel(t, d.stageName) };
    case 'probability':
      return { label: t('deals.fields.probability'), value: `${d.probability} %` };
    case 'expectedCloseDate':
      return {
        label: t('deals.fields.expectedCloseDate'),
        value: d.expectedCloseDate ? (
          <Text span size="sm" c={isOverdue(d) ? 'red.7' : undefined} fw={isOverdue(d) ? 600 : undefined}>
            {formatDate(d.expectedCloseDate)}
            {isOverdue(d) ? ` · ${t('deals.overdue')}` : ''}
          </Text>
        ) : null,
      };
    case 'accountId':
      return { label: t('fields.account'), value: d.accountId ? <Anchor component={Link} to={`/accounts/${d.accountId}`} size="sm" data-testid="deal-account-link">{d.accountName}</Anchor> : null };
    case 'contactId':
      return { label: t('fields.contact'), value: d.contactId ? <Anchor component={Link} to={`/contacts/${d.contactId}`} size="sm" data-testid="deal-contact-link">{d.contactName}</Anchor> : null };
    case 'ownerId':
      return { label: t('fields.owner'), value: d.owner?.name };
    case 'status':
      return { label: t('deals.fields.status'), value: statusLabel(t, d.status) };
    case 'closedAt':
      return { label: t('deals.fields.closedAt'), value: formatDateTime(d.closedAt) };
    case 'lostReason':
      return { label: t('deals.fields.lostReason'), value: d.lostReason };
    default:
      return { label: key, value: null };
  }
}
