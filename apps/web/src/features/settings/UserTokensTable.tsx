import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Text } from '@mantine/core';
import { IconKey } from '@tabler/icons-react';
import type { z } from 'zod';
import type { tokenSchema } from '@kontor/contract/users';
import { api } from '../../lib/api';
import { notifyError, notifySuccess } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { useBusy } from '../../lib/useBusy';
import { DataTable, type Column } from '../../components/DataTable';
import { EmptyState, ErrorState } from '../../components/States';
import { ConfirmModal } from './ConfirmModal';

type Token = z.infer<typeof tokenSchema>;

export const userTokensKey = (userId: string) => ['users', userId, 'tokens'] as const;

/** Another user's live API tokens (for whoever may manage them), each with "Revoke" behind a confirmation. */
export function UserTokensTable({ userId }: { userId: string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const tokens = useQuery({ queryKey: userTokensKey(userId), queryFn: () => api.get<{ data: Token[] }>(`/users/${userId}/tokens`).then((r) => r.data) });
  const [revoking, setRevoking] = useState<Token | null>(null);
  const { busy, run } = useBusy();
  const revoke = () => {
    if (!revoking) return;
    void run(async () => {
      await api.delete(`/users/${userId}/tokens/${revoking.id}`);
      notifySuccess(t('settings.users.tokenRevoked', { name: revoking.name }));
      setRevoking(null);
    }, (e) => notifyError(t, e)).then(() => {
      void qc.invalidateQueries({ queryKey: userTokensKey(userId) });
      void qc.invalidateQueries({ queryKey: ['tokens'] });
    });
  };
  const columns: Column<Token>[] = [
    { key: 'name', header: t('fields.name'), render: (tk) => <Text size="sm" fw={550} lineClamp={2} title={tk.name} style={{ overflowWrap: 'anywhere' }}>{tk.name}</Text> },
    { key: 'scope', header: t('settings.tokens.scope'), width: 130, render: (tk) => <Text size="sm" c="gray.7">{t(`settings.tokens.scope_${tk.scope}`)}</Text> },
    { key: 'lastUsedAt', header: t('settings.tokens.lastUsed'), kind: 'datetime', render: (tk) => <Text size="sm" c="gray.7">{tk.lastUsedAt ? formatDateTime(tk.lastUsedAt) : t('settings.tokens.neverUsed')}</Text> },
    { key: 'expiresAt', header: t('settings.tokens.expires'), kind: 'datetime', render: (tk) => <Text size="sm" c="gray.7">{tk.expiresAt ? formatDateTime(tk.expiresAt) : t('settings.tokens.never')}</Text> },
    {
      key: 'actions', header: '', align: 'right', kind: 'actions', width: 130,
      render: (tk) => <Button size="compact-sm" variant="subtle" color="red" onClick={() => setRevoking(tk)} data-testid="user-token-revoke">{t('settings.tokens.revoke')}</Button>,
    },
  ];
  if (tokens.isError) return <ErrorState error={tokens.error} onRetry={() => void tokens.refetch()} />;
  return (
    <>
      {!tokens.isPending && !tokens.data.length ? (
        <EmptyState icon={<IconKey size={28} />} title={t('settings.tokens.emptyTitle')} description={t('settings.users.tokensEmpty')} testId="user-tokens-empty" />
      ) : (
        <DataTable columns={columns} rows={tokens.data ?? []} rowKey={(tk) => tk.id} loading={tokens.isPending} testId="user-tokens-table" />
      )}
      {revoking ? (
        <ConfirmModal title={t('settings.tokens.revokeTitle')} text={t('settings.tokens.revokeText', { name: revoking.name })} confirmLabel={t('settings.tokens.revoke')} busy={busy} onClose={() => setRevoking(null)} onConfirm={revoke} />
      ) : null}
    </>
  );
}
