import type { ReactNode } from 'react';
import { Group, Paper, Text } from '@mantine/core';

export function RecordSection({ title, actions, children, testId, count }: { title: string; actions?: ReactNode; children: ReactNode; testId?: string; count?: number }) {
  return (
    <Paper withBorder radius="md" data-testid={testId}>
      <Group justify="space-between" px="md" py={10} style={{ borderBottom: '1px solid var(--k-border)' }} wrap="nowrap">
        <Group gap={6}>
          <Text fw={650} size="sm">
            {title}
          </Text>
          {count !== undefined ? (
            <Text size="xs" c="dimmed">
              {count}
            </Text>
          ) : null}
        </Group>
        {actions ? <Group gap={6}>{actions}</Group> : null}
      </Group>
      <div style={{ padding: 'var(--mantine-spacing-md)' }}>{children}</div>
    </Paper>
  );
}

/** A section whose body is a table running edge to edge. */
export function TableSection({ title, actions, children, testId, count }: { title: string; actions?: ReactNode; children: ReactNode; testId?: string; count?: number }) {
  return (
    <Paper withBorder radius="md" data-testid={testId} style={{ overflow: 'hidden' }}>
      <Group justify="space-between" px="md" py={10} style={{ borderBottom: '1px solid var(--k-border)' }} wrap="nowrap">
        <Group gap={6}>
          <Text fw={650} size="sm">
            {title}
          </Text>
          {count !== undefined ? (
            <Text size="xs" c="dimmed">
              {count}
            </Text>
          ) : null}
        </Group>
        {actions ? <Group gap={6}>{actions}</Group> : null}
      </Group>
      {children}
    </Paper>
  );
}
