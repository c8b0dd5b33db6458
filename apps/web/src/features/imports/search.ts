import { importModules, type ImportModule } from '@kontor/contract/imports';

/** `/imports/new?module=contacts`: the module preselected when the wizard is opened from a list. */
export interface ImportNewSearch {
  module?: ImportModule;
}
export function parseImportNewSearch(s: Record<string, unknown>): ImportNewSearch {
  const m = importModules.find((x) => x === s.module);
  return m ? { module: m } : {};
}

/** `/imports/$importId?step=preview`: a draft's step (mapping by default), so a reload stays where the user was. */
export interface ImportSearch {
  step?: 'map' | 'preview';
}
export function parseImportSearch(s: Record<string, unknown>): ImportSearch {
  return s.step === 'preview' || s.step === 'map' ? { step: s.step } : {};
}
