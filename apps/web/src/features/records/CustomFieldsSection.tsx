import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomFieldDefinition } from '@kontor/contract/custom-fields';
import { InlineField } from './InlineField';
import type { InlineEditing } from './useInlineEditing';
import { RecordSection } from './RecordSection';

/** A record page's custom fields, each editable in place; nothing when the module has none. */
export function CustomFieldsSection({ defs, editing, field }: { defs: CustomFieldDefinition[]; editing: InlineEditing | null; field: (key: string) => { label: string; value: ReactNode } }) {
  const { t } = useTranslation();
  if (!defs.length) return null;
  return (
    <RecordSection title={t('sections.customFields')} testId="section-custom-fields">
      <div className="k-fields">
        {defs.map((d) => {
          const f = field(`customFields.${d.key}`);
          return <InlineField key={d.id} editing={editing} field={`customFields.${d.key}`} label={f.label} value={f.value} testId={`value-cf-${d.key}`} />;
        })}
      </div>
    </RecordSection>
  );
}
