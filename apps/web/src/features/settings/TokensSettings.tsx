import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Group, NumberInput, Paper, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { IconKey, IconPlus } from '@tabler/icons-react';
import type { z } from 'zod';
import { tokenScopes, type tokenCreatedSchema, type tokenSchema } from '@kontor/contract/users';
import { api } from '../../lib/api';
import { notifyError } from '../../lib/errors';
import { useBusy } from '../../lib/useBusy';
import { formatDateTime } from '../../lib/format';
import { FormModal } from '../../components/FormModal';
import { DataTable, type Column } from '../../components/DataTable';
import { EmptyState, ErrorState } from '../../components/States';
import { OneTimeSecret } from '../../components/OneTimeSecret';
import { ConfirmModal } from './ConfirmModal';
import { SettingsIntro } from './SettingsLayout';
import { useNameSave } from './useNameSave';

type Token = z.infer<typeof tokenSchema>;
type CreatedToken = z.infer<typeof tokenCreatedSchema>;

export function TokensSettings() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const tokens = useQuery({ queryKey: ['tokens'], queryFn: () => api.get<{ data: Token[] }>('/tokens').then((r) => r.data) });
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedToken | null>(null);
  const [revoking, setRevoking] = useState<Token | null>(null);
  const { busy, run } = useBusy();
  const revoke = () => {
    if (!revoking) return;
    void run(async () => {
      await api.delete(`/tokens/${revoking.id}`);
      setRevoking(null);
      void qc.invalidateQueries({ queryKey: ['tokens'] });
    }, (e) => notifyError(t, e));
  };
  const columns: Column<Token>[] = [
    { key: 'name', header: t('fields.name'), kind: 'longText', render: (tk) => <Text size="sm" fw={550}>{tk.name}</Text> },
    { key: 'scope', header: t('settings.tokens.scope'), render: (tk) => <Text size="sm" c="gray.7">{t(`settings.tokens.scope_${tk.scope}`)}</Text> },
    { key: 'createdAt', header: t('fields.createdAt'), kind: 'datetime', render: (tk) => <Text size="sm" c="gray.7">{formatDateTime(tk.createdAt)}</Text> },
    { key: 'expiresAt', header: t('settings.tokens.expires'), kind: 'datetime', render: (tk) => <Text size="sm" c="gray.7">{tk.expiresAt ? formatDateTime(tk.expiresAt) : t('settings.tokens.never')}</Text> },
    { key: 'lastUsedAt', header: t('settings.tokens.lastUsed'), kind: 'datetime', render: (tk) => <Text size="sm" c="gray.7">{tk.lastUsedAt ? formatDateTime(tk.lastUsedAt) : t('settings.tokens.neverUsed')}</Text> },
    { key: 'actions', header: '', align: 'right', kind: 'actions', width: 130, render: (tk) => <Button size="compact-sm" variant="subtle" color="red" onClick={() => setRevoking(tk)} data-testid="token-revoke">{t('settings.tokens.revoke')}</Button> },
  ];
  const list = tokens.data ?? [];
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start">
        <SettingsIntro>{t('settings.tokens.intro')}</SettingsIntro>
        <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)} data-testid="new-token">{t('settings.tokens.new')}</Button>
      </Group>
      {created ? (
        <OneTimeSecret title={t('settings.tokens.createdTitle')} text={t('settings.tokens.createdText')} value={created.token} onClose={() => setCreated(null)} testId="token-value" />
      ) : null}
      {tokens.isError ? <ErrorState error={tokens.error} onRetry={() => void tokens.refetch()} /> : (
        <Paper withBorder radius="md" style={{ overflow: 'hidden' }}>
          {list.length === 0 && !tokens.isPending ? (
            <EmptyState icon={<IconKey size={28} />} title={t('settings.tokens.emptyTitle')} description={t('settings.tokens.emptyText')} />
          ) : (
            <DataTable columns={columns} rows={list} rowKey={(tk) => tk.id} loading={tokens.isPending} testId="tokens-table" />
          )}
        </Paper>
      )}
      {creating ? <CreateTokenModal onClose={() => setCreating(false)} onCreated={(tk) => { setCreated(tk); void qc.invalidateQueries({ queryKey: ['tokens'] }); }} /> : null}
      {revoking ? <ConfirmModal title={t('settings.tokens.revokeTitle')} text={t('settings.tokens.revokeText', { name: revoking.name })} confirmLabel={t('settings.tokens.revoke')} busy={busy} onClose={() => setRevoking(null)} onConfirm={revoke} /> : null}
    </Stack>
  );
}

function CreateTokenModal({ onClose, onCreated }: { onClose: () => void; onCreated: (t: CreatedToken) => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [days, setDays] = useState<number | string>(365);
  const [scope, setScope] = useState<Token['scope']>('write');
  const { error, busy, save } = useNameSave(name, onClose);
  const submit = () => save(async (trimmed) => onCreated(await api.post<CreatedToken>('/tokens', { name: trimmed, scope, expiresInDays: typeof days === 'number' ? days : undefined })));
  return (
    <FormModal title={t('settings.tokens.new')} onClose={onClose} onSubmit={() => void submit()} size="sm" submit={{ label: t('common.create'), busy, testId: 'token-save' }}>
      <TextInput label={t('fields.name')} description={t('settings.tokens.nameHint')} value={name} onChange={(e) => setName(e.currentTarget.value)} error={error} required data-autofocus data-testid="token-name" />
      <Stack gap={4}>
        <Text size="sm" fw={500}>{t('settings.tokens.scope')}</Text>
        <SegmentedControl fullWidth data={tokenScopes.map((sc) => ({ value: sc, label: t(`settings.tokens.scope_${sc}`) }))} value={scope} onChange={(v) => setScope(v === 'read' ? 'read' : 'write')} data-testid="token-scope" />
        <Text size="xs" c="dimmed">{t(`settings.tokens.scopeHint_${scope}`)}</Text>
      </Stack>
      <NumberInput label={t('settings.tokens.expiresInDays')} description={t('settings.tokens.expiresHint')} value={days} onChange={setDays} min={1} max={3650} allowDecimal={false} />
    </FormModal>
  );
}
