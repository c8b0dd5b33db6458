import { createLazyRoute, getRouteApi } from '@tanstack/react-router';
import { MyActivitiesPage } from '../../features/activities/MyActivitiesPage';
import { ActivitiesListPage } from '../../features/activities/ActivitiesListPage';
import { patchSearch } from './patch-search';

const listApi = getRouteApi('/app/activities/list');

function ActivitiesListRoute() {
  const navigate = listApi.useNavigate();
  return <ActivitiesListPage search={listApi.useSearch()} onSearchChange={(p) => void navigate({ search: patchSearch(p), replace: true })} />;
}

export const mine = createLazyRoute('/app/activities')({ component: MyActivitiesPage });
export const list = createLazyRoute('/app/activities/list')({ component: ActivitiesListRoute });
