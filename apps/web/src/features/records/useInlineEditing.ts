import { createContext } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomFieldDefinition } from '@kontor/contract/custom-fields';
import { useContactTypeOptions } from '../../lib/reference';
import { fieldLabel } from '../timeline/timeline-text';
import { inlineSpec, updateSchemas, type InlineModule, type InlineRecord } from './inline-specs';
import type { FieldSchemas, InlineSpec, Option } from './inline-values';
import { useRecordSave, type ConflictStore, type PatchOutcome, type SaveOptions } from './useRecordPatch';

/** What a record page's fields need to be edited in place. */
export interface InlineEditing {
  record: InlineRecord;
  /** How the field is edited, or null when it only shows. */
  specOf: (key: string) => InlineSpec | null;
  schema: FieldSchemas;
  defs: CustomFieldDefinition[];
  save: (patch: Record<string, unknown>, o?: SaveOptions) => Promise<PatchOutcome<unknown>>;
  conflicts: ConflictStore;
  /** A field's label as the page shows it (also for fields the page does not show: the conflict names them). */
  labelOf: (key: string) => string;
}

/** The record page's inline editing, for fields rendered below it (the sidebar's business card). */
export const InlineEditingContext = createContext<InlineEditing | null>(null);

interface Options<R> {
  defs: CustomFieldDefinition[];
  /** The page's label of a field, or null when the page has none for it. */
  label: (key: string) => string | null;
  conflicts: ConflictStore;
  /** Deals: the pipelines, and the stages of the deal's pipeline. */
  pipelines?: Option[];
  stages?: Option[];
  onSaved?: (saved: R) => void;
}

type Record_ = InlineRecord & { [key: string]: unknown };

export function useInlineEditing<R extends Record_>(module: InlineModule, record: R, o: Options<R>): InlineEditing {
  const { t } = useTranslation();
  const contactTypes = useContactTypeOptions()(t);
  const save = useRecordSave<R>(module, record, { conflicts: o.conflicts, onSaved: o.onSaved });
  const ctx = { t, defs: o.defs, contactTypes, pipelines: o.pipelines ?? [], stages: o.stages ?? [] };
  const labelOf = (key: string): string => {
    const own = o.label(key);
    if (own) return own;
    if (key === 'restrictedTo') return t('sharing.restricted');
    if (key === 'photoUrl') return t('inline.photo');
    return fieldLabel(t, module, key);
  };
  return {
    record,
    specOf: (key) => inlineSpec(module, key, record, ctx),
    schema: updateSchemas[module],
    defs: o.defs,
    save,
    conflicts: o.conflicts,
    labelOf,
  };
}
