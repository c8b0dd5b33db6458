import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { notifications } from '@mantine/notifications';
import { api, ApiError } from '../../lib/api';
import { notifyError } from '../../lib/errors';
import { recordKeys, type RecordModule } from './api';
import { invalidateHistory } from './history';

/** Inline edits on a record page (tags, contact type, restriction): PATCH with the version; a conflict reloads the record. True when saved. */
export function useRecordPatch<T extends { id: string; version: number }>(module: RecordModule, record: T | undefined) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  return async (patch: Record<string, unknown>): Promise<boolean> => {
    if (!record) return false;
    try {
      const saved = await api.patch<T>(`/${module}/${record.id}`, { ...patch, version: record.version });
      qc.setQueryData(recordKeys.detail(module, record.id), saved);
      void qc.invalidateQueries({ queryKey: recordKeys.lists(module) });
      if ('tags' in patch) void qc.invalidateQueries({ queryKey: ['tags'] });
      if ('restrictedTo' in patch || 'ownerId' in patch) void invalidateHistory(qc, module, record.id);
      return true;
    } catch (e) {
      if (e instanceof ApiError && e.code === 'version_conflict') {
        notifications.show({ color: 'orange', title: t('errors.version_conflict_title'), message: t('errors.version_conflict_reloaded'), autoClose: 8000 });
        void qc.invalidateQueries({ queryKey: recordKeys.detail(module, record.id) });
      } else notifyError(t, e);
      return false;
    }
  };
}
