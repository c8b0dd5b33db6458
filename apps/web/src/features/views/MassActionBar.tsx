import { useTranslation } from 'react-i18next';
import { Anchor, Button, CloseButton, Group, Menu, Text, Tooltip } from '@mantine/core';
import { IconChevronDown, IconDownload, IconEdit, IconTag, IconTagOff, IconTrash, IconUserShare, IconAddressBook } from '@tabler/icons-react';
import type { Module } from '@kontor/contract/custom-fields';
import type { BulkAction } from '@kontor/contract/views';
import { formatNumber } from '../../lib/format';
import { useMyRights } from '../auth/permissions';
import { countText } from './labels';

interface Props {
  module: Module;
  /** How many records are selected (the whole result when `allMatching`). */
  count: number;
  approximate: boolean;
  allMatching: boolean;
  /** Offer "select all N matching": every loaded row is picked and the result has more. */
  canSelectAll: boolean;
  /** The number "select all" would take (null: not counted yet). */
  matchingCount: number | null;
  matchingApproximate: boolean;
  /** Why "select all matching" is not possible (a quick filter a selection cannot say), if it is not. */
  selectAllBlocked: string | null;
  onSelectAll: () => void;
  onClear: () => void;
  onAction: (action: BulkAction) => void;
  onExport: () => void;
  /** The count of "all that match" is still loading: the actions wait, as their confirmation names it. */
  counting?: boolean;
}

/** Shown instead of the table's tool row while rows are selected: count, "select all N matching", the mass actions. */
export function MassActionBar({ module, count, approximate, allMatching, canSelectAll, matchingCount, matchingApproximate, selectAllBlocked, onSelectAll, onClear, onAction, onExport, counting = false }: Props) {
  const { t } = useTranslation();
  const rights = useMyRights();
  const canEdit = rights.can(module, 'edit');
  const canDelete = rights.can(module, 'delete');
  const canExport = rights.can(module, 'export');
  const hasContactType = module === 'accounts' || module === 'contacts';
  const selected = countText(t, module, count, approximate);

  return (
    <Group className="k-mass-bar" justify="space-between" gap="xs" wrap="wrap" role="toolbar" aria-label={t('views.mass.label')} data-testid="mass-action-bar">
      <Group gap="xs" wrap="wrap">
        <CloseButton size="sm" onClick={onClear} aria-label={t('views.mass.clear')} data-testid="mass-action-clear" />
        <Text size="sm" fw={600} data-testid="selected-count">
          {allMatching ? t('views.mass.allSelected', { what: selected }) : t('views.mass.selected', { what: selected })}
        </Text>
        {canSelectAll && !allMatching ? (
          selectAllBlocked ? (
            <Tooltip label={selectAllBlocked} withinPortal multiline w={280}>
              <Text size="sm" c="dimmed" data-testid="select-all-blocked">
                {t('views.mass.selectAllUnavailable')}
              </Text>
            </Tooltip>
          ) : (
            <Anchor component="button" type="button" size="sm" onClick={onSelectAll} data-testid="select-all-matching">
              {matchingCount === null
                ? t('views.mass.selectAllUncounted')
                : t('views.mass.selectAll', { what: countText(t, module, matchingCount, matchingApproximate), formatted: formatNumber(matchingCount) })}
            </Anchor>
          )
        ) : null}
        {allMatching ? (
          <Anchor component="button" type="button" size="sm" onClick={onClear} data-testid="select-none">
            {t('views.mass.clear')}
          </Anchor>
        ) : null}
      </Group>
      <Group gap={6} wrap="wrap">
        {canEdit ? (
          <Button size="compact-sm" variant="default" disabled={counting} leftSection={<IconUserShare size={15} />} onClick={() => onAction('transferOwner')} data-testid="mass-action-transferOwner">
            {t('views.mass.transferOwner')}
          </Button>
        ) : null}
        {canEdit ? (
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <Button size="compact-sm" variant="default" disabled={counting} rightSection={<IconChevronDown size={14} />} leftSection={<IconEdit size={15} />} data-testid="mass-action-more">
                {t('views.mass.change')}
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Item leftSection={<IconEdit size={15} />} onClick={() => onAction('updateField')} data-testid="mass-action-updateField">
                {t('views.mass.updateField')}
              </Menu.Item>
              <Menu.Item leftSection={<IconTag size={15} />} onClick={() => onAction('addTags')} data-testid="mass-action-addTags">
                {t('views.mass.addTags')}
              </Menu.Item>
              <Menu.Item leftSection={<IconTagOff size={15} />} onClick={() => onAction('removeTags')} data-testid="mass-action-removeTags">
                {t('views.mass.removeTags')}
              </Menu.Item>
              {hasContactType ? (
                <Menu.Item leftSection={<IconAddressBook size={15} />} onClick={() => onAction('setContactType')} data-testid="mass-action-setContactType">
                  {t('views.mass.setContactType')}
                </Menu.Item>
              ) : null}
            </Menu.Dropdown>
          </Menu>
        ) : null}
        {canExport ? (
          <Button size="compact-sm" variant="default" disabled={counting} leftSection={<IconDownload size={15} />} onClick={onExport} data-testid="mass-action-export">
            {t('views.mass.export')}
          </Button>
        ) : null}
        {canDelete ? (
          <Button size="compact-sm" variant="light" color="red" disabled={counting} leftSection={<IconTrash size={15} />} onClick={() => onAction('delete')} data-testid="mass-action-delete">
            {t('common.delete')}
          </Button>
        ) : null}
      </Group>
    </Group>
  );
}
