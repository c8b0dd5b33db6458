import { useTranslation } from 'react-i18next';
import { useNavigate } from '@tanstack/react-router';
import { Badge, Button, Group, Paper, Text } from '@mantine/core';
import { IconArrowMerge, IconX } from '@tabler/icons-react';
import type { DuplicateCluster, DuplicateModule, DuplicateRecord } from '@kontor/contract/duplicates';
import { DataTable, type Column } from '../../components/DataTable';
import { formatDateTime } from '../../lib/format';
import { MailCell, Muted, NameCell, PhoneCell } from '../records/cells';
import { reasonsText } from './reasons';

interface Props {
  module: DuplicateModule;
  cluster: DuplicateCluster;
  /** The reader may merge and dismiss (the server decides record by record). */
  canAct: boolean;
  onMerge: () => void;
  onDismiss: () => void;
}

function recordColumns(t: ReturnType<typeof useTranslation>['t'], module: DuplicateModule): Column<DuplicateRecord>[] {
  return [
    {
      key: 'name', header: t('fields.name'), kind: 'name',
      render: (r) => <NameCell to={`/${module}/${r.id}`} name={r.name} photoUrl={null} kind={module === 'accounts' ? 'organization' : 'person'} />,
    },
    // narrow screens keep what tells the records apart best: a contact's e-mail, an account's website
    { key: 'email', header: t('fields.primaryEmail'), kind: 'email', hideBelow: module === 'accounts' ? 'md' : undefined, render: (r) => <MailCell email={r.email} /> },
    { key: 'phone', header: t('fields.primaryPhone'), kind: 'phone', render: (r) => <PhoneCell phone={r.phone} /> },
    { key: 'context', header: t(module === 'contacts' ? 'fields.account' : 'fields.website'), kind: module === 'contacts' ? 'longText' : 'url', hideBelow: module === 'contacts' ? 'md' : undefined, render: (r) => <Muted>{r.context}</Muted> },
    { key: 'owner', header: t('fields.owner'), kind: 'person', hideBelow: 'lg', render: (r) => <Muted>{r.owner?.name}</Muted> },
    { key: 'updatedAt', header: t('fields.updatedAt'), kind: 'datetime', render: (r) => <Muted>{formatDateTime(r.updatedAt)}</Muted> },
  ];
}

/** One cluster of likely duplicates: its score, its records, which of them agree on what, and Merge / Not duplicates. */
export function ClusterCard({ module, cluster: c, canAct, onMerge, onDismiss }: Props) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const names = new Map(c.records.map((r) => [r.id, r.name]));
  const nameOf = (id: string) => names.get(id) ?? t('timeline.hiddenRecord');
  return (
    <Paper withBorder radius="md" style={{ overflow: 'hidden' }} component="article" aria-label={t('duplicates.page.clusterLabel', { names: c.records.map((r) => r.name).join(', ') })} data-testid="duplicate-cluster" data-id={c.id}>
      <Group className="k-dup-card-head" justify="space-between" gap="xs" wrap="wrap">
        <Group gap={8} wrap="nowrap" style={{ minWidth: 0 }}>
          <Badge variant="light" color={c.score >= 80 ? 'red' : 'gray'} title={t('duplicates.scoreHint')} data-testid="duplicate-cluster-score">
            {t('duplicates.score', { score: c.score })}
          </Badge>
          <Text size="sm" c="dimmed">
            {t(`duplicates.page.count.${module}`, { count: c.records.length })}
          </Text>
        </Group>
        {canAct ? (
          <Group gap={6} wrap="nowrap">
            <Button size="compact-sm" variant="default" leftSection={<IconX size={14} />} onClick={onDismiss} data-testid="duplicate-dismiss">
              {t('duplicates.page.dismiss')}
            </Button>
            <Button size="compact-sm" leftSection={<IconArrowMerge size={14} />} onClick={onMerge} disabled={c.records.length < 2} data-testid="duplicate-merge">
              {t('duplicates.page.merge')}
            </Button>
          </Group>
        ) : null}
      </Group>
      <DataTable<DuplicateRecord>
        columns={recordColumns(t, module)}
        rows={c.records}
        rowKey={(r) => r.id}
        onRowClick={(r) => void navigate({ to: `/${module}/${r.id}` })}
        caption={t('duplicates.page.recordsCaption')}
        testId="duplicate-records"
      />
      <ul className="k-dup-pairs" aria-label={t('duplicates.page.why')} data-testid="duplicate-pairs">
        {c.pairs.map((p) => (
          <li key={p.ids.join('-')}>
            <Text size="xs" c="gray.8" className="k-dup-wrap">
              {/* two records: the card's score and table say who; more: each pair names its two */}
              {c.records.length > 2 ? (
                <>
                  <b>{nameOf(p.ids[0])}</b> ↔ <b>{nameOf(p.ids[1])}</b>
                  {` · ${t('duplicates.score', { score: p.score })} · `}
                </>
              ) : null}
              {reasonsText(t, p.reasons)}
            </Text>
          </li>
        ))}
      </ul>
    </Paper>
  );
}
