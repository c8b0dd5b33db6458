import { Avatar } from '@mantine/core';
import { initials } from '../lib/format';

/** The record's photo / logo, or its initials on a colour derived from the name. */
export function RecordAvatar({ name, photoUrl, size = 26, radius }: { name: string; photoUrl: string | null; size?: number; radius?: string | number }) {
  return (
    <Avatar src={photoUrl ?? undefined} alt={name} size={size} radius={radius ?? 'xl'} name={name} color="initials" data-testid="record-avatar">
      {initials(name)}
    </Avatar>
  );
}
