import type { SearchField, SearchType } from '@kontor/contract/search';

/**
 * What a module's records put into their search document (issue #12), declared on the module's descriptor
 * (`ModuleDescriptor.search`): the search machinery builds, indexes and queries every module from this alone.
 * Column names are the module table's own. Contact points (e-mails, phones, websites, address cities) and tags are
 * common to every module and always included.
 */
export interface SearchSource {
  type: SearchType;
  /** The hit's title, read by `records/record-name.ts` (a person's name as `personName` writes it). */
  title: string[];
  /** The record's own columns feeding each field (the account's name feeds `company` through `accountColumn`). */
  fields: Partial<Record<Exclude<SearchField, 'tag'>, string[]>>;
  /** The column pointing at the record's account: its name is the `company` field and the hit's account. */
  accountColumn?: string;
  /** A company typed as text (leads): shown on the hit. */
  companyColumn?: string;
  /** The primary e-mail and phone shown on the hit. */
  displayEmail?: string;
  displayPhone?: string;
}
