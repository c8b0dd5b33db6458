import { createLazyRoute, getRouteApi } from '@tanstack/react-router';
import type { DuplicateModule } from '@kontor/contract/duplicates';
import { DuplicatesPage } from '../../features/duplicates/DuplicatesPage';

// The rest of the duplicates UI shares this chunk (features/duplicates/lazy.tsx).
export { DuplicateWarning } from '../../features/duplicates/DuplicateWarning';
export { MergeDialog } from '../../features/duplicates/MergeDialog';
export { MergeUndoAction } from '../../features/duplicates/MergeUndoAction';
import type { DuplicatesSearch } from '../../features/duplicates/search';
import { patchSearch } from './patch-search';

const contactsApi = getRouteApi('/app/contacts/duplicates');
const accountsApi = getRouteApi('/app/accounts/duplicates');

function route(module: DuplicateModule, api: typeof contactsApi | typeof accountsApi) {
  return function DuplicatesRoute() {
    const navigate = api.useNavigate();
    const search = api.useSearch();
    return <DuplicatesPage key={module} module={module} search={search} onSearchChange={(p: Partial<DuplicatesSearch>) => void navigate({ search: patchSearch(p), replace: true })} />;
  };
}

export const contacts = createLazyRoute('/app/contacts/duplicates')({ component: route('contacts', contactsApi) });
export const accounts = createLazyRoute('/app/accounts/duplicates')({ component: route('accounts', accountsApi) });
