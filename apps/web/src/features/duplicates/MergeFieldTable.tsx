import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { Radio, Text } from '@mantine/core';
import type { Account } from '@kontor/contract/accounts';
import type { Contact } from '@kontor/contract/contacts';
import type { CustomFieldDefinition } from '@kontor/contract/custom-fields';
import type { DuplicateModule } from '@kontor/contract/duplicates';
import { accountField, contactField } from '../records/field-values';
import { acceptableValue, customFieldKey, isEmptyValue, valueOf } from './merge-fields';

export type MergeRecord = Contact | Account;

/** A field's label and value as the record pages and forms show them. */
function shown(t: TFunction, module: DuplicateModule, key: string, r: MergeRecord, defs: CustomFieldDefinition[]): { label: string; value: ReactNode } {
  if (module === 'contacts') return contactField(t, key, r as Contact, defs);
  // an account's name is its page's title, not one of its fields (AccountPage names it the same way)
  return key === 'name' ? { label: t('fields.name'), value: (r as Account).name } : accountField(t, key, r as Account, defs);
}

/** Custom field types the record pages show as links. */
const linkTypes = new Set(['url', 'email', 'phone']);

/** A value as a choice's label: as the pages show it, but never a link (a click on the label chooses, it must not leave). */
function choiceLabel(t: TFunction, module: DuplicateModule, key: string, r: MergeRecord, defs: CustomFieldDefinition[]): ReactNode {
  if (key === 'accountId' && 'accountName' in r) return r.accountName;
  if (key === 'parentAccountId' && 'parentAccountName' in r) return r.parentAccountName;
  const def = key.startsWith('customFields.') ? defs.find((d) => customFieldKey(d.key) === key) : undefined;
  if (def && linkTypes.has(def.type)) return String(valueOf(r, key));
  return shown(t, module, key, r, defs).value;
}

export const recordName = (r: MergeRecord): string => ('fullName' in r ? r.fullName : r.name);

interface Props {
  module: DuplicateModule;
  records: MergeRecord[];
  /** The fields whose values differ. */
  keys: string[];
  defs: CustomFieldDefinition[];
  survivorId: string;
  choices: Record<string, string>;
  onChoose: (key: string, recordId: string) => void;
}

/**
 * The values that differ, one row per field and one column per record: a radio on each record's value chooses the one
 * that survives. Contact points and tags are not chosen: they are combined (one primary per kind remains).
 */
export function MergeFieldTable({ module, records, keys, defs, survivorId, choices, onChoose }: Props) {
  const { t } = useTranslation();
  const tags = [...new Set(records.flatMap((r) => r.tags))];
  const points = combinedPoints(records);
  return (
    <div style={{ overflowX: 'auto' }}>
      <table className="k-merge-table" data-testid="merge-fields">
        <caption className="k-visually-hidden">{t('duplicates.merge.tableCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('duplicates.merge.field')}</th>
            {records.map((r) => (
              <th key={r.id} scope="col">
                <Text span size="xs" fw={650} className="k-dup-wrap">
                  {recordName(r)}
                </Text>
                {r.id === survivorId ? <Text span size="xs" c="teal.8">{` · ${t('duplicates.merge.kept')}`}</Text> : null}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {keys.map((key) => {
            const label = shown(t, module, key, records[0] ?? ({} as MergeRecord), defs).label;
            return (
              <tr key={key} data-testid="merge-field" data-field={key}>
                <th scope="row">{label}</th>
                {records.map((r) => {
                  const empty = isEmptyValue(valueOf(r, key));
                  const value = choiceLabel(t, module, key, r, defs);
                  return (
                    <td key={r.id}>
                      <Radio
                        name={`merge-${key}`}
                        value={r.id}
                        checked={choices[key] === r.id}
                        disabled={!acceptableValue(records, r, key)}
                        onChange={() => onChoose(key, r.id)}
                        label={empty ? <Text span size="sm" c="dimmed" fs="italic">{t('duplicates.merge.empty')}</Text> : <span className="k-dup-wrap">{value}</span>}
                        data-testid="merge-choice"
                        data-record={r.id}
                      />
                    </td>
                  );
                })}
              </tr>
            );
          })}
          {keys.length === 0 ? (
            <tr>
              <td colSpan={records.length + 1}>
                <Text size="sm" c="dimmed">
                  {t('duplicates.merge.allAgree')}
                </Text>
              </td>
            </tr>
          ) : null}
          <tr data-testid="merge-combined-points">
            <th scope="row">{t('sections.contactPoints')}</th>
            <td colSpan={records.length}>
              <Text size="sm" className="k-dup-wrap">
                {points.length ? t('duplicates.merge.pointsCombined', { points: points.join(' · ') }) : t('duplicates.merge.none')}
              </Text>
            </td>
          </tr>
          <tr data-testid="merge-combined-tags">
            <th scope="row">{t('fields.tags')}</th>
            <td colSpan={records.length}>
              <Text size="sm" className="k-dup-wrap">
                {tags.length ? t('duplicates.merge.tagsCombined', { tags: tags.join(', ') }) : t('duplicates.merge.none')}
              </Text>
            </td>
          </tr>
        </tbody>
      </table>
    </div>
  );
}

/**
 * The contact points the survivor will have, each once, as the server unions them (features/duplicates/merge/
 * merge-values.ts `pointKey`): e-mails ignoring case, phones by their digits, web addresses without a trailing slash,
 * addresses by every part.
 */
function combinedPoints(records: MergeRecord[]): string[] {
  const seen = new Map<string, string>();
  const add = (key: string, shown: string) => {
    if (!seen.has(key)) seen.set(key, shown);
  };
  for (const r of records) {
    for (const p of r.emails) add(`e:${p.value.trim().toLowerCase()}`, p.value);
    for (const p of r.phones) add(`p:${p.value.replace(/[^0-9]/g, '')}`, p.value);
    for (const p of r.websites) add(`w:${p.value.trim().toLowerCase().replace(/\/+$/, '')}`, p.value);
    for (const a of r.addresses) {
      const parts = [a.street, a.postalCode, a.city, a.region, a.country].map((x) => (x ?? '').trim());
      add(`a:${parts.join('\u001f').toLowerCase()}`, parts.filter(Boolean).join(', '));
    }
  }
  return [...seen.values()];
}
