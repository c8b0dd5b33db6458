import type { TFunction } from 'i18next';
import { accountUpdateSchema } from '@kontor/contract/accounts';
import { contactUpdateSchema } from '@kontor/contract/contacts';
import type { CustomFieldDefinition } from '@kontor/contract/custom-fields';
import { dealUpdateSchema } from '@kontor/contract/deals';
import { convertedLeadEditable, leadInputStatuses, leadSources, leadUpdateSchema } from '@kontor/contract/leads';
import { picklists, type PicklistName } from '@kontor/contract/picklists';
import { customKey, type EditableRecord, type FieldSchemas, type InlineSpec, type Option } from './inline-values';

/** The record pages with fields edited in place. */
export type InlineModule = 'accounts' | 'contacts' | 'leads' | 'deals';

/** Each module's update schema: what the editors check a value against before sending it (the form uses the same). */
export const updateSchemas: Record<InlineModule, FieldSchemas> = {
  accounts: accountUpdateSchema,
  contacts: contactUpdateSchema,
  leads: leadUpdateSchema,
  deals: dealUpdateSchema,
};

/** The fields a user can write, by module (what a version conflict compares). */
export const writableKeys = (module: InlineModule): string[] => Object.keys(updateSchemas[module].shape).filter((k) => k !== 'version');

/** What the editors need besides the record: labels, custom field definitions and the options loaded from the server. */
export interface SpecContext {
  t: TFunction;
  defs: CustomFieldDefinition[];
  contactTypes: Option[];
  /** Deals: every pipeline, and the stages of the deal's pipeline. */
  pipelines: Option[];
  stages: Option[];
}

export type InlineRecord = EditableRecord & { access: { edit: boolean; share: boolean } };

const picklist = (t: TFunction, key: string, name: PicklistName): InlineSpec => ({
  kind: 'select',
  key,
  options: picklists[name].map((v) => ({ value: v, label: t(`picklist.${name}.${v}`) })),
  clearable: true,
});
const text = (key: string, input?: 'url' | 'email' | 'tel'): InlineSpec => ({ kind: 'text', key, ...(input ? { input } : {}) });

function accountSpec(key: string, r: InlineRecord, { t }: SpecContext): InlineSpec | null {
  switch (key) {
    case 'name': case 'tickerSymbol': case 'accountNumber': case 'accountSite': return text(key);
    case 'phone': case 'fax': return text(key, 'tel');
    case 'website': return text(key, 'url');
    case 'industry': return picklist(t, key, 'industries');
    case 'ownership': return picklist(t, key, 'ownerships');
    case 'accountType': return picklist(t, key, 'accountTypes');
    case 'rating': return picklist(t, key, 'ratings');
    case 'employees': case 'annualRevenue': return { kind: 'number', key };
    case 'parentAccountId': return { kind: 'record', key, module: 'accounts', nameKey: 'parentAccountName', exclude: [r.id] };
    case 'billingAddress': case 'shippingAddress': return { kind: 'address', key };
    default: return null;
  }
}

function contactSpec(key: string, r: InlineRecord, { t }: SpecContext): InlineSpec | null {
  switch (key) {
    case 'firstName': case 'lastName': case 'position': case 'department': return text(key);
    case 'salutation': return picklist(t, key, 'salutations');
    case 'leadSource': return picklist(t, key, 'leadSources');
    case 'birthday': return { kind: 'birthday', key };
    case 'emailOptOut': return { kind: 'checkbox', key };
    // a contact with an account changes it only by the explicit move ("Move to another account")
    case 'accountId': return r.accountId ? null : { kind: 'record', key, module: 'accounts', nameKey: 'accountName' };
    default: return null;
  }
}

function leadSpec(key: string, _r: InlineRecord, { t }: SpecContext): InlineSpec | null {
  switch (key) {
    case 'firstName': case 'lastName': case 'position': case 'company': return text(key);
    case 'email': return text(key, 'email');
    case 'phone': return text(key, 'tel');
    case 'status': return { kind: 'select', key, options: leadInputStatuses.map((s) => ({ value: s, label: t(`leads.status.${s}`) })), clearable: false };
    case 'source': return { kind: 'select', key, options: leadSources.map((s) => ({ value: s, label: t(`leads.source.${s}`) })), clearable: true };
    default: return null;
  }
}

function dealSpec(key: string, r: InlineRecord, ctx: SpecContext): InlineSpec | null {
  switch (key) {
    case 'name': case 'lostReason': return key === 'lostReason' && r.status !== 'lost' ? null : text(key);
    case 'amount': return { kind: 'number', key };
    case 'expectedCloseDate': return { kind: 'date', key };
    // a new pipeline puts the deal in its first stage; a closed deal keeps its stage until it is reopened
    case 'pipelineId': return r.status === 'open' && ctx.pipelines.length > 1 ? { kind: 'select', key, options: ctx.pipelines, clearable: false } : null;
    case 'stageId': return r.status === 'open' && ctx.stages.length ? { kind: 'select', key, options: ctx.stages, clearable: false } : null;
    case 'accountId': return { kind: 'record', key, module: 'accounts', nameKey: 'accountName' };
    case 'contactId':
      return { kind: 'record', key, module: 'contacts', nameKey: 'contactName', ...(typeof r.accountId === 'string' ? { params: { accountId: r.accountId } } : {}) };
    default: return null;
  }
}

const moduleSpecs: Record<InlineModule, (key: string, r: InlineRecord, ctx: SpecContext) => InlineSpec | null> = {
  accounts: accountSpec,
  contacts: contactSpec,
  leads: leadSpec,
  deals: dealSpec,
};

/**
 * How a field of a record page is edited in place, or null when it is not: the reader may not edit the record (or,
 * for the owner, may not give it away), the field is computed (stamps, primary e-mail and phone, a deal's
 * probability and status), or the record no longer takes it (a converted lead keeps what it was converted with).
 */
export function inlineSpec(module: InlineModule, key: string, record: InlineRecord, ctx: SpecContext): InlineSpec | null {
  if (!record.access.edit) return null;
  if (module === 'leads' && record.status === 'converted' && !(convertedLeadEditable as readonly string[]).includes(key)) return null;
  if (key === 'ownerId') return record.access.share ? { kind: 'owner', key } : null;
  if (key === 'description') return { kind: 'textarea', key };
  if (key === 'contactType' && (module === 'accounts' || module === 'contacts')) return { kind: 'select', key, options: ctx.contactTypes, clearable: true };
  const custom = customKey(key);
  if (custom !== null) {
    const def = ctx.defs.find((d) => d.key === custom);
    return def ? { kind: 'custom', key, def } : null;
  }
  return moduleSpecs[module](key, record, ctx);
}
