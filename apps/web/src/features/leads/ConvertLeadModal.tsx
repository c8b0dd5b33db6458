import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from '@tanstack/react-router';
import { useQueryClient } from '@tanstack/react-query';
import { Badge, Box, Checkbox, Group, Modal, Paper, Radio, Skeleton, Stack, Text } from '@mantine/core';
import { IconAddressBook, IconBuilding, IconReportMoney } from '@tabler/icons-react';
import type { AccountListItem } from '@kontor/contract/accounts';
import { leadConvertSchema, type Lead } from '@kontor/contract/leads';
import { ApiError } from '../../lib/api';
import { errorMessage, fieldMessage, notifySuccess, zodFieldErrors } from '../../lib/errors';
import { useSettings } from '../../lib/reference';
import { useBusy } from '../../lib/useBusy';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ModalActions } from '../../components/ModalActions';
import { RecordSearchSelect } from '../../components/forms/RecordSearchSelect';
import { useMyRights } from '../auth/permissions';
import { recordKeys } from '../records/api';
import { convertLead, useConversionMatches } from './api';
import { choiceOf, choiceValue, convertBody, dealStart, defaultChoice, type AccountChoice, type DealValues } from './convert-choice';
import { ConvertDealFields } from './ConvertDealFields';

/** Converting a lead: what it becomes (contact, account, optional deal), with the account chosen among the matches found. */
export function ConvertLeadModal({ lead, onClose }: { lead: Lead; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const rights = useMyRights();
  const settings = useSettings();
  const canCreateAccount = rights.can('accounts', 'create');
  const canSeeAccounts = rights.can('accounts', 'view');
  const canCreateDeal = rights.can('deals', 'create');
  const matches = useConversionMatches(lead.id, canSeeAccounts);
  const [picked, setPicked] = useState<AccountChoice | null>(null);
  const [other, setOther] = useState<{ id: string | null; name: string | null }>({ id: null, name: null });
  const [withDeal, setWithDeal] = useState(false);
  const [deal, setDeal] = useState<DealValues>(() => dealStart(lead, settings.data?.defaultCurrency ?? 'EUR', (name) => t('leads.convert.dealName', { name })));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const { busy, run } = useBusy();
  const found = matches.data ?? [];
  const choice = picked ?? defaultChoice(lead, found, canCreateAccount);
  const chosenName = choice.kind === 'match' ? found.find((m) => m.accountId === choice.accountId)?.name : choice.kind === 'other' ? other.name : null;

  const submit = async () => {
    setError(null);
    const body = convertBody(lead, choice, other.id, withDeal ? deal : null);
    if (choice.kind === 'other' && !other.id) return setErrors({ accountId: t('validation.required') });
    const parsed = leadConvertSchema.safeParse(body);
    if (!parsed.success) return setErrors(Object.fromEntries(Object.entries(zodFieldErrors(parsed.error)).map(([k, m]) => [k, fieldMessage(t, m)])));
    setErrors({});
    await run(async () => {
      const result = await convertLead(lead.id, body);
      qc.setQueryData(recordKeys.detail('leads', lead.id), result.lead);
      for (const m of ['leads', 'contacts', 'accounts', 'deals'] as const) void qc.invalidateQueries({ queryKey: recordKeys.module(m) });
      notifySuccess(t('leads.convert.done', { name: lead.fullName }));
      onClose();
      if (result.lead.convertedContactName !== null) void navigate({ to: '/contacts/$contactId', params: { contactId: result.contactId } });
    }, (e) => {
      if (e instanceof ApiError && e.code === 'validation_failed' && Object.keys(e.fields).length) setErrors(Object.fromEntries(Object.entries(e.fields).map(([k, m]) => [k, fieldMessage(t, m)])));
      setError(errorMessage(t, e));
    });
  };

  return (
    <Modal opened onClose={onClose} title={t('leads.convert.title', { name: lead.fullName })} centered size="lg">
      <form onSubmit={(e) => { e.preventDefault(); void submit(); }} noValidate data-testid="convert-modal">
        <Stack gap="md">
          <Text size="sm" c="dimmed">{t('leads.convert.intro')}</Text>
          <Summary icon={<IconAddressBook size={18} />} title={t('leads.convert.contact')} text={[lead.fullName, lead.email, lead.phone].filter(Boolean).join(' · ')} />
          <Paper withBorder radius="md" p="sm">
            <Summary icon={<IconBuilding size={18} />} title={t('leads.convert.account')} text={choice.kind === 'new' ? t('leads.convert.newAccountNamed', { name: lead.company }) : choice.kind === 'none' ? t('leads.convert.noAccountShort') : chosenName ? t('leads.convert.existingAccountNamed', { name: chosenName }) : t('leads.convert.pickAccount')} />
            <Radio.Group value={choiceValue(choice)} onChange={(v) => { setPicked(choiceOf(v)); setErrors({}); }} mt="sm" role="group" aria-label={t('leads.convert.account')} data-testid="convert-account-choice">
              <Stack gap={8}>
                {matches.isPending && canSeeAccounts ? <Skeleton h={20} /> : null}
                {found.map((m) => (
                  <Radio
                    key={m.accountId}
                    value={`match:${m.accountId}`}
                    data-testid="convert-match"
                    label={
                      <Group gap={6} wrap="nowrap">
                        <Text size="sm" fw={550}>{m.name}</Text>
                        <Badge size="xs" variant="light" color={m.reason === 'name' ? 'teal' : 'blue'} styles={{ label: { textTransform: 'none' } }}>
                          {t(`leads.convert.reason.${m.reason}`)}
                        </Badge>
                        {m.website ? <Text size="xs" c="dimmed" truncate="end">{m.website}</Text> : null}
                      </Group>
                    }
                  />
                ))}
                {canSeeAccounts ? <Radio value="other" label={t('leads.convert.otherAccount')} data-testid="convert-other" /> : null}
                {choice.kind === 'other' ? (
                  <Box pl={30}>
                    <RecordSearchSelect<AccountListItem>
                      module="accounts"
                      label={t('leads.convert.otherAccountLabel')}
                      value={other.id}
                      valueLabel={other.name}
                      onChange={(id, name) => { setOther({ id, name }); setErrors({}); }}
                      error={errors.accountId}
                      itemLabel={(a) => a.name}
                      testId="convert-account-search"
                    />
                  </Box>
                ) : null}
                {lead.company ? (
                  <Radio value="new" disabled={!canCreateAccount} label={t('leads.convert.newAccountNamed', { name: lead.company })} data-testid="convert-new-account" />
                ) : (
                  <Radio value="none" label={t('leads.convert.noAccount')} data-testid="convert-no-account" />
                )}
              </Stack>
            </Radio.Group>
          </Paper>
          <Paper withBorder radius="md" p="sm">
            <Group justify="space-between" wrap="nowrap">
              <Summary icon={<IconReportMoney size={18} />} title={t('leads.convert.deal')} text={withDeal ? deal.name : t('leads.convert.noDeal')} />
              <Checkbox checked={withDeal} onChange={(e) => setWithDeal(e.currentTarget.checked)} disabled={!canCreateDeal} label={t('leads.convert.createDeal')} data-testid="convert-create-deal" />
            </Group>
            {withDeal ? <ConvertDealFields values={deal} onChange={(patch) => setDeal((d) => ({ ...d, ...patch }))} errors={errors} /> : null}
          </Paper>
          <ErrorAlert error={error} />
          <ModalActions onCancel={onClose} label={t('leads.convert.submit')} color="violet" busy={busy} testId="convert-submit" gap="xs" />
        </Stack>
      </form>
    </Modal>
  );
}

function Summary({ icon, title, text }: { icon: ReactNode; title: string; text: string }) {
  return (
    <Group gap="sm" wrap="nowrap" align="flex-start" style={{ minWidth: 0 }}>
      <Text c="violet.7" mt={2} style={{ display: 'flex' }}>{icon}</Text>
      <div style={{ minWidth: 0 }}>
        <Text size="xs" c="dimmed" tt="uppercase" fw={600}>{title}</Text>
        {/* what the conversion creates is read in full before confirming: wrapped, never cut */}
        <Text size="sm" fw={550} style={{ overflowWrap: 'anywhere' }}>{text}</Text>
      </div>
    </Group>
  );
}
