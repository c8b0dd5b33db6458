import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Menu } from '@mantine/core';
import { IconChevronDown, IconCopy, IconPencil, IconTrash } from '@tabler/icons-react';

interface Props {
  onEdit: () => void;
  onClone: () => void;
  onDelete: () => void;
  extra?: ReactNode;
}

/** The record page's actions: Edit as the main button, the rest under "More". */
export function RecordActions({ onEdit, onClone, onDelete, extra }: Props) {
  const { t } = useTranslation();
  return (
    <>
      <Button variant="default" leftSection={<IconPencil size={16} />} onClick={onEdit} data-testid="record-edit">
        {t('common.edit')}
      </Button>
      <Menu position="bottom-end" withinPortal width={230}>
        <Menu.Target>
          <Button variant="default" rightSection={<IconChevronDown size={14} />} data-testid="record-more">
            {t('common.more')}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item leftSection={<IconPencil size={15} />} onClick={onEdit}>
            {t('common.edit')}
          </Menu.Item>
          <Menu.Item leftSection={<IconCopy size={15} />} onClick={onClone} data-testid="record-clone">
            {t('records.clone')}
          </Menu.Item>
          {extra}
          <Menu.Divider />
          <Menu.Item color="red" leftSection={<IconTrash size={15} />} onClick={onDelete} data-testid="record-delete">
            {t('records.delete')}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
    </>
  );
}
