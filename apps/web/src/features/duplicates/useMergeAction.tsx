import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Menu } from '@mantine/core';
import { IconArrowMerge } from '@tabler/icons-react';
import type { DuplicateModule } from '@kontor/contract/duplicates';
import type { RecordAccess } from '@kontor/contract/permissions';
import { useMyRights } from '../auth/permissions';
import { LazyMergeDialog } from './lazy';

/**
 * "Merge…" in a record page's More menu (issue #16): the merge dialog with this record, to which the user adds the
 * others by search. Offered with edit access on the record and the module's delete right (the merged ones are deleted
 * into the survivor); the server checks each record.
 */
export function useMergeAction(module: DuplicateModule, record: { id: string; access: RecordAccess }) {
  const { t } = useTranslation();
  const rights = useMyRights();
  const [open, setOpen] = useState(false);
  const allowed = record.access.edit && rights.can(module, 'delete');
  return {
    item: allowed ? (
      <Menu.Item leftSection={<IconArrowMerge size={15} />} onClick={() => setOpen(true)} data-testid="record-merge">
        {t('duplicates.merge.menu')}
      </Menu.Item>
    ) : null,
    dialog: open ? (
      <LazyMergeDialog module={module} ids={[record.id]} canAdd onClose={() => setOpen(false)} />
    ) : null,
  };
}
