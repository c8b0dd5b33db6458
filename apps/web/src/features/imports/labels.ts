import { useTranslation } from 'react-i18next';
import type { ImportModule } from '@kontor/contract/imports';
import { standardFieldLabel } from '../views/labels';
import type { Labels } from './targets';

/** The labelling context of targets.ts for a module, in the user's language. */
export function useImportLabels(module: ImportModule): Labels & { knownField: (key: string) => string[] } {
  const { t, i18n } = useTranslation();
  return {
    t,
    exists: (k) => i18n.exists(k),
    field: (key) => standardFieldLabel(t, i18n, module, key),
    // where a standard field's translated label may live (views/labels.ts looks in the same places)
    knownField: (key) => [`views.fieldNames.${module}.${key}`, `views.fieldNames.${key}`, `fields.${key}`, `${module}.fields.${key}`],
  };
}
