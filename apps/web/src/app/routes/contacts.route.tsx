import { createLazyRoute, getRouteApi } from '@tanstack/react-router';
import { ContactsPage } from '../../features/contacts/ContactsPage';
import { ContactPage } from '../../features/contacts/ContactPage';
import { patchSearch } from './patch-search';

const listApi = getRouteApi('/app/contacts');
const recordApi = getRouteApi('/app/contacts/$contactId');

function ContactsRoute() {
  const navigate = listApi.useNavigate();
  return <ContactsPage search={listApi.useSearch()} onSearchChange={(p) => void navigate({ search: patchSearch(p), replace: true })} />;
}

function ContactRoute() {
  const { contactId } = recordApi.useParams();
  return <ContactPage key={contactId} id={contactId} />;
}

export const list = createLazyRoute('/app/contacts')({ component: ContactsRoute });
export const record = createLazyRoute('/app/contacts/$contactId')({ component: ContactRoute });
