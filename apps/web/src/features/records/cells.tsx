import type { ReactNode } from 'react';
import { Anchor, Group, Text } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { RecordAvatar } from '../../components/RecordAvatar';

/** Name cell: avatar + a real link (so it opens in a new tab and is keyboard reachable). */
export function NameCell({ to, name, photoUrl, sub }: { to: string; name: string; photoUrl: string | null; sub?: ReactNode }) {
  return (
    <Group gap={8} wrap="nowrap">
      <RecordAvatar name={name} photoUrl={photoUrl} size={24} />
      <div style={{ minWidth: 0 }}>
        <Anchor component={Link} to={to} fw={550} size="sm" c="gray.9" truncate="end" display="block" data-testid="row-name">
          {name}
        </Anchor>
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
