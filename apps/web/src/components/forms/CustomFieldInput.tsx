import { useTranslation } from 'react-i18next';
import { Checkbox, MultiSelect, NumberInput, Select, Textarea, TextInput } from '@mantine/core';
import type { CustomFieldDefinition, CustomFieldValue } from '@kontor/contract/custom-fields';

interface Props {
  def: CustomFieldDefinition;
  value: CustomFieldValue | undefined;
  onChange: (v: CustomFieldValue) => void;
  error?: string;
}

const asString = (v: CustomFieldValue | undefined): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

/** The right input for each custom field type. */
export function CustomFieldInput({ def, value, onChange, error }: Props) {
  const { t } = useTranslation();
  const common = { label: def.label, error, required: def.required, 'data-testid': `cf-${def.key}` };
  switch (def.type) {
    case 'longtext':
      return <Textarea {...common} autosize minRows={2} maxRows={8} value={asString(value)} onChange={(e) => onChange(e.currentTarget.value)} />;
    case 'number':
    case 'currency':
      return (
        <NumberInput
          {...common}
          value={typeof value === 'number' ? value : asString(value)}
          onChange={(v) => onChange(v === '' ? null : typeof v === 'number' ? v : Number(v))}
          decimalScale={def.type === 'currency' ? 2 : undefined}
          fixedDecimalScale={false}
          thousandSeparator=" "
          hideControls
        />
      );
    case 'date':
      return <TextInput {...common} type="date" value={asString(value)} onChange={(e) => onChange(e.currentTarget.value || null)} />;
    case 'checkbox':
      return <Checkbox label={def.label} error={error} checked={value === true} onChange={(e) => onChange(e.currentTarget.checked)} mt={26} data-testid={`cf-${def.key}`} />;
    case 'picklist':
      return <Select {...common} data={def.options} value={asString(value) || null} onChange={(v) => onChange(v)} clearable placeholder={t('common.choose')} />;
    case 'multiselect':
      return <MultiSelect {...common} data={def.options} value={Array.isArray(value) ? value : []} onChange={(v) => onChange(v)} clearable placeholder={t('common.choose')} />;
    case 'url':
      return <TextInput {...common} type="url" placeholder="https://" value={asString(value)} onChange={(e) => onChange(e.currentTarget.value)} />;
    case 'email':
      return <TextInput {...common} type="email" value={asString(value)} onChange={(e) => onChange(e.currentTarget.value)} />;
    case 'phone':
      return <TextInput {...common} type="tel" value={asString(value)} onChange={(e) => onChange(e.currentTarget.value)} />;
    case 'text':
      return <TextInput {...common} value={asString(value)} onChange={(e) => onChange(e.currentTarget.value)} />;
  }
}
