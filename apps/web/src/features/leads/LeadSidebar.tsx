import { useTranslation } from 'react-i18next';
import { Divider, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { Lead } from '@kontor/contract/leads';
import { useCustomFields } from '../../lib/reference';
import { InlineField } from '../records/InlineField';
import { SidebarTags } from '../records/InlineTags';
import { AccessBadges } from '../records/RecordSidebar';
import { useRecordPatch } from '../records/useRecordPatch';
import { LeadStatusBadge } from './labels';
import { CustomLinksBox } from '../custom-links/CustomLinksBox';
import { leadField } from './lead-fields';
import { captionBeside } from '../records/sidebar-fields';

/** The lead's card; its page's Info leaves these out, and the status (the badge above), issue #14. */
export const leadCardFields = ['company', 'email', 'phone', 'source', 'ownerId'];

/** Left column of a lead's page: status, name, how to reach them, where they came from, tags. */
export function LeadSidebar({ lead: l }: { lead: Lead }) {
  const { t } = useTranslation();
  const defs = useCustomFields('leads').data ?? [];
  const patch = useRecordPatch<Lead>('leads', l);
  const caption = captionBeside([['position', l.position], ['company', l.company]], leadCardFields);
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
          {caption ? (
            <Text size="sm" c="dimmed" mt={2}>
              {caption}
            </Text>
          ) : null}
          <AccessBadges readOnly={!l.access.edit} restricted={l.restrictedTo !== null} />
        </div>
        <Divider />
        <Stack gap={10} data-testid="business-card">
          {leadCardFields.map((k) => {
            const f = leadField(t, k, l, defs);
            return (
              <InlineField key={k} field={k} label={f.label} value={f.value} testId={`card-${k}`} />
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
