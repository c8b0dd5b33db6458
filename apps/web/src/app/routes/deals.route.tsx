import { createLazyRoute, getRouteApi } from '@tanstack/react-router';
import { DealsPage } from '../../features/deals/DealsPage';
import { DealPage } from '../../features/deals/DealPage';
import type { DealSearch } from '../../features/records/search';
import { patchSearch } from './patch-search';

const listApi = getRouteApi('/app/deals');
const recordApi = getRouteApi('/app/deals/$dealId');

function DealsRoute() {
  const navigate = listApi.useNavigate();
  return <DealsPage search={listApi.useSearch()} onSearchChange={(p) => void navigate({ search: patchSearch<DealSearch>(p), replace: true })} />;
}

function DealRoute() {
  const { dealId } = recordApi.useParams();
  return <DealPage key={dealId} id={dealId} />;
}

export const list = createLazyRoute('/app/deals')({ component: DealsRoute });
export const record = createLazyRoute('/app/deals/$dealId')({ component: DealRoute });
