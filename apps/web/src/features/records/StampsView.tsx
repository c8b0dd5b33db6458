import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../lib/format';
import { FieldItem } from './FieldItem';

interface Stamped {
  createdAt: string;
  updatedAt: string;
  createdBy: { id: string; name: string } | null;
  updatedBy: { id: string; name: string } | null;
}

export function StampsView({ record }: { record: Stamped }) {
  const { t } = useTranslation();
  return (
    <div className="k-fields" data-testid="stamps">
      <FieldItem label={t('fields.createdBy')}>{t('records.byAt', { name: record.createdBy?.name ?? '—', at: formatDateTime(record.createdAt) })}</FieldItem>
      <FieldItem label={t('fields.updatedBy')}>{t('records.byAt', { name: record.updatedBy?.name ?? '—', at: formatDateTime(record.updatedAt) })}</FieldItem>
    </div>
  );
}
