import { useTranslation } from 'react-i18next';
import { Divider, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { Lead } from '@kontor/contract/leads';
import { useCustomFields } from '../../lib/reference';
import { FieldItem } from '../records/FieldItem';
import { SidebarTags } from '../records/InlineTags';
import { AccessBadges } from '../records/RecordSidebar';
import { useRecordPatch } from '../records/useRecordPatch';
import { LeadStatusBadge } from './labels';
import { CustomLinksBox } from '../custom-links/CustomLinksBox';
import { leadField } from './lead-fields';

const cardFields = ['company', 'email', 'phone', 'source', 'ownerId'];

/** Left column of a lead's page: status, name, how to reach them, where they came from, tags. */
export function LeadSidebar({ lead: l }: { lead: Lead }) {
  const { t } = useTranslation();
  const defs = useCustomFields('leads').data ?? [];
  const patch = useRecordPatch<Lead>('leads', l);
  return (
    <Paper withBorder radius="md" p="lg" data-testid="record-sidebar">
      <Stack gap="md">
        <div>
          <Group gap={6} mb={6}>
            <LeadStatusBadge status={l.status} t={t} size="md" />
          </Group>
          <Title order={2} fz={19} style={{ overflowWrap: 'anywhere' }} data-testid="record-name">
            {l.fullName}
          </Title>
          {l.position || l.company ? (
            <Text size="sm" c="dimmed" mt={2}>
              {[l.position, l.company].filter(Boolean).join(' · ')}
            </Text>
          ) : null}
          <AccessBadges readOnly={!l.access.edit} restricted={l.restrictedTo !== null} />
        </div>
        <Divider />
        <Stack gap={10} data-testid="business-card">
          {cardFields.map((k) => {
            const f = leadField(t, k, l, defs);
            return (
              <FieldItem key={k} label={f.label} testId={`card-${k}`}>
                {f.value}
              </FieldItem>
            );
          })}
        </Stack>
        <Divider />
        <SidebarTags tags={l.tags} onSave={async (tags) => { await patch({ tags }); }} readOnly={!l.access.edit} />
        <CustomLinksBox module="leads" record={l} />
      </Stack>
    </Paper>
  );
}
