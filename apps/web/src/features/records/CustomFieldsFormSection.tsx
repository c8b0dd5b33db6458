import { useTranslation } from 'react-i18next';
import type { CustomFieldDefinition, CustomFieldValue } from '@kontor/contract/custom-fields';
import { CustomFieldInput } from '../../components/forms/CustomFieldInput';
import { FormSection } from '../../components/forms/FormSection';
import type { CustomFormValues } from './form-utils';

export function CustomFieldsFormSection({ defs, values, onChange, errors }: { defs: CustomFieldDefinition[]; values: CustomFormValues; onChange: (v: CustomFormValues) => void; errors: Record<string, string> }) {
  const { t } = useTranslation();
  if (defs.length === 0) return null;
  return (
    <FormSection title={t('sections.customFields')}>
      {defs.map((d) => (
        <div key={d.id} style={d.type === 'longtext' ? { gridColumn: '1 / -1' } : undefined}>
          <CustomFieldInput def={d} value={values[d.key]} onChange={(v: CustomFieldValue) => onChange({ ...values, [d.key]: v })} error={errors[`customFields.${d.key}`]} />
        </div>
      ))}
    </FormSection>
  );
}
