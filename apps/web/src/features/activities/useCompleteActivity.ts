import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { notifications } from '@mantine/notifications';
import type { ActivityListItem } from '@kontor/contract/activities';
import { ApiError } from '../../lib/api';
import { notifyError } from '../../lib/errors';
import { invalidateActivityViews, updateActivity } from './api';

/** Completes (or reopens) an activity with one click; a conflict reloads the lists and says so. True when it worked. */
export function useCompleteActivity() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  return async (a: Pick<ActivityListItem, 'id' | 'version' | 'subject'>, done: boolean): Promise<boolean> => {
    try {
      await updateActivity(a.id, { done, version: a.version });
      notifications.show({ color: 'teal', message: t(done ? 'activities.completed' : 'activities.reopened', { subject: a.subject }), autoClose: 3000 });
      return true;
    } catch (e) {
      if (e instanceof ApiError && e.code === 'version_conflict') {
        notifications.show({ color: 'orange', title: t('errors.version_conflict_title'), message: t('errors.version_conflict_reloaded'), autoClose: 8000 });
      } else notifyError(t, e);
      return false;
    } finally {
      invalidateActivityViews(qc);
    }
  };
}
