import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { QueryClient } from '@tanstack/react-query';
import { Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { fieldError } from '@kontor/contract/field-errors';
import { fieldMessage } from '../../lib/errors';
import { FormModal } from '../../components/FormModal';
import { recordKeys } from '../records/api';

/** What shows a deal besides its own page: lists, the board, the account's and contact's deal lists and sums. */
export function invalidateDealViews(qc: QueryClient, opts: { board?: boolean } = {}): void {
  void qc.invalidateQueries({ queryKey: recordKeys.lists('deals') });
  void qc.invalidateQueries({ queryKey: recordKeys.count('deals', {}).slice(0, 2) });
  if (opts.board !== false) void qc.invalidateQueries({ queryKey: ['deals', 'board'] });
  // an account's "customer" badge and sums, and the deal lists on account and contact pages
  void qc.invalidateQueries({ queryKey: recordKeys.module('accounts') });
  void qc.invalidateQueries({ queryKey: recordKeys.module('contacts') });
}

/** Reasons offered when a deal is lost (the user may type any other). */
const REASONS = ['price', 'competitor', 'noBudget', 'noDecision', 'timing', 'noResponse'] as const;


/** "Why was it lost?": the reason is kept on the deal (at most 200 characters). */
export function LostReasonModal({ name, onClose, onConfirm }: { name: string; onClose: () => void; onConfirm: (reason: string | null) => Promise<boolean> }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    const r = reason.trim();
    if (r.length > 200) return setError(fieldMessage(t, fieldError('max_characters', { max: 200 })));
    setBusy(true);
    const ok = await onConfirm(r || null);
    setBusy(false);
    if (ok) onClose();
  };
  return (
    <FormModal title={t('deals.lostTitle', { name })} onClose={onClose} onSubmit={() => void submit()} roomy submit={{ label: t('deals.markLost'), color: 'red', busy, testId: 'lost-confirm' }} testId="lost-modal">
      <Stack gap={6}>
        <Text size="sm">{t('deals.lostText')}</Text>
        <TextInput
          label={t('deals.fields.lostReason')}
          placeholder={t('deals.lostReasonPlaceholder')}
          value={reason}
          onChange={(e) => {
            setReason(e.currentTarget.value);
            setError(null);
          }}
          error={error}
          maxLength={200}
          data-autofocus
          data-testid="lost-reason"
        />
        <Group gap={6} mt={4} role="group" aria-label={t('deals.lostReasonsLabel')}>
          {REASONS.map((k) => {
            const text = t(`deals.lostReasons.${k}`);
            return (
              <Button key={k} size="compact-xs" variant={reason === text ? 'filled' : 'light'} color="gray" radius="xl" onClick={() => setReason(text)} aria-pressed={reason === text} data-testid={`lost-reason-${k}`}>
                {text}
              </Button>
            );
          })}
        </Group>
      </Stack>
    </FormModal>
  );
}
