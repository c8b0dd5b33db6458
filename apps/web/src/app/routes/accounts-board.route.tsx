import { createLazyRoute, getRouteApi } from '@tanstack/react-router';
import { AccountsBoardPage } from '../../features/activity-board/AccountsBoardPage';
import type { AccountSearch } from '../../features/activity-board/search';
import { patchSearch } from './patch-search';

const api = getRouteApi('/app/accounts/board');

function AccountsBoardRoute() {
  const navigate = api.useNavigate();
  return <AccountsBoardPage search={api.useSearch()} onSearchChange={(p) => void navigate({ search: patchSearch<AccountSearch>(p), replace: true })} />;
}

export const Route = createLazyRoute('/app/accounts/board')({ component: AccountsBoardRoute });
