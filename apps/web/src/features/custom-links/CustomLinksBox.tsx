import { useTranslation } from 'react-i18next';
import { Anchor, Group, Stack, Text } from '@mantine/core';
import { IconExternalLink } from '@tabler/icons-react';
import type { Module } from '@kontor/contract/custom-fields';
import { resolveCustomLink } from '@kontor/contract/custom-links';
import { useCustomLinks } from './api';

/** The administrator's custom links for this record, with its values filled in; nothing when there are none. */
export function CustomLinksBox({ module, record }: { module: Module; record: object }) {
  const { t } = useTranslation();
  const links = (useCustomLinks().data?.data ?? []).filter((l) => l.module === module);
  const resolved = links.flatMap((l) => {
    const href = resolveCustomLink(l.urlTemplate, record as Record<string, unknown>);
    return href ? [{ id: l.id, label: l.label, href }] : [];
  });
  if (resolved.length === 0) return null;
  return (
    <Stack gap={4} data-testid="custom-links">
      <Text size="xs" c="dimmed" fw={600} tt="uppercase">
        {t('customLinks.title')}
      </Text>
      {resolved.map((l) => (
        <Anchor key={l.id} href={l.href} target="_blank" rel="noopener noreferrer" size="sm" data-testid="custom-link">
          <Group gap={4} wrap="nowrap">
            <IconExternalLink size={14} style={{ flex: 'none' }} />
            <Text span size="sm" truncate>
              {l.label}
            </Text>
          </Group>
        </Anchor>
      ))}
    </Stack>
  );
}
