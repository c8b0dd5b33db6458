import { createLazyRoute, getRouteApi } from '@tanstack/react-router';
import { LeadsPage } from '../../features/leads/LeadsPage';
import { LeadPage } from '../../features/leads/LeadPage';
import { patchSearch } from './patch-search';

const listApi = getRouteApi('/app/leads');
const recordApi = getRouteApi('/app/leads/$leadId');

function LeadsRoute() {
  const navigate = listApi.useNavigate();
  return <LeadsPage search={listApi.useSearch()} onSearchChange={(p) => void navigate({ search: patchSearch(p), replace: true })} />;
}

function LeadRoute() {
  const { leadId } = recordApi.useParams();
  return <LeadPage key={leadId} id={leadId} />;
}

export const list = createLazyRoute('/app/leads')({ component: LeadsRoute });
export const record = createLazyRoute('/app/leads/$leadId')({ component: LeadRoute });
