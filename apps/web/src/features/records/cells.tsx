import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Anchor, Group, Text, Tooltip } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { IconLock } from '@tabler/icons-react';
import type { InitialsKind } from '@kontor/contract/initials';
import { RecordAvatar } from '../../components/RecordAvatar';

/** The lock shown beside a restricted record's name. */
export function RestrictedIcon({ size = 14 }: { size?: number }) {
  const { t } = useTranslation();
  return (
    <Tooltip label={t('sharing.restrictedHint')} withinPortal>
      <IconLock size={size} stroke={1.8} color="var(--mantine-color-orange-7)" style={{ flex: 'none' }} aria-label={t('sharing.restricted')} role="img" data-testid="restricted-icon" />
    </Tooltip>
  );
}

/** Name cell: avatar + a real link (so it opens in a new tab and is keyboard reachable); a lock when access is restricted. */
export function NameCell({ to, name, photoUrl, sub, restricted, badge, kind }: { to: string; name: string; photoUrl: string | null; sub?: ReactNode; restricted?: boolean; badge?: ReactNode; kind?: InitialsKind }) {
  return (
    <Group gap={8} wrap="nowrap">
      <RecordAvatar name={name} photoUrl={photoUrl} size={24} kind={kind} />
      <div style={{ minWidth: 0 }}>
        <Group gap={4} wrap="nowrap">
          <Anchor component={Link} to={to} fw={550} size="sm" c="gray.9" truncate="end" display="block" miw={0} data-testid="row-name">
            {name}
          </Anchor>
          {restricted ? <RestrictedIcon /> : null}
          {badge}
        </Group>
        {sub ? (
          <Text size="xs" c="dimmed" truncate="end">
            {sub}
          </Text>
        ) : null}
      </div>
    </Group>
  );
}

export function MailCell({ email }: { email: string | null }) {
  if (!email) return null;
  return (
    <Anchor href={`mailto:${email}`} size="sm" truncate="end" display="block">
      {email}
    </Anchor>
  );
}

export function PhoneCell({ phone }: { phone: string | null }) {
  if (!phone) return null;
  return (
    <Anchor href={`tel:${phone.replace(/[^+0-9]/g, '')}`} size="sm" c="gray.8" style={{ whiteSpace: 'nowrap' }}>
      {phone}
    </Anchor>
  );
}

export const Muted = ({ children }: { children: ReactNode }) => (
  <Text size="sm" c="gray.7" truncate="end">
    {children}
  </Text>
);
