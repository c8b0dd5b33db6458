import { type DragEvent, type KeyboardEvent } from 'react';
import type { TFunction } from 'i18next';
import { Link, useNavigate } from '@tanstack/react-router';
import { ActionIcon, Anchor, Group, Menu, Text, Tooltip } from '@mantine/core';
import { UserAvatar } from '../../components/RecordAvatar';
import { IconArrowLeft, IconArrowRight, IconCalendarEvent, IconDots, IconExternalLink, IconThumbDown, IconTrophy } from '@tabler/icons-react';
import type { DealListItem } from '@kontor/contract/deals';
import { formatDate, formatMoney } from '../../lib/format';
import { onCardKeyDown } from '../records/board-kit';
import { overdue } from './columns';

export interface CardProps {
  deal: DealListItem;
  t: TFunction;
  canMove: boolean;
  first: boolean;
  last: boolean;
  dragging: boolean;
  onDragStart: (e: DragEvent) => void;
  onDragEnd: () => void;
  onMoveBy: (step: -1 | 1) => void;
  onWon: () => void;
  onLost: () => void;
}

export function DealCard({ deal: d, t, canMove, first, last, dragging, onDragStart, onDragEnd, onMoveBy, onWon, onLost }: CardProps) {
  const navigate = useNavigate();
  const late = overdue(d);
  const open = () => void navigate({ to: '/deals/$dealId', params: { dealId: d.id } });
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => onCardKeyDown(e, { cardSelector: '[data-deal-card]', canMove, onStep: onMoveBy, onOpen: open });
  return (
    <div
      className="k-deal-card"
      role="listitem"
      tabIndex={0}
      draggable={canMove}
      data-deal-card={d.id}
      data-dragging={dragging}
      data-overdue={late}
      aria-label={[d.name, d.accountName, d.amount === null ? null : formatMoney(d.amount, d.currency)].filter(Boolean).join(', ')}
      aria-describedby={canMove ? 'board-keys-hint' : undefined}
      onDragStart={onDragStart}
      onDragEnd={onDragEnd}
      onKeyDown={onKeyDown}
      onClick={(e) => {
        if ((e.target as HTMLElement).closest('a,button,[role="menu"],[role="menuitem"]')) return;
        open();
      }}
      data-testid="deal-card"
    >
      <Group gap={4} wrap="nowrap" align="flex-start" justify="space-between">
        <Anchor component={Link} to={`/deals/${d.id}`} size="sm" fw={600} c="gray.9" lineClamp={2} style={{ overflowWrap: 'anywhere', hyphens: 'auto' }} draggable={false} tabIndex={-1} data-testid="card-name">
          {d.name}
        </Anchor>
        <Menu position="bottom-end" withinPortal width={200}>
          <Menu.Target>
            <ActionIcon size="sm" variant="subtle" color="gray" aria-label={t('deals.cardActions', { name: d.name })} data-testid="card-menu" style={{ flex: 'none', marginTop: -2 }}>
              <IconDots size={15} />
            </ActionIcon>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Item leftSection={<IconExternalLink size={15} />} onClick={open}>
              {t('deals.open')}
            </Menu.Item>
            {canMove ? (
              <>
                <Menu.Item leftSection={<IconArrowLeft size={15} />} disabled={first} onClick={() => onMoveBy(-1)} data-testid="card-move-left">
                  {t('deals.movePrevious')}
                </Menu.Item>
                <Menu.Item leftSection={<IconArrowRight size={15} />} disabled={last} onClick={() => onMoveBy(1)} data-testid="card-move-right">
                  {t('deals.moveNext')}
                </Menu.Item>
                <Menu.Divider />
                <Menu.Item color="teal" leftSection={<IconTrophy size={15} />} onClick={onWon} data-testid="card-won">
                  {t('deals.markWon')}
                </Menu.Item>
                <Menu.Item color="red" leftSection={<IconThumbDown size={15} />} onClick={onLost} data-testid="card-lost">
                  {t('deals.markLost')}
                </Menu.Item>
              </>
            ) : null}
          </Menu.Dropdown>
        </Menu>
      </Group>
      <Group gap={6} wrap="nowrap" justify="space-between" mt={2} mih={22}>
        <Text size="xs" c="dimmed" truncate="end" style={{ minWidth: 0 }} data-testid="card-account">
          {d.accountName ?? d.contactName}
        </Text>
        {d.owner ? (
          <Tooltip label={t('deals.ownedBy', { name: d.owner.name })}>
            <UserAvatar size={22} name={d.owner.name} style={{ flex: 'none' }} aria-label={t('deals.ownedBy', { name: d.owner.name })} />
          </Tooltip>
        ) : null}
      </Group>
      <Group gap={6} wrap="wrap" justify="space-between" mt={4} style={{ rowGap: 2 }}>
        <Text size="sm" fw={600} style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }} c={d.amount === null ? 'dimmed' : undefined} data-testid="card-amount">
          {d.amount === null ? t('deals.noAmount') : formatMoney(d.amount, d.currency)}
        </Text>
        {d.expectedCloseDate ? (
          <Tooltip label={late ? t('deals.overdueSince', { date: formatDate(d.expectedCloseDate) }) : t('deals.expectedClose', { date: formatDate(d.expectedCloseDate) })}>
            <Text size="xs" c={late ? 'red.7' : 'gray.6'} fw={late ? 600 : undefined} style={{ display: 'inline-flex', alignItems: 'center', gap: 3, whiteSpace: 'nowrap' }} data-testid="card-close-date">
              <IconCalendarEvent size={13} />
              {formatDate(d.expectedCloseDate)}
            </Text>
          </Tooltip>
        ) : null}
      </Group>
    </div>
  );
}
