import { useRef, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Center, CloseButton, Group, Progress, Skeleton, Stack, Text } from '@mantine/core';
import { IconCloudUpload, IconUpload } from '@tabler/icons-react';
import type { ItemModule } from '@kontor/contract/notes';
import { isApiError } from '../../lib/api';
import { errorMessage } from '../../lib/errors';
import { ErrorState } from '../../components/States';
import { LoadMore } from '../notes/ItemActions';
import { TableSection } from '../records/RecordSection';
import { refreshAttachments, uploadAttachment, useAttachments } from './api';
import { AttachmentRow } from './AttachmentRow';
import { formatBytes } from './file-kinds';
import './attachments.css';

interface Props {
  module: ItemModule;
  id: string;
  /** May the user attach files (edit access to the record)? Deleting follows each file's own `access`. */
  canWrite: boolean;
}

/** A file on its way up: its progress, then either gone (listed) or its error. */
interface Upload {
  key: number;
  name: string;
  progress: number;
  error: string | null;
}

function uploadError(t: TFunction, file: File, e: unknown): string {
  if (isApiError(e, 'payload_too_large')) {
    const max = Number(e.details.maxBytes);
    return Number.isFinite(max) && max > 0 ? t('attachments.tooLarge', { name: file.name, max: formatBytes(max) }) : t('attachments.tooLargeUnknown', { name: file.name });
  }
  return t('attachments.failed', { name: file.name, reason: errorMessage(t, e) });
}

/** "Files" on a record's page: upload (button or drag and drop) with progress, then the files, newest first. */
export function AttachmentsSection({ module, id, canWrite }: Props) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const files = useAttachments(module, id);
  const input = useRef<HTMLInputElement>(null);
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [dragging, setDragging] = useState(false);
  const rows = files.data?.pages.flatMap((p) => p.data) ?? [];
  const seq = useRef(0);

  const patch = (key: number, change: Partial<Upload>) => setUploads((list) => list.map((u) => (u.key === key ? { ...u, ...change } : u)));
  const start = async (picked: File[]) => {
    for (const file of picked) {
      seq.current += 1;
      const key = seq.current;
      setUploads((list) => [...list, { key, name: file.name, progress: 0, error: null }]);
      try {
        await uploadAttachment(qc, module, id, file, (progress) => patch(key, { progress }));
        setUploads((list) => list.filter((u) => u.key !== key));
        refreshAttachments(qc, module, id);
      } catch (e) {
        patch(key, { error: uploadError(t, file, e) });
      }
    }
  };
  const drop = {
    onDragOver: (e: DragEvent) => {
      if (!canWrite || !e.dataTransfer.types.includes('Files')) return;
      e.preventDefault();
      setDragging(true);
    },
    onDragLeave: (e: DragEvent) => {
      if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDragging(false);
    },
    onDrop: (e: DragEvent) => {
      if (!canWrite) return;
      e.preventDefault();
      setDragging(false);
      void start(Array.from(e.dataTransfer.files));
    },
  };

  return (
    <TableSection
      title={t('attachments.title')}
      count={files.isPending || files.hasNextPage ? undefined : rows.length}
      testId="section-attachments"
      actions={
        canWrite ? (
          <>
            <input
              ref={input}
              type="file"
              multiple
              hidden
              onChange={(e) => {
                const picked = Array.from(e.currentTarget.files ?? []);
                e.currentTarget.value = '';
                void start(picked);
              }}
              data-testid="attachment-upload"
            />
            <Button size="xs" leftSection={<IconUpload size={14} />} onClick={() => input.current?.click()} data-testid="attachment-upload-button">
              {t('attachments.upload')}
            </Button>
          </>
        ) : null
      }
    >
      <div {...drop} style={{ position: 'relative' }} data-testid="attachment-dropzone">
        {dragging ? (
          <Center className="k-dropzone-active" data-testid="attachment-drop-hint">
            <Group gap="xs">
              <IconCloudUpload size={20} />
              <Text size="sm" fw={500}>
                {t('attachments.dropHere')}
              </Text>
            </Group>
          </Center>
        ) : null}
        {uploads.length ? (
          <Stack gap={6} px="md" pt="sm" data-testid="attachment-uploads">
            {uploads.map((u) =>
              u.error ? (
                <Alert key={u.key} color="red" variant="light" p="xs" data-testid="attachment-upload-error">
                  <Group justify="space-between" wrap="nowrap" gap="xs">
                    <Text size="sm">{u.error}</Text>
                    <CloseButton size="sm" onClick={() => setUploads((list) => list.filter((x) => x.key !== u.key))} aria-label={t('common.close')} />
                  </Group>
                </Alert>
              ) : (
                <div key={u.key} data-testid="attachment-upload-progress">
                  <Text size="xs" c="dimmed" truncate>
                    {t('attachments.uploading', { name: u.name, percent: Math.round(u.progress * 100) })}
                  </Text>
                  <Progress value={u.progress * 100} size="sm" animated={u.progress >= 1} />
                </div>
              ),
            )}
          </Stack>
        ) : null}
        {files.isError ? (
          <div style={{ padding: '0 var(--mantine-spacing-md)' }}>
            <ErrorState error={files.error} onRetry={() => void files.refetch()} />
          </div>
        ) : files.isPending ? (
          <Stack gap="xs" p="md" aria-busy="true">
            <Skeleton h={14} w="50%" />
            <Skeleton h={14} w="35%" />
          </Stack>
        ) : rows.length === 0 ? (
          <Text size="sm" c="dimmed" ta="center" px="md" py="lg" data-testid="attachments-empty">
            {canWrite ? t('attachments.emptyWrite') : t('attachments.empty')}
          </Text>
        ) : (
          <div className="k-attachments" data-testid="attachments-list">
            {rows.map((f) => (
              <AttachmentRow key={f.id} file={f} onDeleted={() => refreshAttachments(qc, module, id)} />
            ))}
          </div>
        )}
        <LoadMore list={files} />
      </div>
    </TableSection>
  );
}
