import { useTranslation } from 'react-i18next';
import { useNavigate } from '@tanstack/react-router';
import { IconLayoutKanban, IconList } from '@tabler/icons-react';
import { ViewSwitch } from '../../components/ViewSwitch';
import { boardSearch, type AccountSearch } from './search';

/** List | Board on the accounts pages; the owner, tag and "not contacted" filters go along. */
export function AccountsViewSwitch({ view, search }: { view: 'list' | 'board'; search: AccountSearch }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <ViewSwitch
      value={view}
      onChange={(v) => void navigate({ to: v === 'board' ? '/accounts/board' : '/accounts', search: boardSearch(search) })}
      label={t('activityBoard.view.label')}
      options={[
        { value: 'list', label: t('activityBoard.view.list'), icon: <IconList size={16} />, testId: 'accounts-view-list' },
        { value: 'board', label: t('activityBoard.view.board'), icon: <IconLayoutKanban size={16} />, testId: 'accounts-view-board' },
      ]}
      testId="accounts-view"
    />
  );
}
