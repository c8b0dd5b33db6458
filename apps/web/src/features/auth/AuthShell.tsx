import type { ReactNode } from 'react';
import { Box, Center, Paper, Stack, Text, Title } from '@mantine/core';
import { LanguageSelect } from '../../components/LanguageSelect';
import { Logo } from '../../components/Logo';

/** The frame of the pages shown without a session: logo, title, a card, the language switcher. */
export function AuthShell({ title, subtitle, children }: { title: string; subtitle: ReactNode; children: ReactNode }) {
  return (
    <Center mih="100vh" bg="gray.0" p="md">
      <Box w="100%" maw={400}>
        <Stack align="center" gap={6} mb="lg">
          <Logo size={44} />
          <Title order={1} fz={24} ta="center">
            {title}
          </Title>
          <Text c="dimmed" size="sm" ta="center">
            {subtitle}
          </Text>
        </Stack>
        <Paper withBorder shadow="sm" radius="md" p="xl">
          {children}
        </Paper>
        <Center mt="md">
          <LanguageSelect persist={false} />
        </Center>
      </Box>
    </Center>
  );
}
