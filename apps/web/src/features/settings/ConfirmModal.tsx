import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Group, Modal, Stack, Text } from '@mantine/core';

export function ConfirmModal({ title, text, children, confirmLabel, onConfirm, onClose, busy, danger = true, disabled }: {
  title: string; text: string; children?: ReactNode; confirmLabel: string; onConfirm: () => void; onClose: () => void; busy?: boolean; danger?: boolean; disabled?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Modal opened onClose={onClose} title={title} centered size="sm">
      <Stack gap="md">
        <Text size="sm">{text}</Text>
        {children}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose}>{t('common.cancel')}</Button>
          <Button color={danger ? 'red' : undefined} onClick={onConfirm} loading={busy} disabled={disabled} data-testid="confirm">{confirmLabel}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}

export const SWATCHES = ['#3b82f6', '#6366f1', '#8b5cf6', '#ec4899', '#ef4444', '#f59e0b', '#eab308', '#22c55e', '#14b8a6', '#06b6d4', '#64748b', '#a16207'];
