import { useTranslation } from 'react-i18next';
import { IconMapOff } from '@tabler/icons-react';
import { EmptyState } from '../../components/States';
import { AuthGate } from '../../app/AuthGate';
import { PrintListPage } from './PrintListPage';
import { isPrintModule, type PrintSearch } from './search';

/** `/print/$module`: the print page of a module's list, behind the session check, outside the app's frame. */
export function PrintRoute({ module, search }: { module: string; search: PrintSearch }) {
  return <AuthGate framed={false}>{isPrintModule(module) ? <PrintListPage module={module} search={search} /> : <UnknownModule />}</AuthGate>;
}

function UnknownModule() {
  const { t } = useTranslation();
  return <EmptyState icon={<IconMapOff size={28} />} title={t('notFound.title')} description={t('notFound.text')} />;
}
