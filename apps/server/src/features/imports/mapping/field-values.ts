/**
 * Per-field cell converters (issue #15), chosen once per column when a mapping is compiled: a standard field by its
 * descriptor type, a custom field by its type. Each answers a value ready for the create schema, or a field error code.
 */
import { accountTypes, industries, leadSources as contactLeadSources, ownerships, ratings } from '@kontor/contract/picklists';
import { leadInputStatuses, leadSources } from '@kontor/contract/leads';
import { dealStatuses } from '@kontor/contract/deals';
import type { ImportModule } from '@kontor/contract/imports';
import type { CellValue } from '../readers/source.ts';
import { parseDate, type DateOrder } from './dates.ts';
import { matchSalutation } from './names.ts';
import { emailAddress, splitTags } from './points.ts';
import { fieldDescriptor } from './targets.ts';
import { cellText, empty, failure, parseBoolean, parseInteger, parseNumber, picklistMatcher, valueOf, type Converted } from './values.ts';

export type CellConverter = (cell: CellValue) => Converted<unknown>;

const text: CellConverter = (cell) => {
  const t = cellText(cell);
  return t === '' ? empty() : valueOf(t);
};

/** Words other programs use for Kontor's picklist options (Zoho, Salesforce, Dynamics, HubSpot exports). */
const SYNONYMS: Record<string, Record<string, string>> = {
  leadSource: {
    web: 'web_form', 'web site': 'web_form', website: 'web_form', 'web form': 'web_form', online: 'web_form', referral: 'external_referral',
    'customer referral': 'external_referral', 'employee referral': 'employee_referral', 'cold call': 'cold_call', 'trade show': 'trade_show',
    messe: 'trade_show', event: 'seminar', webinar: 'seminar', 'public relations': 'public_relations', 'word of mouth': 'external_referral',
    advertisement: 'advertisement', ad: 'advertisement', 'social media': 'social_media', facebook: 'social_media', linkedin: 'social_media',
    'partner referral': 'partner', kaltakquise: 'cold_call', empfehlung: 'external_referral', recomandare: 'external_referral', '展会': 'trade_show',
  },
  source: {
    'web site': 'web', website: 'web', 'web form': 'web', 'web_form': 'web', 'employee referral': 'referral', 'external referral': 'referral',
    seminar: 'event', 'trade show': 'trade_show', 'cold call': 'cold_call',
  },
  industry: {
    'food & beverage': 'food_beverage', 'food and beverage': 'food_beverage', food: 'food_beverage', 'real estate': 'real_estate', 'non-profit': 'not_for_profit',
    nonprofit: 'not_for_profit', 'not for profit': 'not_for_profit', it: 'technology', 'information technology': 'technology', 'computer software': 'software',
    telecom: 'telecommunications', 'financial services': 'finance', transport: 'transportation', 'logistics & transportation': 'logistics',
    landwirtschaft: 'agriculture', bau: 'construction', maschinenbau: 'machinery', 'produktion': 'manufacturing', 'fertigung': 'manufacturing',
    agricultura: 'agriculture', constructii: 'construction', 'productie': 'manufacturing', '制造业': 'manufacturing', '农业': 'agriculture', '软件': 'software',
  },
  accountType: { client: 'customer', kunde: 'customer', lieferant: 'supplier', interessent: 'prospect', furnizor: 'supplier', '客户': 'customer', '供应商': 'supplier' },
  ownership: { 'public company': 'public_company', 'privately held': 'privately_held' },
  status: { 'closed won': 'won', 'closed lost': 'lost', 'in progress': 'open' },
};
const PICKLIST_OPTIONS: Record<string, readonly string[]> = {
  industry: industries, ownership: ownerships, accountType: accountTypes, rating: ratings, leadSource: contactLeadSources,
};

function picklistOptions(module: ImportModule, field: string): readonly string[] {
  if (module === 'leads' && field === 'source') return leadSources;
  if (module === 'leads' && field === 'status') return leadInputStatuses;
  if (module === 'deals' && field === 'status') return dealStatuses;
  return fieldDescriptor(module, field)?.options ?? PICKLIST_OPTIONS[field] ?? [];
}

const CURRENCY = /^[A-Za-z]{3}$/;

/**
 * A standard picklist: a label or key matched to its option. A value no option matches becomes `other` where the
 * picklist has one and is left out otherwise: an exported `Wholesale` industry must not cost the whole record.
 */
function picklist(module: ImportModule, field: string): CellConverter {
  if (field === 'salutation') {
    return (cell) => {
      const t = cellText(cell);
      return t === '' ? empty() : valueOf(matchSalutation(t));
    };
  }
  if (module === 'deals' && field === 'currency') {
    return (cell) => {
      const t = cellText(cell);
      if (t === '') return empty();
      return CURRENCY.test(t) ? valueOf(t.toUpperCase()) : failure('currency');
    };
  }
  const options = picklistOptions(module, field);
  const match = picklistMatcher(options, SYNONYMS[field]);
  const fallback = options.includes('other') ? 'other' : null;
  return (cell) => {
    const t = cellText(cell);
    return t === '' ? empty() : valueOf(match(t) ?? fallback);
  };
}

/** The converter of a standard field (`field:<name>`) of `module`. */
export function standardFieldConverter(module: ImportModule, field: string, dateOrder: DateOrder): CellConverter {
  if (module === 'leads' && field === 'email') return (cell) => (cellText(cell) === '' ? empty() : valueOf(emailAddress(cellText(cell))));
  const descriptor = fieldDescriptor(module, field);
  switch (descriptor?.type) {
    case 'integer':
      return parseInteger;
    case 'number':
      return parseNumber;
    case 'boolean':
      return parseBoolean;
    case 'date': {
      const opts = { order: dateOrder, allowNoYear: field === 'birthday' };
      const code = field === 'birthday' ? 'birthday' : 'date';
      return (cell) => {
        const r = parseDate(cell, opts);
        return r.ok ? r : failure(code);
      };
    }
    case 'picklist':
      return picklist(module, field);
    default:
      return text;
  }
}

export interface ConvertCustomField {
  key: string;
  type: string;
  options?: readonly string[];
  label?: string;
}

const MULTI = /\s*(?::::|;|,|\n)\s*/;

/** The converter of a custom field, as its type stores values (`custom-field-values.ts` checks them again). */
export function customFieldConverter(field: ConvertCustomField, dateOrder: DateOrder): CellConverter {
  const options = field.options ?? [];
  switch (field.type) {
    case 'number':
    case 'currency':
      return parseNumber;
    case 'checkbox':
      return parseBoolean;
    case 'date': {
      const opts = { order: dateOrder, allowNoYear: false };
      return (cell) => parseDate(cell, opts);
    }
    case 'picklist': {
      const match = picklistMatcher(options);
      return (cell) => {
        const t = cellText(cell);
        if (t === '') return empty();
        return match(t) !== null ? valueOf(match(t)) : failure('one_of');
      };
    }
    case 'multiselect': {
      const match = picklistMatcher(options);
      return (cell) => {
        const t = cellText(cell);
        if (t === '') return empty();
        const values: string[] = [];
        for (const part of t.split(MULTI)) {
          if (part === '') continue;
          const option = match(part);
          if (option === null) return failure('one_of');
          if (!values.includes(option)) values.push(option);
        }
        return valueOf(values);
      };
    }
    case 'email':
      return (cell) => (cellText(cell) === '' ? empty() : valueOf(emailAddress(cellText(cell))));
    default:
      return text;
  }
}

/** Tag names of a cell (used by the `tags` target). */
export const tagsOf = (cell: CellValue): string[] => splitTags(cellText(cell));
