import { createContext, useContext, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { notifications } from '@mantine/notifications';
import { api, ApiError } from '../../lib/api';
import { notifyError } from '../../lib/errors';
import { recordKeys, type RecordModule } from './api';
import { writableKeys, type InlineModule } from './inline-specs';
import { changedKeys } from './inline-values';

type Versioned = { id: string; version: number } & { [key: string]: unknown };

/** A write refused with 409 `version_conflict`, as the page shows it until the user chooses. */
export interface Conflict {
  /** The field whose editor met the conflict (the alert shows under it); none for other edits (tags, contact type). */
  field?: string;
  /** What someone else changed since the version the user was editing, by field key. */
  changed: string[];
  /** Who saved the version on the server, and when. */
  by: string | null;
  at: string;
  /** Shows the version on the server (an open editor keeps what the user typed). */
  reload: () => void;
  /** Sends the user's change again over the version on the server. */
  keepMine: () => Promise<unknown>;
}

/** The conflict a record page shows (one at a time). */
export interface ConflictStore {
  conflict: Conflict | null;
  report: (conflict: Conflict | null) => void;
}

/** The record page's conflict store, for edits made below it (a lead's sidebar). */
export const ConflictContext = createContext<ConflictStore | null>(null);

export function useConflictStore(): ConflictStore {
  const [conflict, report] = useState<Conflict | null>(null);
  return useMemo(() => ({ conflict, report }), [conflict]);
}

export type PatchOutcome<T> = { ok: true; record: T } | { ok: false; conflict: boolean; error: unknown };

export interface SaveOptions {
  /** The field being edited in place. */
  field?: string;
  /** Send over this version instead of the record's ("Keep mine and save"). */
  version?: number;
  /** What "Keep mine and save" sends (default: this patch again); an editor sends what it holds by then. */
  retry?: (version: number) => Promise<unknown>;
}

/** Fields that name or link records shown on other modules' pages and lists. */
const NAMING = ['name', 'firstName', 'lastName', 'salutation', 'company', 'accountId', 'contactId', 'parentAccountId'];
const nameOf = (user: unknown): string | null => {
  const name: unknown = typeof user === 'object' && user !== null && 'name' in user ? user.name : null;
  return typeof name === 'string' && name !== '' ? name : null;
};
const isInline = (m: RecordModule): m is InlineModule => m === 'accounts' || m === 'contacts' || m === 'leads' || m === 'deals';

/**
 * A change of a record from its page: PATCH with the version the page shows. On 409 it reads the record as it is now,
 * works out what someone else changed, and reports that to the page's conflict store (the page shows who changed
 * what and offers "Reload" and "Keep mine and save"); without a store the page reloads and says so in a toast.
 */
export function useRecordSave<T extends Versioned>(module: RecordModule, record: T | undefined, opts: { conflicts?: ConflictStore | null; onSaved?: (saved: T) => void } = {}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const context = useContext(ConflictContext);
  const conflicts = opts.conflicts ?? context;

  const saved = (id: string, value: T, patch: Record<string, unknown>) => {
    qc.setQueryData(recordKeys.detail(module, id), value);
    void qc.invalidateQueries({ queryKey: recordKeys.lists(module) });
    // the timeline, history and related lists under the record (not the record, which is fresh)
    void qc.invalidateQueries({ queryKey: recordKeys.detail(module, id), predicate: (q) => q.queryKey.length > 3 });
    if ('tags' in patch) void qc.invalidateQueries({ queryKey: ['tags'] });
    if (NAMING.some((k) => k in patch)) for (const m of ['accounts', 'contacts', 'deals', 'leads'] as const) if (m !== module) void qc.invalidateQueries({ queryKey: recordKeys.module(m) });
    opts.onSaved?.(value);
  };

  const onConflict = async (base: T, o: SaveOptions, again: (version: number) => Promise<unknown>) => {
    const current = await api.get<T>(`/${module}/${base.id}`).catch(() => null);
    if (!current || !conflicts) {
      notifications.show({ color: 'orange', title: t('errors.version_conflict_title'), message: t('errors.version_conflict_reloaded'), autoClose: 8000 });
      if (current) qc.setQueryData(recordKeys.detail(module, base.id), current);
      else void qc.invalidateQueries({ queryKey: recordKeys.detail(module, base.id) });
      return;
    }
    conflicts.report({
      field: o.field,
      changed: changedKeys(base, current, isInline(module) ? writableKeys(module) : Object.keys(current)),
      by: nameOf(current.updatedBy),
      at: typeof current.updatedAt === 'string' ? current.updatedAt : new Date().toISOString(),
      reload: () => {
        conflicts.report(null);
        saved(current.id, current, {});
      },
      keepMine: () => {
        conflicts.report(null);
        return (o.retry ?? again)(current.version);
      },
    });
  };

  const save = async (patch: Record<string, unknown>, o: SaveOptions = {}): Promise<PatchOutcome<T>> => {
    if (!record) return { ok: false, conflict: false, error: new Error('no record') };
    const base = record;
    try {
      const value = await api.patch<T>(`/${module}/${base.id}`, { ...patch, version: o.version ?? base.version });
      conflicts?.report(null);
      saved(base.id, value, patch);
      return { ok: true, record: value };
    } catch (e) {
      if (e instanceof ApiError && e.code === 'version_conflict') {
        // "Keep mine and save" for an edit without an editor: a refusal then shows as the sidebar's would
        await onConflict(base, o, async (version) => {
          const again = await save(patch, { ...o, version });
          if (!again.ok && !again.conflict) notifyError(t, again.error);
        });
        return { ok: false, conflict: true, error: e };
      }
      return { ok: false, conflict: false, error: e };
    }
  };
  return save;
}

/** Edits on a record page besides the fields (tags, contact type, restriction): true when saved; errors in a toast. */
export function useRecordPatch<T extends Versioned>(module: RecordModule, record: T | undefined, opts: { conflicts?: ConflictStore | null; onSaved?: (saved: T) => void } = {}) {
  const { t } = useTranslation();
  const save = useRecordSave<T>(module, record, opts);
  return async (patch: Record<string, unknown>): Promise<boolean> => {
    const result = await save(patch);
    if (!result.ok && !result.conflict) notifyError(t, result.error);
    return result.ok;
  };
}
