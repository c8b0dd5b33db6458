import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Checkbox, Select, Textarea, TextInput } from '@mantine/core';
import type { AccountListItem } from '@kontor/contract/accounts';
import type { ContactListItem } from '@kontor/contract/contacts';
import type { PostalAddress } from '@kontor/contract/addresses';
import { CustomFieldInput } from '../../components/forms/CustomFieldInput';
import { BirthdayInput, OwnerSelect } from '../../components/forms/fields';
import { RecordSearchSelect } from '../../components/forms/RecordSearchSelect';
import type { Draft, InlineSpec } from './inline-values';

interface Props {
  spec: InlineSpec;
  draft: Draft;
  label: string;
  error: string | null;
  /** The user typed: keep the draft (Enter or leaving the field saves it). */
  onDraft: (draft: Draft) => void;
  /** The user chose (an option, a record, a tick): save it now. */
  onPick: (draft: Draft) => void;
}

const addressParts = ['street', 'postalCode', 'city', 'region', 'country'] as const;
const textOf = (d: Draft) => (d.kind === 'text' ? d.value : '');

/** The editor of one field, in place of its value: each input is named by the field's label; its error is linked to it. */
export function InlineEditor({ spec, draft, label, error, onDraft, onPick }: Props) {
  const { t } = useTranslation();
  const testId = `inline-input-${spec.key}`;
  const errorId = useId();
  const err = error ?? undefined;
  const text = (value: string): Draft => ({ kind: 'text', value });
  switch (spec.kind) {
    case 'text':
    case 'number':
    case 'date':
      return (
        <TextInput
          aria-label={label}
          type={spec.kind === 'date' ? 'date' : spec.kind === 'text' ? spec.input : undefined}
          inputMode={spec.kind === 'number' ? 'decimal' : undefined}
          value={textOf(draft)}
          onChange={(e) => onDraft(text(e.currentTarget.value))}
          error={err}
          data-testid={testId}
        />
      );
    case 'textarea':
      return <Textarea aria-label={label} autosize minRows={3} maxRows={12} value={textOf(draft)} onChange={(e) => onDraft(text(e.currentTarget.value))} error={err} data-testid={testId} />;
    case 'birthday':
      return <BirthdayInput label={label} value={textOf(draft)} onChange={(v) => onDraft(text(v))} error={err} testId={testId} />;
    case 'select':
      return (
        <Select
          aria-label={label}
          data={spec.options}
          value={draft.kind === 'choice' ? draft.value : null}
          onChange={(v) => onPick({ kind: 'choice', value: v })}
          clearable={spec.clearable}
          allowDeselect={spec.clearable}
          searchable={spec.options.length > 8}
          nothingFoundMessage={t('common.nothingFound')}
          placeholder={t('common.choose')}
          error={err}
          data-testid={testId}
        />
      );
    case 'owner':
      return <OwnerSelect label={label} value={draft.kind === 'choice' ? draft.value : null} onChange={(v) => onPick({ kind: 'choice', value: v })} error={err} testId={testId} />;
    case 'record': {
      const common = {
        label,
        value: draft.kind === 'record' ? draft.value : null,
        valueLabel: draft.kind === 'record' ? draft.label : null,
        onChange: (id: string | null, name: string | null) => onPick({ kind: 'record', value: id, label: name }),
        error: err,
        testId,
        exclude: spec.exclude,
        params: spec.params,
      };
      return spec.module === 'accounts' ? (
        <RecordSearchSelect<AccountListItem> {...common} module="accounts" itemLabel={(a) => a.name} />
      ) : (
        <RecordSearchSelect<ContactListItem> {...common} module="contacts" itemLabel={(c) => c.fullName} />
      );
    }
    case 'checkbox':
      return <Checkbox aria-label={label} checked={draft.kind === 'flag' && draft.value} onChange={(e) => onPick({ kind: 'flag', value: e.currentTarget.checked })} error={err} data-testid={testId} />;
    case 'address': {
      const a: PostalAddress = draft.kind === 'address' ? draft.value : { street: '', city: '', region: '', postalCode: '', country: '' };
      return (
        <div role="group" aria-label={label} aria-describedby={err ? errorId : undefined} className="k-inline-address" data-testid={testId}>
          {addressParts.map((part) => (
            <TextInput
              key={part}
                  aria-label={`${label}: ${t(`address.${part}`)}`}
              placeholder={t(`address.${part}`)}
              value={a[part]}
              onChange={(e) => onDraft({ kind: 'address', value: { ...a, [part]: e.currentTarget.value } })}
              style={part === 'street' ? { gridColumn: '1 / -1' } : undefined}
              data-testid={`${testId}-${part}`}
            />
          ))}
          {err ? (
            <div id={errorId} className="k-inline-address-error">
              {err}
            </div>
          ) : null}
        </div>
      );
    }
    case 'custom':
      return (
        <CustomFieldInput
          def={spec.def}
          value={draft.kind === 'custom' ? draft.value : null}
          onChange={(v) => (spec.def.type === 'picklist' || spec.def.type === 'checkbox' ? onPick : onDraft)({ kind: 'custom', value: v })}
          error={err}
        />
      );
  }
}
