import { createLazyRoute, getRouteApi } from '@tanstack/react-router';
import { AccountPage } from '../../features/accounts/AccountPage';

const api = getRouteApi('/app/accounts/$accountId');

function AccountRoute() {
  const { accountId } = api.useParams();
  return <AccountPage key={accountId} id={accountId} />;
}

export const Route = createLazyRoute('/app/accounts/$accountId')({ component: AccountRoute });
