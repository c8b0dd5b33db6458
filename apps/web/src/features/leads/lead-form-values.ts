import type { CustomFieldDefinition } from '@kontor/contract/custom-fields';
import type { Lead, LeadCreate, LeadSource } from '@kontor/contract/leads';
import { blankToNull, customFieldsPayload, type CustomFormValues } from '../records/form-utils';

export interface LeadFormValues {
  firstName: string;
  lastName: string;
  company: string;
  position: string;
  email: string;
  phone: string;
  source: LeadSource | null;
  status: 'new' | 'contacted' | 'qualified' | 'unqualified';
  ownerId: string | null;
  tags: string[];
  customFields: CustomFormValues;
  description: string;
}

export interface LeadFormInit {
  mode: 'create' | 'edit' | 'clone';
  lead?: Lead;
}

export function leadFormValues(init: LeadFormInit, userId: string): LeadFormValues {
  const l = init.lead;
  return {
    firstName: l?.firstName ?? '',
    lastName: l?.lastName ?? '',
    company: l?.company ?? '',
    position: l?.position ?? '',
    email: l?.email ?? '',
    phone: l?.phone ?? '',
    source: l?.source ?? null,
    status: l && l.status !== 'converted' && init.mode === 'edit' ? l.status : 'new',
    ownerId: init.mode === 'edit' && l ? l.ownerId : userId,
    tags: [...(l?.tags ?? [])],
    customFields: { ...((l?.customFields ?? {}) as CustomFormValues) },
    description: l?.description ?? '',
  };
}

/** The whole lead as the API takes it (empty text clears a field). */
export function leadPayload(v: LeadFormValues, defs: CustomFieldDefinition[]): LeadCreate {
  return {
    firstName: blankToNull(v.firstName),
    lastName: v.lastName,
    company: blankToNull(v.company),
    position: blankToNull(v.position),
    email: blankToNull(v.email),
    phone: blankToNull(v.phone),
    source: v.source,
    status: v.status,
    ownerId: v.ownerId ?? undefined,
    tags: v.tags,
    customFields: customFieldsPayload(defs, v.customFields),
    description: blankToNull(v.description),
  };
}

/** What a converted lead still takes: its description, tags and owner (the rest stays as it was converted). */
export function convertedLeadPayload(v: LeadFormValues): Pick<LeadCreate, 'description' | 'tags' | 'ownerId'> {
  return { description: blankToNull(v.description), tags: v.tags, ownerId: v.ownerId ?? undefined };
}
