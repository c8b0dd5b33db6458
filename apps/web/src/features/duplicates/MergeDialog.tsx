import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRouter } from '@tanstack/react-router';
import { useQueries, useQueryClient } from '@tanstack/react-query';
import { ActionIcon, Alert, Button, Group, Modal, Radio, Skeleton, Stack, Text, Tooltip } from '@mantine/core';
import { IconAlertCircle, IconX } from '@tabler/icons-react';
import type { AccountListItem } from '@kontor/contract/accounts';
import type { ContactListItem } from '@kontor/contract/contacts';
import { MERGE_UNDO_DAYS, type DuplicateModule } from '@kontor/contract/duplicates';
import { api, isApiError } from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import { useCustomFields } from '../../lib/reference';
import { ModalActions } from '../../components/ModalActions';
import { RecordSearchSelect } from '../../components/forms/RecordSearchSelect';
import { ErrorState } from '../../components/States';
import { duplicateKeys, mergeRecords, refreshAfterMerge } from './api';
import { defaultChoices, differingKeys, mergeKeys, mergeRequest, newestFirst } from './merge-fields';
import { mergeErrorText, showMergedToast } from './merge-outcome';
import { MergeFieldTable, recordName, type MergeRecord } from './MergeFieldTable';
import './duplicates.css';

/** A merge takes two to five records. */
const MAX_RECORDS = 5;

interface Props {
  module: DuplicateModule;
  /** The records to merge (from a cluster), or the record page's own record to which others are added. */
  ids: string[];
  /** Records may be added by searching (the record page's "Merge…"). */
  canAdd?: boolean;
  onClose: () => void;
}

/**
 * Merging 2-5 records (issue #16): which record survives (the most recently updated by default), then the values that
 * differ, one radio per record's value (the most recently updated non-empty one by default, as the server would
 * choose); contact points and tags are combined. Merging sends the versions shown, so a record changed meanwhile is
 * refused and reloaded; on success the survivor's page opens with an undo toast.
 */
export function MergeDialog({ module, ids: initialIds, canAdd = false, onClose }: Props) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const router = useRouter();
  const [ids, setIds] = useState(initialIds);
  const [chosenSurvivor, setSurvivor] = useState<string | null>(null);
  const [overrides, setOverrides] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const defs = useCustomFields(module);
  const sources = useQueries({
    queries: ids.map((id) => ({ queryKey: duplicateKeys.source(module, id), queryFn: () => api.get<MergeRecord>(`/${module}/${id}`), staleTime: 0 })),
  });
  const failed = sources.find((s) => s.isError);
  const records = sources.flatMap((s) => (s.data ? [s.data] : []));
  const ready = records.length === ids.length && defs.isSuccess;
  const keys = ready ? mergeKeys(module, defs.data) : [];
  const differing = ready ? differingKeys(records, keys) : [];
  const survivorId = chosenSurvivor && ids.includes(chosenSurvivor) ? chosenSurvivor : (newestFirst(records)[0]?.id ?? '');
  const choices = { ...defaultChoices(records, keys, survivorId), ...Object.fromEntries(Object.entries(overrides).filter(([, id]) => ids.includes(id))) };
  const conflict = isApiError(error, 'version_conflict');

  const reload = () => {
    setError(null);
    for (const s of sources) void s.refetch();
  };
  const merge = async () => {
    setBusy(true);
    setError(null);
    try {
      const body = mergeRequest(survivorId, records, choices, keys);
      const done = await mergeRecords(module, body);
      const merge = { survivorId, mergedIds: body.mergedIds, mergeId: done.mergeId };
      const survivorPath = `/${module}/${survivorId}`;
      refreshAfterMerge(qc, module, merge);
      showMergedToast({ t, qc, module, ...merge, survivorPath });
      onClose();
      void router.navigate({ to: survivorPath });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const remove = (id: string) => setIds((list) => list.filter((x) => x !== id));
  const removable = (id: string) => ids.length > (canAdd ? 1 : 2) && !(canAdd && id === initialIds[0]);

  return (
    <Modal opened onClose={onClose} title={t(`duplicates.merge.title.${module}`, { count: ids.length })} centered size={ids.length > 3 ? 1100 : 860} data-testid="merge-dialog">
      <Stack gap="md">
        {failed ? (
          <ErrorState error={failed.error} onRetry={() => void failed.refetch()} />
        ) : !ready ? (
          <Stack gap="xs" aria-busy="true">
            <Skeleton h={56} />
            <Skeleton h={160} />
          </Stack>
        ) : (
          <>
            <Radio.Group label={t('duplicates.merge.survivor')} description={t('duplicates.merge.survivorHint')} value={survivorId} onChange={setSurvivor} data-testid="merge-survivor">
              <Stack gap={6} mt={8}>
                {records.map((r) => (
                  <Group key={r.id} gap={6} wrap="nowrap" justify="space-between">
                    <Radio
                      value={r.id}
                      data-testid="merge-survivor-option"
                      data-record={r.id}
                      label={<Text span size="sm" fw={600} className="k-dup-wrap">{recordName(r)}</Text>}
                      description={[r.primaryEmail, r.primaryPhone, t('duplicates.merge.updated', { at: formatDateTime(r.updatedAt) })].filter(Boolean).join(' · ')}
                    />
                    {removable(r.id) ? (
                      <Tooltip label={t('duplicates.merge.remove')}>
                        <ActionIcon variant="subtle" color="gray" onClick={() => remove(r.id)} aria-label={t('duplicates.merge.removeNamed', { name: recordName(r) })} data-testid="merge-remove">
                          <IconX size={14} />
                        </ActionIcon>
                      </Tooltip>
                    ) : null}
                  </Group>
                ))}
              </Stack>
            </Radio.Group>
            {canAdd && ids.length < MAX_RECORDS ? <AddRecord module={module} exclude={ids} onAdd={(id) => setIds((list) => [...list, id])} /> : null}
            {ids.length >= 2 ? (
              <>
                <MergeFieldTable
                  module={module}
                  records={records}
                  keys={differing}
                  defs={defs.data}
                  survivorId={survivorId}
                  choices={choices}
                  onChoose={(key, id) => setOverrides((o) => ({ ...o, [key]: id }))}
                />
                <Text size="xs" c="dimmed">
                  {t(`duplicates.merge.moves.${module}`, { days: MERGE_UNDO_DAYS })}
                </Text>
              </>
            ) : (
              <Text size="sm" c="dimmed">
                {t('duplicates.merge.pickMore')}
              </Text>
            )}
          </>
        )}
        {error ? (
          <Alert color="red" icon={<IconAlertCircle size={18} />} role="alert" data-testid="merge-error">
            <Stack gap={6} align="flex-start">
              {mergeErrorText(t, error).map((line) => (
                <span key={line}>{line}</span>
              ))}
              {conflict ? (
                <Button size="xs" variant="white" color="red" onClick={reload} data-testid="merge-reload">
                  {t('duplicates.merge.reload')}
                </Button>
              ) : null}
            </Stack>
          </Alert>
        ) : null}
        <ModalActions
          gap="xs"
          onCancel={onClose}
          label={t(`duplicates.merge.confirm.${module}`, { count: ids.length })}
          onConfirm={() => void merge()}
          busy={busy}
          disabled={!ready || ids.length < 2 || conflict}
          testId="merge-confirm"
        />
      </Stack>
    </Modal>
  );
}

/** The record page's merge: another record of the module, found by the lists' search. */
function AddRecord({ module, exclude, onAdd }: { module: DuplicateModule; exclude: string[]; onAdd: (id: string) => void }) {
  const { t } = useTranslation();
  const common = { label: t('duplicates.merge.add'), value: null, valueLabel: null, exclude, testId: 'merge-add', onChange: (id: string | null) => id && onAdd(id) };
  return module === 'contacts' ? (
    <RecordSearchSelect<ContactListItem> {...common} module="contacts" itemLabel={(c) => c.fullName} />
  ) : (
    <RecordSearchSelect<AccountListItem> {...common} module="accounts" itemLabel={(a) => a.name} />
  );
}
