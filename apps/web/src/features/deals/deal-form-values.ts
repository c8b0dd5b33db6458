import type { CustomFieldDefinition } from '@kontor/contract/custom-fields';
import type { Deal, DealCreate } from '@kontor/contract/deals';
import { blankToNull, customFieldsPayload, numberOrNull, type CustomFormValues } from '../records/form-utils';

export interface DealFormValues {
  name: string;
  amount: number | string;
  currency: string;
  pipelineId: string | null;
  stageId: string | null;
  expectedCloseDate: string;
  accountId: string | null;
  accountName: string | null;
  contactId: string | null;
  contactName: string | null;
  ownerId: string | null;
  tags: string[];
  customFields: CustomFormValues;
  description: string;
}

type Ref = { id: string; name: string };

export interface DealFormInit {
  mode: 'create' | 'edit';
  deal?: Deal;
  /** A new deal from an account or contact page starts linked to it. */
  account?: Ref | null;
  contact?: Ref | null;
  /** A new deal from the board starts in the pipeline (and stage) on screen. */
  pipelineId?: string;
  stageId?: string;
}

export function dealFormValues(init: DealFormInit, userId: string, currency: string): DealFormValues {
  const d = init.deal;
  if (!d)
    return {
      name: '', amount: '', currency, pipelineId: init.pipelineId ?? null, stageId: init.stageId ?? null, expectedCloseDate: '',
      accountId: init.account?.id ?? null, accountName: init.account?.name ?? null, contactId: init.contact?.id ?? null, contactName: init.contact?.name ?? null,
      ownerId: userId, tags: [], customFields: {}, description: '',
    };
  return {
    name: d.name,
    amount: d.amount ?? '',
    currency: d.currency,
    pipelineId: d.pipelineId,
    stageId: d.stageId,
    expectedCloseDate: d.expectedCloseDate ?? '',
    accountId: d.accountId,
    accountName: d.accountName,
    contactId: d.contactId,
    contactName: d.contactName,
    ownerId: d.ownerId,
    tags: [...d.tags],
    customFields: { ...(d.customFields as CustomFormValues) },
    description: d.description ?? '',
  };
}

export function dealPayload(v: DealFormValues, defs: CustomFieldDefinition[]): DealCreate {
  return {
    name: v.name,
    amount: numberOrNull(v.amount),
    currency: v.currency,
    pipelineId: v.pipelineId ?? undefined,
    stageId: v.stageId ?? undefined,
    expectedCloseDate: v.expectedCloseDate.trim() === '' ? null : v.expectedCloseDate,
    accountId: v.accountId,
    contactId: v.contactId,
    ownerId: v.ownerId ?? undefined,
    tags: v.tags,
    customFields: customFieldsPayload(defs, v.customFields),
    description: blankToNull(v.description),
  };
}
