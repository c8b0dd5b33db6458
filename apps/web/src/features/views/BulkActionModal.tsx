import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Checkbox, Group, Modal, Select, Stack, TagsInput, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { Module } from '@kontor/contract/custom-fields';
import type { BulkAction, BulkRequest, FilterField, FilterValue, Job, Selection } from '@kontor/contract/views';
import { contactTypeLabel, useContactTypes, useTags } from '../../lib/reference';
import { useAssignableOwners } from '../auth/permissions';
import { useRefreshModule, useStartBulk } from './api';
import { describeError } from './errors';
import { JobProgress } from './JobProgress';
import { countText, fieldLabel } from './labels';
import { valueComplete, ValueInput } from './ValueInput';
import { useCloseAfterPick } from './dropdown';

/** Fields a mass "update field" offers: plain values, not names, stamps, owner (transfer), contact type or tags (their own actions). */
const notUpdatable = new Set(['name', 'firstName', 'lastName', 'fullName', 'createdAt', 'updatedAt', 'createdBy', 'updatedBy', 'closedAt', 'convertedAt', 'doneAt', 'ownerId', 'contactType', 'tags', 'status', 'stageId', 'pipelineId']);
const updatableTypes = new Set<FilterField['type']>(['text', 'number', 'date', 'datetime', 'boolean', 'picklist', 'multiselect']);
export const updatableFields = (fields: FilterField[]) => fields.filter((f) => updatableTypes.has(f.type) && (f.custom || !notUpdatable.has(f.key)));

interface Props {
  module: Module;
  action: BulkAction;
  selection: Selection;
  /** How many records the selection takes (as far as the list knows). */
  count: number;
  /** The count is a lower bound or an estimate. */
  approximate: boolean;
  fields: FilterField[];
  onClose: () => void;
  /** The job ended (done, failed or cancelled). */
  onFinished: (job: Job) => void;
}

/** One mass action: its form, a confirmation that names how many records, then the job's progress and report. */
export function BulkActionModal({ module, action, selection, count, approximate, fields, onClose, onFinished }: Props) {
  const { t, i18n } = useTranslation();
  const start = useStartBulk(module);
  const refresh = useRefreshModule(module);
  const owners = useAssignableOwners();
  const tags = useTags();
  const types = useContactTypes();
  const [job, setJob] = useState<Job | null>(null);
  const tagsDropdown = useCloseAfterPick();
  const [ownerId, setOwnerId] = useState<string | null>(null);
  const [tagList, setTagList] = useState<string[]>([]);
  const [typeId, setTypeId] = useState<string | null>(null);
  const [fieldKey, setFieldKey] = useState<string | null>(null);
  const [value, setValue] = useState<FilterValue | undefined>(undefined);
  const [clearValue, setClearValue] = useState(false);
  const updatable = updatableFields(fields);
  const field = updatable.find((f) => f.key === fieldKey) ?? null;
  const what = countText(t, module, count, approximate);

  let body: BulkRequest | null = null;
  switch (action) {
    case 'delete':
      body = { action, selection };
      break;
    case 'transferOwner':
      body = ownerId ? { action, selection, ownerId } : null;
      break;
    case 'addTags':
    case 'removeTags':
      body = tagList.length ? { action, selection, tags: tagList } : null;
      break;
    case 'setContactType':
      body = typeId !== null ? { action, selection, contactTypeId: typeId === 'none' ? null : typeId } : null;
      break;
    case 'updateField': {
      const op = field?.type === 'multiselect' ? 'anyOf' : 'is';
      body = field && (clearValue || valueComplete(field, op, value)) ? { action, selection, field: field.key, value: clearValue ? null : (value ?? null) } : null;
      break;
    }
  }

  const run = () => {
    if (!body) return;
    start.mutate(body, {
      onSuccess: (j) => {
        setJob(j);
        void refresh();
      },
    });
  };

  const title = t(`views.bulk.titles.${action}`);
  return (
    <Modal opened onClose={onClose} title={title} centered size="md" closeOnClickOutside={job === null} data-testid="bulk-modal">
      {job ? (
        <Stack gap="md">
          <JobProgress
            job={job}
            onFinished={(j) => {
              void refresh();
              onFinished(j);
            }}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} data-testid="bulk-close">
              {t('common.close')}
            </Button>
          </Group>
        </Stack>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            run();
          }}
        >
          <Stack gap="md">
            {action === 'transferOwner' ? (
              <Select
                label={t('views.bulk.newOwner')}
                data={owners.users.filter((u) => u.active).map((u) => ({ value: u.id, label: u.name }))}
                value={ownerId}
                onChange={setOwnerId}
                searchable
                nothingFoundMessage={t('common.nothingFound')}
                data-autofocus
                data-testid="bulk-owner"
              />
            ) : null}
            {action === 'addTags' || action === 'removeTags' ? (
              <TagsInput
                {...tagsDropdown.props}
                label={t(action === 'addTags' ? 'views.bulk.tagsToAdd' : 'views.bulk.tagsToRemove')}
                data={(tags.data ?? []).map((tg) => tg.name)}
                value={tagList}
                onChange={(v) => {
                  tagsDropdown.picked();
                  setTagList(v.map((x) => x.trim()).filter(Boolean).slice(0, 20));
                }}
                maxTags={20}
                clearable
                data-autofocus
                data-testid="bulk-tags"
              />
            ) : null}
            {action === 'setContactType' ? (
              <Select
                label={t('fields.contactType')}
                data={[{ value: 'none', label: t('views.bulk.noContactType') }, ...(types.data ?? []).map((c) => ({ value: c.id, label: contactTypeLabel(t, c.name) }))]}
                value={typeId}
                onChange={setTypeId}
                data-autofocus
                data-testid="bulk-contact-type"
              />
            ) : null}
            {action === 'updateField' ? (
              <>
                <Select
                  label={t('views.bulk.field')}
                  data={updatable.map((f) => ({ value: f.key, label: fieldLabel(t, i18n, module, f) })).sort((a, b) => a.label.localeCompare(b.label))}
                  value={fieldKey}
                  onChange={(k) => {
                    setFieldKey(k);
                    setValue(undefined);
                    setClearValue(false);
                  }}
                  searchable
                  nothingFoundMessage={t('common.nothingFound')}
                  data-autofocus
                  data-testid="bulk-field"
                />
                {field ? (
                  <>
                    {!clearValue ? (
                      <ValueInput module={module} field={field} op={field.type === 'multiselect' ? 'anyOf' : 'is'} value={value} onChange={setValue} known={new Map()} label={t('views.bulk.newValue')} portal />
                    ) : null}
                    <Checkbox label={t('views.bulk.clearValue')} checked={clearValue} onChange={(e) => setClearValue(e.currentTarget.checked)} data-testid="bulk-clear-value" />
                  </>
                ) : null}
              </>
            ) : null}
            <Alert color={action === 'delete' ? 'red' : 'blue'} variant="light" icon={action === 'delete' ? <IconAlertTriangle size={16} /> : undefined} data-testid="bulk-confirm-text">
              <Text size="sm">{t(`views.bulk.confirm.${action}`, { what })}</Text>
              {action === 'delete' && module === 'accounts' ? (
                <Text size="sm" mt={4}>
                  {t('views.bulk.accountsContacts')}
                </Text>
              ) : null}
              <Text size="xs" c="dimmed" mt={4}>
                {t('views.bulk.skipsNote')}
              </Text>
            </Alert>
            {start.isError ? (
              <Alert color="red" role="alert" data-testid="bulk-error">
                {describeError(t, start.error)}
              </Alert>
            ) : null}
            <Group justify="flex-end" gap="xs">
              <Button variant="default" onClick={onClose}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" color={action === 'delete' ? 'red' : undefined} disabled={!body} loading={start.isPending} data-testid="bulk-run">
                {t(`views.bulk.run.${action}`, { what })}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
