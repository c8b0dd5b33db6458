import { useTranslation } from 'react-i18next';
import { Anchor, Group, Text } from '@mantine/core';
import type { Attachment } from '@kontor/contract/attachments';
import { formatDateTime } from '../../lib/format';
import { DeleteItemButton } from '../notes/ItemActions';
import { deleteAttachment, downloadUrl } from './api';
import { fileIcons, fileKind, formatBytes } from './file-kinds';

/** One file: its kind, name (the download), size, who uploaded it and when; delete (confirmed) when allowed. */
export function AttachmentRow({ file, onDeleted }: { file: Attachment; onDeleted: () => void }) {
  const { t } = useTranslation();
  const Icon = fileIcons[fileKind(file.mime, file.name)];
  const remove = async () => {
    await deleteAttachment(file);
    onDeleted();
  };
  return (
    <Group wrap="nowrap" gap="sm" px="md" py={8} className="k-attachment" data-testid="attachment-item" data-attachment-id={file.id}>
      <Icon size={22} stroke={1.5} color="var(--mantine-color-gray-6)" style={{ flex: 'none' }} />
      <div style={{ flex: 1, minWidth: 0 }}>
        <Anchor href={downloadUrl(file)} size="sm" fw={500} style={{ display: 'block', overflowWrap: 'anywhere' }} data-testid="attachment-download">
          {file.name}
        </Anchor>
        <Text size="xs" c="dimmed">
          {[formatBytes(file.size), file.createdBy?.name, formatDateTime(file.createdAt)].filter(Boolean).join(' · ')}
        </Text>
      </div>
      {file.access.delete ? (
        <DeleteItemButton label={t('attachments.deleteLabel', { name: file.name })} title={t('attachments.deleteTitle')} text={t('attachments.deleteText', { name: file.name })} testId="attachment-delete" onDelete={remove} />
      ) : null}
    </Group>
  );
}
