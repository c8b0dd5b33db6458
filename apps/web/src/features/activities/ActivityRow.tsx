import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from '@tanstack/react-router';
import { ActionIcon, Anchor, Box, Checkbox, Group, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { IconCalendarDown } from '@tabler/icons-react';
import type { ActivityListItem } from '@kontor/contract/activities';
import { icsUrl } from './api';
import type { FixedLink } from './activity-form-values';
import { whenText } from './activity-dates';
import { ActivityTypeIcon } from './ActivityTypeIcon';
import { useCompleteActivity } from './useCompleteActivity';

interface Props {
  activity: ActivityListItem;
  onOpen: (a: ActivityListItem) => void;
  /** May the user complete and edit activities (their profile's edit right)? */
  canEdit: boolean;
  /** Show what the activity is about (account, contact, deal, lead) as links: on "My activities". */
  showLinks?: boolean;
  /** The record whose list this is, not named again in its rows. */
  self?: FixedLink;
}

/** Links to the records an activity sits on that the reader may see. */
function RecordLinks({ a }: { a: ActivityListItem }) {
  const parts: ReactNode[] = [];
  if (a.account) parts.push(<Anchor key="a" component={Link} to={`/accounts/${a.account.id}`} size="xs">{a.account.name}</Anchor>);
  if (a.contact) parts.push(<Anchor key="c" component={Link} to={`/contacts/${a.contact.id}`} size="xs">{a.contact.name}</Anchor>);
  if (a.deal) parts.push(<Anchor key="d" component={Link} to={`/deals/${a.deal.id}`} size="xs">{a.deal.name}</Anchor>);
  if (a.lead) parts.push(<Anchor key="l" component={Link} to={`/leads/${a.lead.id}`} size="xs">{a.lead.name}</Anchor>);
  return <>{parts.flatMap((p, i) => (i ? [<Text key={`s${i}`} span size="xs" c="dimmed"> · </Text>, p] : [p]))}</>;
}

/** One activity in a list: done box (one click), type, subject (opens it), when (red when overdue), links, calendar file. */
export function ActivityRow({ activity: a, onOpen, canEdit, showLinks, self }: Props) {
  const { t } = useTranslation();
  const complete = useCompleteActivity();
  const [pending, setPending] = useState<boolean | null>(null);
  const done = pending ?? a.done;
  const toggle = async (next: boolean) => {
    setPending(next);
    await complete(a, next);
    setPending(null);
  };
  const others = [!showLinks && self !== 'contact' && a.contact ? a.contact.name : null, !showLinks && self !== 'deal' && a.deal ? a.deal.name : null, a.participants.length ? t('activities.participantCount', { count: a.participants.length }) : null].filter(Boolean);

  return (
    <Group gap="sm" wrap="nowrap" px="md" py={8} style={{ borderBottom: '1px solid var(--mantine-color-gray-2)' }} data-testid="activity-row" data-overdue={a.overdue} data-done={done}>
      <Checkbox
        checked={done}
        onChange={(e) => void toggle(e.currentTarget.checked)}
        disabled={!canEdit || pending !== null}
        radius="xl"
        color="teal"
        aria-label={done ? t('activities.reopen', { subject: a.subject }) : t('activities.complete', { subject: a.subject })}
        data-testid="activity-complete"
      />
      <Box c={a.overdue ? 'red.7' : 'gray.6'} style={{ display: 'flex', flex: 'none' }} title={t(`activities.types.${a.type}`)}>
        <ActivityTypeIcon type={a.type} size={18} />
      </Box>
      <Box style={{ flex: 1, minWidth: 0 }}>
        <UnstyledButton onClick={() => onOpen(a)} style={{ maxWidth: '100%' }} data-testid="activity-open">
          <Text size="sm" fw={500} truncate td={done ? 'line-through' : undefined} c={done ? 'dimmed' : undefined} title={a.subject}>
            {a.subject}
          </Text>
        </UnstyledButton>
        <Group gap={6} wrap="nowrap" style={{ overflow: 'hidden' }}>
          <Text size="xs" c={a.overdue ? 'red.7' : 'dimmed'} fw={a.overdue ? 600 : undefined} style={{ whiteSpace: 'nowrap' }} data-testid="activity-when-text">
            {whenText(t, a)}
            {a.overdue ? ` · ${t('activities.overdue')}` : ''}
          </Text>
          {showLinks ? (
            <Text size="xs" truncate title={[a.account, a.contact, a.deal, a.lead].flatMap((r) => (r ? [r.name] : [])).join(' · ')}>
              <RecordLinks a={a} />
            </Text>
          ) : null}
          {others.length ? (
            <Text size="xs" c="dimmed" truncate title={others.join(' · ')}>
              {others.join(' · ')}
            </Text>
          ) : null}
        </Group>
        {done && a.outcome ? (
          <Text size="xs" c="gray.7" truncate data-testid="activity-outcome-text">
            {a.outcome}
          </Text>
        ) : null}
      </Box>
      {a.owner ? (
        <Text size="xs" c="dimmed" className="k-hide-md" style={{ whiteSpace: 'nowrap' }}>
          {a.owner.name}
        </Text>
      ) : null}
      {a.type !== 'task' ? (
        <Tooltip label={t('activities.downloadIcs')}>
          <ActionIcon component="a" href={icsUrl(a.id)} download variant="subtle" color="gray" aria-label={t('activities.downloadIcs')} data-testid="activity-ics">
            <IconCalendarDown size={16} />
          </ActionIcon>
        </Tooltip>
      ) : (
        <Box w={28} />
      )}
    </Group>
  );
}
