import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Code, CopyButton, Group, Modal, NumberInput, Paper, Stack, Text, TextInput } from '@mantine/core';
import { IconCheck, IconCopy, IconKey, IconPlus } from '@tabler/icons-react';
import type { z } from 'zod';
import type { tokenCreatedSchema, tokenSchema } from '@kontor/contract/users';
import { api, ApiError } from '../../lib/api';
import { errorMessage, fieldMessage, notifyError } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { DataTable, type Column } from '../../components/DataTable';
import { EmptyState, ErrorState } from '../../components/States';
import { ConfirmModal } from './ConfirmModal';
import { SettingsIntro } from './SettingsLayout';

type Token = z.infer<typeof tokenSchema>;
type CreatedToken = z.infer<typeof tokenCreatedSchema>;

export function TokensSettings() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const tokens = useQuery({ queryKey: ['tokens'], queryFn: () => api.get<{ data: Token[] }>('/tokens').then((r) => r.data) });
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedToken | null>(null);
  const [revoking, setRevoking] = useState<Token | null>(null);
  const [busy, setBusy] = useState(false);
  const revoke = async () => {
    if (!revoking) return;
    setBusy(true);
    try {
      await api.delete(`/tokens/${revoking.id}`);
      setRevoking(null);
      void qc.invalidateQueries({ queryKey: ['tokens'] });
    } catch (e) {
      notifyError(t, e);
    } finally {
      setBusy(false);
    }
  };
  const columns: Column<Token>[] = [
    { key: 'name', header: t('fields.name'), render: (tk) => <Text size="sm" fw={550}>{tk.name}</Text> },
    { key: 'createdAt', header: t('fields.createdAt'), render: (tk) => <Text size="sm" c="gray.7">{formatDateTime(tk.createdAt)}</Text> },
    { key: 'expiresAt', header: t('settings.tokens.expires'), render: (tk) => <Text size="sm" c="gray.7">{tk.expiresAt ? formatDateTime(tk.expiresAt) : t('settings.tokens.never')}</Text> },
    { key: 'lastUsedAt', header: t('settings.tokens.lastUsed'), render: (tk) => <Text size="sm" c="gray.7">{tk.lastUsedAt ? formatDateTime(tk.lastUsedAt) : t('settings.tokens.neverUsed')}</Text> },
    { key: 'actions', header: '', align: 'right', render: (tk) => <Button size="compact-sm" variant="subtle" color="red" onClick={() => setRevoking(tk)} data-testid="token-revoke">{t('settings.tokens.revoke')}</Button> },
  ];
  const list = tokens.data ?? [];
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start">
        <SettingsIntro>{t('settings.tokens.intro')}</SettingsIntro>
        <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)} data-testid="new-token">{t('settings.tokens.new')}</Button>
      </Group>
      {created ? (
        <Alert color="teal" title={t('settings.tokens.createdTitle')} withCloseButton onClose={() => setCreated(null)} data-testid="token-created">
          <Stack gap="xs">
            <Text size="sm">{t('settings.tokens.createdText')}</Text>
            <Group gap="xs" wrap="nowrap">
              <Code style={{ flex: 1, overflowWrap: 'anywhere' }} data-testid="token-value">{created.token}</Code>
              <CopyButton value={created.token}>
                {({ copied, copy }) => (
                  <Button size="xs" variant="light" color={copied ? 'teal' : undefined} leftSection={copied ? <IconCheck size={14} /> : <IconCopy size={14} />} onClick={copy}>
                    {copied ? t('common.copied') : t('common.copy')}
                  </Button>
                )}
              </CopyButton>
            </Group>
          </Stack>
        </Alert>
      ) : null}
      {tokens.isError ? <ErrorState error={tokens.error} onRetry={() => void tokens.refetch()} /> : (
        <Paper withBorder radius="md" style={{ overflow: 'hidden' }}>
          {list.length === 0 && !tokens.isPending ? (
            <EmptyState icon={<IconKey size={28} />} title={t('settings.tokens.emptyTitle')} description={t('settings.tokens.emptyText')} />
          ) : (
            <DataTable columns={columns} rows={list} rowKey={(tk) => tk.id} loading={tokens.isPending} minWidth={640} testId="tokens-table" />
          )}
        </Paper>
      )}
      {creating ? <CreateTokenModal onClose={() => setCreating(false)} onCreated={(tk) => { setCreated(tk); void qc.invalidateQueries({ queryKey: ['tokens'] }); }} /> : null}
      {revoking ? <ConfirmModal title={t('settings.tokens.revokeTitle')} text={t('settings.tokens.revokeText', { name: revoking.name })} confirmLabel={t('settings.tokens.revoke')} busy={busy} onClose={() => setRevoking(null)} onConfirm={() => void revoke()} /> : null}
    </Stack>
  );
}

function CreateTokenModal({ onClose, onCreated }: { onClose: () => void; onCreated: (t: CreatedToken) => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [days, setDays] = useState<number | string>(365);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const save = async () => {
    if (!name.trim()) return setError(t('validation.required'));
    setBusy(true);
    try {
      onCreated(await api.post<CreatedToken>('/tokens', { name: name.trim(), expiresInDays: typeof days === 'number' ? days : undefined }));
      onClose();
    } catch (e) {
      setError(e instanceof ApiError && e.fields.name ? fieldMessage(t, e.fields.name) : errorMessage(t, e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened onClose={onClose} title={t('settings.tokens.new')} centered size="sm">
      <form onSubmit={(e) => { e.preventDefault(); void save(); }} noValidate>
        <Stack gap="sm">
          <TextInput label={t('fields.name')} description={t('settings.tokens.nameHint')} value={name} onChange={(e) => setName(e.currentTarget.value)} error={error} required data-autofocus data-testid="token-name" />
          <NumberInput label={t('settings.tokens.expiresInDays')} description={t('settings.tokens.expiresHint')} value={days} onChange={setDays} min={1} max={3650} allowDecimal={false} />
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onClose}>{t('common.cancel')}</Button>
            <Button type="submit" loading={busy} data-testid="token-save">{t('common.create')}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
