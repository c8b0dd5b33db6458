import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Group, type GroupProps } from '@mantine/core';

export interface ModalActionsProps extends Omit<GroupProps, 'children'> {
  onCancel: () => void;
  /** The confirming button's text. */
  label: ReactNode;
  /** Runs on the confirming button; without it the button submits the surrounding form. */
  onConfirm?: () => void;
  busy?: boolean;
  disabled?: boolean;
  color?: string;
  testId?: string;
  cancelLabel?: string;
  cancelTestId?: string;
  /** An action at the start of the row (null keeps its place empty); the two buttons then sit together at the end. */
  leading?: ReactNode;
}

/** The foot of a dialog: Cancel and the confirming button, at the end of the row. */
export function ModalActions({ onCancel, label, onConfirm, busy, disabled, color, testId, cancelLabel, cancelTestId, leading, ...group }: ModalActionsProps) {
  const { t } = useTranslation();
  const buttons = (
    <>
      <Button variant="default" onClick={onCancel} data-testid={cancelTestId}>
        {cancelLabel ?? t('common.cancel')}
      </Button>
      <Button {...(onConfirm ? { onClick: onConfirm } : { type: 'submit' as const })} color={color} loading={busy} disabled={disabled} data-testid={testId}>
        {label}
      </Button>
    </>
  );
  if (leading === undefined) {
    return (
      <Group justify="flex-end" {...group}>
        {buttons}
      </Group>
    );
  }
  return (
    <Group justify="space-between" {...group}>
      {leading ?? <span />}
      <Group gap="xs">{buttons}</Group>
    </Group>
  );
}
