import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, List, Modal, Stack, Text } from '@mantine/core';
import { IconArrowBackUp } from '@tabler/icons-react';
import { MERGE_UNDO_DAYS, type DuplicateModule } from '@kontor/contract/duplicates';
import type { TimelineEvent } from '@kontor/contract/timeline';
import { errorMessage } from '../../lib/errors';
import { ModalActions } from '../../components/ModalActions';
import { useMergeInfo } from './api';
import { blockerText, tryUndoMerge, undoBlockers } from './merge-outcome';
import { mergeDetails } from './merge-details';

const DAY_MS = 86_400_000;

const isDuplicateModule = (m: string): m is DuplicateModule => m === 'contacts' || m === 'accounts';

/**
 * "Undo merge" under a `merged` event of a record's timeline, while the merge can be undone (GET /merges/{id}: not
 * undone, within 30 days; older events do not ask). It asks first; a refused undo lists what stands in its way.
 */
export function MergeUndoAction({ event: e }: { event: TimelineEvent }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const details = mergeDetails(e);
  // the time the event was first shown: enough to tell a recent merge from an old one
  const [now] = useState(() => Date.now());
  const recent = now - Date.parse(e.at) < MERGE_UNDO_DAYS * DAY_MS;
  const info = useMergeInfo(details?.mergeId ?? '', Boolean(details) && recent && isDuplicateModule(e.module));
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [refused, setRefused] = useState<unknown>(null);
  const undoable = info.data && info.data.undoneAt === null && Date.parse(info.data.undoableUntil) > now;
  if (!details || !isDuplicateModule(e.module) || !undoable) return null;
  const module = e.module;
  const names = details.mergedNames.join(', ');
  const blockers = undoBlockers(refused);

  const undo = async () => {
    setBusy(true);
    const outcome = await tryUndoMerge({ t, qc, module, mergeId: details.mergeId, survivorId: e.recordId, mergedIds: details.mergedIds });
    setBusy(false);
    if (outcome.ok) setAsking(false);
    else setRefused(outcome.error);
  };
  const close = () => {
    setAsking(false);
    setRefused(null);
  };

  return (
    <>
      <div>
        <Button size="compact-xs" variant="light" leftSection={<IconArrowBackUp size={14} />} onClick={() => setAsking(true)} data-testid="timeline-undo-merge">
          {t('duplicates.undo.timelineButton')}
        </Button>
      </div>
      {asking ? (
        <Modal opened onClose={close} title={t('duplicates.undo.title')} centered size="md" data-testid="undo-merge-dialog">
          <Stack gap="md">
            <Text size="sm" className="k-dup-wrap">
              {t('duplicates.undo.text', { count: details.mergedIds.length, names })}
            </Text>
            {refused ? (
              <Alert color="red" role="alert" data-testid="undo-merge-refused">
                <Stack gap={6}>
                  <span>{errorMessage(t, refused)}</span>
                  {blockers.length ? (
                    <List size="sm" data-testid="undo-merge-blockers">
                      {blockers.map((b) => (
                        <List.Item key={`${b.code}-${b.module}-${b.id}`}>{blockerText(t, b)}</List.Item>
                      ))}
                    </List>
                  ) : null}
                </Stack>
              </Alert>
            ) : null}
            <ModalActions gap="xs" onCancel={close} label={t('duplicates.undo.timelineButton')} onConfirm={() => void undo()} busy={busy} disabled={Boolean(refused)} testId="undo-merge-confirm" />
          </Stack>
        </Modal>
      ) : null}
    </>
  );
}
