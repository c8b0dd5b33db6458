import type { TFunction } from 'i18next';
import type { QueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { notifications } from '@mantine/notifications';
import { mergeUndoBlockerSchema, type DuplicateModule, type MergeUndoBlocker } from '@kontor/contract/duplicates';
import { ApiError } from '../../lib/api';
import { errorMessage, fieldMessage } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { showUndo } from '../records/undo';
import { refreshAfterMerge, undoMerge } from './api';

const blockersSchema = z.object({ blockers: z.array(mergeUndoBlockerSchema) });

/** A refused undo's blockers (`details.blockers` of the 422), read with the contract's schema; none when absent. */
export function undoBlockers(e: unknown): MergeUndoBlocker[] {
  if (!(e instanceof ApiError)) return [];
  const parsed = blockersSchema.safeParse(e.details);
  return parsed.success ? parsed.data.blockers : [];
}

/** One blocker in words: what changed, and who changed it when, where that is known. */
export function blockerText(t: TFunction, b: MergeUndoBlocker): string {
  const noun = t(`duplicates.undo.nouns.${b.module}`, { defaultValue: '' });
  const what = b.name ? (noun ? t('duplicates.undo.named', { noun, name: b.name }) : b.name) : t('timeline.hiddenRecord');
  const sentence = t(`duplicates.undo.blockers.${b.code}`, { what });
  const when = b.at ? formatDateTime(b.at) : null;
  if (b.by && when) return `${sentence} ${t('duplicates.undo.byAt', { by: b.by, at: when })}`;
  if (b.by) return `${sentence} ${t('duplicates.undo.by', { by: b.by })}`;
  if (when) return `${sentence} ${t('duplicates.undo.at', { at: when })}`;
  return sentence;
}

/** What a refused merge says: the error's sentence, then each field's problem (merge_field, merge_source, ...). */
export function mergeErrorText(t: TFunction, e: unknown): string[] {
  const fields = e instanceof ApiError ? Object.values(e.fields).map((p) => fieldMessage(t, p)) : [];
  return [errorMessage(t, e), ...new Set(fields)];
}

interface UndoOptions {
  t: TFunction;
  qc: QueryClient;
  module: DuplicateModule;
  mergeId: string;
  survivorId: string;
  mergedIds: string[];
}

/** Undoes a merge: the caches are refreshed and the success is shown; a refusal is answered for the caller to show. */
export async function tryUndoMerge({ t, qc, module, mergeId, survivorId, mergedIds }: UndoOptions): Promise<{ ok: true } | { ok: false; error: unknown }> {
  try {
    await undoMerge(mergeId);
    refreshAfterMerge(qc, module, { survivorId, mergedIds, mergeId });
    notifications.show({ color: 'teal', message: t('duplicates.undo.done', { count: mergedIds.length }), autoClose: 4000 });
    return { ok: true };
  } catch (error) {
    // what stands in the way changed the records: show them as they are now
    refreshAfterMerge(qc, module, { survivorId, mergedIds: [], mergeId });
    return { ok: false, error };
  }
}

/** A refused undo in a toast: the reason, then each blocker in words. */
function notifyUndoRefused(t: TFunction, e: unknown): void {
  const lines = undoBlockers(e).map((b) => `• ${blockerText(t, b)}`);
  notifications.show({ color: 'red', title: t('errors.notDone'), message: [errorMessage(t, e), ...lines].join('\n'), autoClose: 12_000, style: { whiteSpace: 'pre-line' } });
}

/** After a merge: the toast on the survivor's page with "Undo" (it closes when the user leaves that page). */
export function showMergedToast(opts: UndoOptions & { survivorPath: string }): void {
  const { t, module, survivorId, mergedIds, survivorPath } = opts;
  showUndo({
    list: `merge-${module}`,
    recordId: survivorId,
    message: t('duplicates.merge.done', { count: mergedIds.length + 1 }),
    undoLabel: t('duplicates.undo.button'),
    path: survivorPath,
    testId: 'undo-merge',
    onUndo: async () => {
      const outcome = await tryUndoMerge(opts);
      if (!outcome.ok) notifyUndoRefused(t, outcome.error);
    },
  });
}
