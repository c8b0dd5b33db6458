import type { ReactNode } from 'react';
import type { TFunction } from 'i18next';
import { Link } from '@tanstack/react-router';
import { Anchor } from '@mantine/core';
import type { Module } from '@kontor/contract/custom-fields';
import type { TimelineEvent } from '@kontor/contract/timeline';
import { formatDate, formatDateTime, formatNumber } from '../../lib/format';

/** Where a record's page is; activities open from their related lists, not a page of their own. */
export const recordPath = (module: Module, id: string): string | null => (module === 'activities' ? null : `/${module}/${id}`);

/** A record's name as a link to its page (plain text when it has none, or when the reader may not see it). */
export function RecordName({ module, id, name, t }: { module: Module; id: string; name: string | undefined; t: TFunction }): ReactNode {
  const label = name || t('timeline.hiddenRecord');
  const path = name ? recordPath(module, id) : null;
  return path ? (
    <Anchor component={Link} to={path} size="sm" fw={550}>
      {label}
    </Anchor>
  ) : (
    <b>{label}</b>
  );
}

/** The label of a changed field: the module's own wording, the shared field label, or the key itself. */
export function fieldLabel(t: TFunction, module: Module, field: string): string {
  if (field.startsWith('customFields.')) return field.slice('customFields.'.length);
  // An address part ("billingAddress.street"): the address's label and the part's.
  const [whole, part] = field.split('.');
  if (whole && part) return `${fieldLabel(t, module, whole)} · ${t(`address.${part}`, { defaultValue: part })}`;
  return t(`timeline.fields.${field}`, { defaultValue: t(`fields.${field}`, { defaultValue: field }) });
}

const REFERENCE_TABLES: Record<string, string> = {
  ownerId: 'users',
  accountId: 'accounts',
  parentAccountId: 'accounts',
  contactId: 'contacts',
  dealId: 'deals',
  leadId: 'leads',
  stageId: 'pipeline_stages',
  pipelineId: 'pipelines',
  contactType: 'contact_types',
};

/** Picklist fields whose stored value is a key of the picklist's translations. */
export const PICKLISTS: Record<string, string> = {
  industry: 'industries',
  ownership: 'ownerships',
  accountType: 'accountTypes',
  rating: 'ratings',
  salutation: 'salutations',
  leadSource: 'leadSources',
};

/** A before or after value as the reader reads it: names for references, dates formatted, lists joined. */
export function changeValue(t: TFunction, e: TimelineEvent, field: string, v: unknown): string {
  if (v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) return t('timeline.empty');
  const table = REFERENCE_TABLES[field];
  if (table && typeof v === 'string') return e.names[`${table}:${v}`] ?? t('timeline.hiddenRecord');
  if (typeof v === 'boolean') return v ? t('common.yes') : t('common.no');
  if (Array.isArray(v)) return v.map(String).join(', ');
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v)) return formatDateTime(v);
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return formatDate(v);
  if (field === 'status' && typeof v === 'string') return t(`timeline.status.${v}`, { defaultValue: v });
  const list = PICKLISTS[field];
  if (list && typeof v === 'string') return t(`picklist.${list}.${v}`, { defaultValue: v });
  if (typeof v === 'number') return formatNumber(v, 2);
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

/** The i18n key of an event's sentence: on its own record ("self") or on another one linked to it. */
export function sentenceKey(e: TimelineEvent, self: boolean): string {
  return `timeline.kinds.${e.kind}.${self ? 'self' : 'other'}`;
}
