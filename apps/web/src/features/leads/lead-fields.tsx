import type { ReactNode } from 'react';
import type { TFunction } from 'i18next';
import { Anchor } from '@mantine/core';
import type { CustomFieldDefinition } from '@kontor/contract/custom-fields';
import type { Lead } from '@kontor/contract/leads';
import { customValue } from '../records/field-values';
import { LeadStatusBadge, sourceLabel } from './labels';

/** Label and display value of a lead's field, by its key (also `customFields.<key>`). */
export function leadField(t: TFunction, key: string, l: Lead, defs: CustomFieldDefinition[]): { label: string; value: ReactNode } {
  if (key.startsWith('customFields.')) {
    const k = key.slice('customFields.'.length);
    const def = defs.find((d) => d.key === k);
    return { label: def?.label ?? k, value: customValue(t, def, l.customFields[k]) };
  }
  switch (key) {
    case 'company': return { label: t('leads.fields.company'), value: l.company };
    case 'email': return { label: t('leads.fields.email'), value: l.email ? <Anchor href={`mailto:${l.email}`} size="sm">{l.email}</Anchor> : null };
    case 'phone': return { label: t('leads.fields.phone'), value: l.phone ? <Anchor href={`tel:${l.phoneE164 ?? l.phone}`} size="sm">{l.phone}</Anchor> : null };
    case 'status': return { label: t('leads.fields.status'), value: <LeadStatusBadge status={l.status} t={t} /> };
    case 'source': return { label: t('leads.fields.source'), value: sourceLabel(t, l.source) };
    case 'ownerId': return { label: t('fields.owner'), value: l.owner?.name };
    case 'firstName': case 'lastName': case 'position':
      return { label: t(`fields.${key}`), value: l[key] };
    default: return { label: key, value: null };
  }
}
