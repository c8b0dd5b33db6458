import type { ReactNode } from 'react';
import { Divider, SimpleGrid, Stack } from '@mantine/core';

export function FormSection({ title, children, cols = 2 }: { title: string; children: ReactNode; cols?: 1 | 2 }) {
  return (
    <Stack gap="sm">
      <Divider label={title} labelPosition="left" styles={{ label: { fontSize: 13, fontWeight: 600, color: 'var(--mantine-color-gray-7)' } }} />
      <SimpleGrid cols={{ base: 1, xs: cols }} spacing="sm" verticalSpacing="sm">
        {children}
      </SimpleGrid>
    </Stack>
  );
}
