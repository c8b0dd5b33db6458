import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Menu } from '@mantine/core';
import { IconChevronDown, IconCopy, IconPencil, IconPrinter, IconTrash } from '@tabler/icons-react';
import type { RecordAccess } from '@kontor/contract/permissions';

interface Props {
  /** What the user may do with this record (from the API); actions that would be refused are not shown. */
  access: RecordAccess;
  canClone: boolean;
  onEdit: () => void;
  onClone: () => void;
  onDelete: () => void;
  /** Menu items that change the record (shown with edit access). */
  extra?: ReactNode;
  /** Menu items for sharing (the caller decides when they show). */
  sharing?: ReactNode;
}

/** The record page's actions: Edit as the main button, the rest under "More". */
export function RecordActions({ access, canClone, onEdit, onClone, onDelete, extra, sharing }: Props) {
  const { t } = useTranslation();
  return (
    <>
      {access.edit ? (
        <Button variant="default" leftSection={<IconPencil size={16} />} onClick={onEdit} data-testid="record-edit">
          {t('common.edit')}
        </Button>
      ) : null}
      {/* Always offered: "Print" is there for every reader. */}
      <Menu position="bottom-end" withinPortal width={230}>
        <Menu.Target>
          <Button variant="default" rightSection={<IconChevronDown size={14} />} data-testid="record-more">
            {t('common.more')}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          {access.edit ? (
            <Menu.Item leftSection={<IconPencil size={15} />} onClick={onEdit}>
              {t('common.edit')}
            </Menu.Item>
          ) : null}
          {canClone ? (
            <Menu.Item leftSection={<IconCopy size={15} />} onClick={onClone} data-testid="record-clone">
              {t('records.clone')}
            </Menu.Item>
          ) : null}
          {access.edit ? extra : null}
          <Menu.Item leftSection={<IconPrinter size={15} />} onClick={() => window.print()} data-testid="record-print">
            {t('print.record')}
          </Menu.Item>
          {sharing ? (
            <>
              <Menu.Divider />
              {sharing}
            </>
          ) : null}
          {access.delete ? (
            <>
              <Menu.Divider />
              <Menu.Item color="red" leftSection={<IconTrash size={15} />} onClick={onDelete} data-testid="record-delete">
                {t('records.delete')}
              </Menu.Item>
            </>
          ) : null}
        </Menu.Dropdown>
      </Menu>
    </>
  );
}
