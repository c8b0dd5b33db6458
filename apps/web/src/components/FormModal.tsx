import type { ReactNode } from 'react';
import { Modal, Stack, type MantineSize } from '@mantine/core';
import { ModalActions, type ModalActionsProps } from './ModalActions';

interface Props {
  title: string;
  onClose: () => void;
  onSubmit: () => void;
  children: ReactNode;
  size?: MantineSize;
  /** The roomy layout (gap md) keeps its buttons close together; the compact one sets them apart from the fields. */
  roomy?: boolean;
  /** The submit button. */
  submit: Omit<ModalActionsProps, 'onCancel' | 'onConfirm'>;
  testId?: string;
}

/** A small dialog that is a form: Enter submits, Cancel closes. */
export function FormModal({ title, onClose, onSubmit, children, size, roomy, submit, testId }: Props) {
  return (
    <Modal opened onClose={onClose} title={title} centered size={size}>
      <form onSubmit={(e) => { e.preventDefault(); onSubmit(); }} noValidate data-testid={testId}>
        <Stack gap={roomy ? 'md' : 'sm'}>
          {children}
          {roomy ? <ModalActions onCancel={onClose} gap="xs" {...submit} /> : <ModalActions onCancel={onClose} mt="sm" {...submit} />}
        </Stack>
      </form>
    </Modal>
  );
}
