import type { ReactNode } from 'react';
import { Modal, Stack, Text } from '@mantine/core';
import { ModalActions } from '../../components/ModalActions';

export function ConfirmModal({ title, text, children, confirmLabel, onConfirm, onClose, busy, danger = true, disabled }: {
  title: string; text: string; children?: ReactNode; confirmLabel: string; onConfirm: () => void; onClose: () => void; busy?: boolean; danger?: boolean; disabled?: boolean;
}) {
  return (
    <Modal opened onClose={onClose} title={title} centered size="sm">
      <Stack gap="md">
        <Text size="sm">{text}</Text>
        {children}
        <ModalActions gap="xs" onCancel={onClose} label={confirmLabel} onConfirm={onConfirm} color={danger ? 'red' : undefined} busy={busy} disabled={disabled} testId="confirm" />
      </Stack>
    </Modal>
  );
}

export const SWATCHES = ['#3b82f6', '#6366f1', '#8b5cf6', '#ec4899', '#ef4444', '#f59e0b', '#eab308', '#22c55e', '#14b8a6', '#06b6d4', '#64748b', '#a16207'];
