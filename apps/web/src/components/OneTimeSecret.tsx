import { useTranslation } from 'react-i18next';
import { Alert, Button, Code, CopyButton, Group, Stack, Text } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';

/** A value the server shows only once (a token, an invitation link): in full, with a copy button, until closed. `testId` marks the value. */
export function OneTimeSecret({ title, text, value, onClose, testId }: { title: string; text: string; value: string; onClose: () => void; testId: string }) {
  const { t } = useTranslation();
  return (
    <Alert color="teal" title={title} withCloseButton onClose={onClose} closeButtonLabel={t('common.close')} data-testid={`${testId}-alert`}>
      <Stack gap="xs">
        <Text size="sm">{text}</Text>
        <Group gap="xs" wrap="nowrap">
          <Code style={{ flex: 1, overflowWrap: 'anywhere' }} data-testid={testId}>
            {value}
          </Code>
          <CopyButton value={value}>
            {({ copied, copy }) => (
              <Button size="xs" variant="light" color={copied ? 'teal' : undefined} leftSection={copied ? <IconCheck size={14} /> : <IconCopy size={14} />} onClick={copy}>
                {copied ? t('common.copied') : t('common.copy')}
              </Button>
            )}
          </CopyButton>
        </Group>
      </Stack>
    </Alert>
  );
}
