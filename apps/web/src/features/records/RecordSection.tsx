import type { CSSProperties, ReactNode } from 'react';
import { Group, Paper, Text } from '@mantine/core';

interface Props {
  title: string;
  actions?: ReactNode;
  children: ReactNode;
  testId?: string;
  count?: number;
}

/** The bordered box of a record page section: title (with an optional count) and actions above the body. */
function SectionFrame({ title, actions, children, testId, count, style }: Props & { style?: CSSProperties }) {
  return (
    <Paper withBorder radius="md" data-testid={testId} style={style}>
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

export function RecordSection({ children, ...props }: Props) {
  return (
    <SectionFrame {...props}>
      <div style={{ padding: 'var(--mantine-spacing-md)' }}>{children}</div>
    </SectionFrame>
  );
}

/** A section whose body is a table running edge to edge. */
export function TableSection(props: Props) {
  return <SectionFrame {...props} style={{ overflow: 'hidden' }} />;
}
