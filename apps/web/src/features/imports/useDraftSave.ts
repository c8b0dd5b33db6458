import { useEffect, useState } from 'react';
import type { Import, ImportColumnMapping, ImportOptionsInput } from '@kontor/contract/imports';
import type { useImportActions } from './api';

export interface Draft {
  /** Target per column position (null: not imported). */
  targets: Record<number, string | null>;
  options: ImportOptionsInput;
}

export const draftOf = (imp: Import): Draft => ({ targets: Object.fromEntries(imp.columns.map((c) => [c.column, c.target])), options: imp.options });

export const mappingOf = (imp: Pick<Import, 'columns'>, draft: Draft): ImportColumnMapping[] =>
  imp.columns.map((c) => ({ column: c.column, target: draft.targets[c.column] ?? null }));

const AUTOSAVE_MS = 600;

/**
 * The mapping and options being edited, saved to the draft import (PATCH) a moment after each change, one request at a
 * time, so leaving the wizard keeps what was chosen. `flush` saves at once (before the preview); `reset` takes the
 * server's answer as the new starting point (after a sheet or a template changed the columns).
 */
export function useDraftSave(imp: Import, update: ReturnType<typeof useImportActions>['update']) {
  const [draft, setDraft] = useState<Draft>(() => draftOf(imp));
  const [savedJson, setSavedJson] = useState(() => JSON.stringify(draftOf(imp)));
  const json = JSON.stringify(draft);
  const dirty = json !== savedJson;
  const pending = update.isPending;

  const save = async (d: Draft): Promise<void> => {
    const body = JSON.stringify(d);
    await update.mutateAsync({ mapping: mappingOf(imp, d), options: d.options });
    setSavedJson(body);
  };

  useEffect(() => {
    if (!dirty || pending) return;
    const timer = window.setTimeout(() => void save(draft).catch(() => undefined), AUTOSAVE_MS);
    return () => window.clearTimeout(timer);
    // save closes over the latest draft through `json`
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [json, dirty, pending]);

  return {
    draft,
    setTarget: (column: number, target: string | null) => setDraft((d) => ({ ...d, targets: { ...d.targets, [column]: target } })),
    setOptions: (patch: Partial<ImportOptionsInput>) => setDraft((d) => ({ ...d, options: { ...d.options, ...patch } })),
    dirty,
    flush: async () => {
      if (dirty) await save(draft);
    },
    reset: (next: Import) => {
      const d = draftOf(next);
      setSavedJson(JSON.stringify(d));
      setDraft(d);
    },
  };
}
