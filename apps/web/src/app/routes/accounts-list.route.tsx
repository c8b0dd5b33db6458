import { createLazyRoute, getRouteApi } from '@tanstack/react-router';
import { AccountsPage } from '../../features/accounts/AccountsPage';
import type { AccountSearch } from '../../features/activity-board/search';
import { patchSearch } from './patch-search';

const api = getRouteApi('/app/accounts');

function AccountsRoute() {
  const navigate = api.useNavigate();
  return <AccountsPage search={api.useSearch()} onSearchChange={(p) => void navigate({ search: patchSearch<AccountSearch>(p), replace: true })} />;
}

export const Route = createLazyRoute('/app/accounts')({ component: AccountsRoute });
