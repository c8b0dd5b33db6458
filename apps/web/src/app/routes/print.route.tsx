import { createLazyRoute, getRouteApi } from '@tanstack/react-router';
import { PrintRoute } from '../../features/print/PrintRoute';

const api = getRouteApi('/print/$module');

function PrintListRoute() {
  const { module } = api.useParams();
  return <PrintRoute module={module} search={api.useSearch()} />;
}

export const Route = createLazyRoute('/print/$module')({ component: PrintListRoute });
