import { useState, type FormEvent, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Drawer, Group, Kbd, Modal, Stack, Text } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { ModalActions } from '../ModalActions';
import { keyLabel, matchesShortcut } from '../../features/search/shortcuts';

export interface FormDrawerProps {
  opened: boolean;
  onClose: () => void;
  title: string;
  dirty: boolean;
  saving: boolean;
  onSubmit: () => void;
  /** An error that belongs to no single field (shown above the form). */
  formError?: ReactNode;
  children: ReactNode;
  testId?: string;
  size?: number | string;
  submitLabel?: string;
  /**
   * Shown between the fields and the buttons, always in view (a record form's duplicate warning). `leave` closes the
   * drawer and then runs `then` (opening another page), asking first when there are unsaved edits.
   */
  aside?: (leave: (then: () => void) => void) => ReactNode;
}

/** A side drawer form: Ctrl/Cmd+Enter saves, Escape closes (asking first when there are unsaved edits). */
export function FormDrawer({ opened, onClose, title, dirty, saving, onSubmit, formError, children, testId, size = 640, submitLabel, aside }: FormDrawerProps) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  /** What runs once the drawer is closed after the question (`aside`'s `leave`). */
  const [afterClose, setAfterClose] = useState<{ run: () => void } | null>(null);
  const leave = (then: () => void) => {
    if (dirty && !saving) {
      setAfterClose({ run: then });
      setConfirming(true);
    } else {
      onClose();
      then();
    }
  };
  const keepEditing = () => {
    setConfirming(false);
    setAfterClose(null);
  };

  const requestClose = () => {
    if (dirty && !saving) setConfirming(true);
    else onClose();
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (matchesShortcut('save', e)) {
      e.preventDefault();
      if (!saving) onSubmit();
    } else if (e.key === 'Escape' && !confirming) {
      // a combobox dropdown swallows its own Escape first
      if ((e.target as HTMLElement).getAttribute('aria-expanded') === 'true') return;
      e.preventDefault();
      requestClose();
    }
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!saving) onSubmit();
  };

  return (
    <>
      <Drawer.Root opened={opened} onClose={requestClose} size={size} closeOnEscape={false} position="right">
        <Drawer.Overlay backgroundOpacity={0.25} />
        <Drawer.Content data-testid={testId}>
          {/* Mantine's content ignores onKeyDown, so the keys are caught on this wrapper */}
          <div onKeyDown={onKeyDown} style={{ display: 'flex', flexDirection: 'column', height: '100%' }}>
          <Drawer.Header style={{ borderBottom: '1px solid var(--k-border)' }}>
            <Drawer.Title fw={650} fz={18}>
              {title}
            </Drawer.Title>
            <Drawer.CloseButton aria-label={t('common.close')} />
          </Drawer.Header>
          <form onSubmit={submit} noValidate style={{ display: 'flex', flexDirection: 'column', flex: 1, minHeight: 0 }}>
            <Drawer.Body style={{ flex: 1, overflowY: 'auto', paddingTop: 16 }}>
              <Stack gap="md">
                {formError ? (
                  <Alert color="red" icon={<IconAlertCircle size={18} />} data-testid="form-error" role="alert">
                    {formError}
                  </Alert>
                ) : null}
                {children}
              </Stack>
            </Drawer.Body>
            {aside?.(leave)}
            <Group justify="space-between" px="md" py="sm" style={{ borderTop: '1px solid var(--k-border)', background: 'var(--mantine-color-gray-0)' }}>
              <Text size="xs" c="dimmed" visibleFrom="sm">
                <Kbd size="xs">{keyLabel(t, 'mod')}</Kbd> + <Kbd size="xs">{keyLabel(t, 'Enter')}</Kbd> {t('form.toSave')}
              </Text>
              <Group gap="xs" ml="auto">
                <Button variant="default" onClick={requestClose} data-testid="form-cancel">
                  {t('common.cancel')}
                </Button>
                <Button type="submit" loading={saving} data-testid="form-save">
                  {submitLabel ?? t('common.save')}
                </Button>
              </Group>
            </Group>
          </form>
          </div>
        </Drawer.Content>
      </Drawer.Root>
      <Modal opened={confirming} onClose={keepEditing} title={t('form.discardTitle')} zIndex={400} centered size="sm">
        <Text size="sm" mb="lg">
          {t('form.discardText')}
        </Text>
        <ModalActions
          gap="xs"
          onCancel={keepEditing}
          cancelLabel={t('form.keepEditing')}
          cancelTestId="discard-keep"
          label={t('form.discard')}
          onConfirm={() => {
            setConfirming(false);
            onClose();
            afterClose?.run();
          }}
          color="red"
          testId="discard-confirm"
        />
      </Modal>
    </>
  );
}
