import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionIcon, Button, Center, Tooltip } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { notifyError } from '../../lib/errors';
import { useBusy } from '../../lib/useBusy';
import { ConfirmModal } from '../settings/ConfirmModal';

/** A small icon button with its tooltip (edit a note, delete a file). */
export function ItemIconButton({ label, onClick, testId, children }: { label: string; onClick: () => void; testId: string; children: ReactNode }) {
  return (
    <Tooltip label={label}>
      <ActionIcon variant="subtle" color="gray" size="sm" onClick={onClick} aria-label={label} data-testid={testId}>
        {children}
      </ActionIcon>
    </Tooltip>
  );
}

/** Delete a note or a file: the trash button, then a confirmation; a failure is announced and the dialog stays. */
export function DeleteItemButton({ label, title, text, testId, onDelete }: { label: string; title: string; text: string; testId: string; onDelete: () => Promise<void> }) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const { busy, run } = useBusy();
  const confirm = () =>
    void run(
      async () => {
        await onDelete();
        setConfirming(false);
      },
      (e) => notifyError(t, e),
    );
  return (
    <>
      <ItemIconButton label={label} onClick={() => setConfirming(true)} testId={testId}>
        <IconTrash size={15} />
      </ItemIconButton>
      {confirming ? <ConfirmModal title={title} text={text} confirmLabel={t('common.delete')} onConfirm={confirm} onClose={() => setConfirming(false)} busy={busy} /> : null}
    </>
  );
}

/** "Load more" under a paged list of notes or files, while there is more. */
export function LoadMore({ list }: { list: { hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage: () => Promise<unknown> } }) {
  const { t } = useTranslation();
  return list.hasNextPage ? (
    <Center pt="xs" pb="xs">
      <Button size="xs" variant="subtle" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
        {t('list.loadMore')}
      </Button>
    </Center>
  ) : null;
}
