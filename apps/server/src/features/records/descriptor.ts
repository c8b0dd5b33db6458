import type { Module } from '@kontor/contract/custom-fields';
import type { SortColumn } from './keyset.ts';
import type { SearchSource } from '../search/source.ts';

/** How a field is stored and what filters, imports and exports may do with it. */
export type FieldType = 'text' | 'longtext' | 'integer' | 'number' | 'date' | 'datetime' | 'boolean' | 'picklist' | 'reference';

export interface FieldDescriptor {
  /** The column on the module's table. */
  column: string;
  type: FieldType;
  /** For references: what the id points at. */
  references?: Module | 'users' | 'contact_types';
  /** Offered as a list filter (`?field=value`). */
  filterable?: boolean;
  /** A picklist's values. */
  options?: readonly string[];
}

/**
 * A record module as the machinery sees it: what later features (views, filters, search, import/export, mass
 * actions, duplicates, timeline) read instead of switching on module names. Adding a module is a descriptor, a
 * migration, its own rules and its tests (docs/ARCHITECTURE.md, "Record machinery").
 */
export interface ModuleDescriptor<M extends Module = Module> {
  module: M;
  /** One record, for messages ("The account does not exist or you cannot see it"). */
  noun: string;
  /** API field -> storage; contact points, tags, custom fields and sharing are common to every module. */
  fields: Record<string, FieldDescriptor>;
  /** API sort key -> column; `defaultSort` is one of them. */
  sortColumns: Record<string, SortColumn>;
  defaultSort: string;
  /** The name's sort key (contract `nameSortKey` / `personSortKey`) that serves the default order and the A-Z index. */
  sortKeyColumn: string;
  /** What the fragment filter `q` searches (folded name, lower-cased primary e-mail). */
  searchColumns: string[];
  /** The module has a photo or logo (`photo_file_id`). */
  photo: boolean;
  /** Columns that name a record where only a name fits (recycle bin, lookups), read by `records/record-name.ts`. */
  nameColumns: string[];
  /** What the record's search document holds (issue #12); a module without it is not searched. */
  search?: SearchSource;
}
