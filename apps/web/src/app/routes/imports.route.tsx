import { createLazyRoute, getRouteApi } from '@tanstack/react-router';
import { ImportHistoryPage } from '../../features/imports/ImportHistoryPage';
import { ImportUploadPage, ImportWizardPage } from '../../features/imports/ImportWizardPage';

const newApi = getRouteApi('/app/imports/new');
const importApi = getRouteApi('/app/imports/$importId');

function NewImportRoute() {
  const { module } = newApi.useSearch();
  return <ImportUploadPage module={module} />;
}

function ImportRoute() {
  const { importId } = importApi.useParams();
  const { step } = importApi.useSearch();
  const navigate = importApi.useNavigate();
  return <ImportWizardPage key={importId} importId={importId} asked={step} onAsk={(next) => void navigate({ search: next === 'map' ? {} : { step: next } })} />;
}

export const history = createLazyRoute('/app/imports')({ component: ImportHistoryPage });
export const upload = createLazyRoute('/app/imports/new')({ component: NewImportRoute });
export const wizard = createLazyRoute('/app/imports/$importId')({ component: ImportRoute });
