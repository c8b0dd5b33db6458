import { createLazyRoute, getRouteApi } from '@tanstack/react-router';
import { InvitePage } from '../../features/auth/InvitePage';

const api = getRouteApi('/invite/$token');

function InviteRoute() {
  const { token } = api.useParams();
  return <InvitePage token={token} />;
}

export const Route = createLazyRoute('/invite/$token')({ component: InviteRoute });
