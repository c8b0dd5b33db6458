import { useTranslation } from 'react-i18next';
import { useNavigate } from '@tanstack/react-router';
import { Center, SegmentedControl } from '@mantine/core';
import { IconLayoutKanban, IconList } from '@tabler/icons-react';
import { boardSearch, type AccountSearch } from './search';

/** List | Board on the accounts pages; the owner, tag and "not contacted" filters go along. */
export function AccountsViewSwitch({ view, search }: { view: 'list' | 'board'; search: AccountSearch }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const go = (v: string) => {
    if (v === view) return;
    void navigate({ to: v === 'board' ? '/accounts/board' : '/accounts', search: boardSearch(search) });
  };
  return (
    <SegmentedControl
      value={view}
      onChange={go}
      aria-label={t('activityBoard.view.label')}
      data={[
        { value: 'list', label: <Center style={{ gap: 6 }} data-testid="accounts-view-list"><IconList size={16} /><span>{t('activityBoard.view.list')}</span></Center> },
        { value: 'board', label: <Center style={{ gap: 6 }} data-testid="accounts-view-board"><IconLayoutKanban size={16} /><span>{t('activityBoard.view.board')}</span></Center> },
      ]}
      data-testid="accounts-view"
    />
  );
}
