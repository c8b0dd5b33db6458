import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Badge, Divider, Paper, Select, Stack, Text, Title, Tooltip } from '@mantine/core';
import { IconEye, IconLock } from '@tabler/icons-react';
import { useContactTypeOptions, useContactTypes } from '../../lib/reference';
import type { RecordModule } from './api';
import { InlineField } from './InlineField';
import { SidebarTags } from './InlineTags';
import { CustomLinksBox } from '../custom-links/CustomLinksBox';
import { PhotoBox } from './PhotoBox';
import { isCardField } from './sidebar-fields';

interface Props<T> {
  module: RecordModule;
  record: { id: string; photoUrl: string | null; tags: string[]; contactType: string | null; owner: { id: string; name: string } | null };
  name: string;
  subtitle?: ReactNode;
  card: { key: string; label: string; value: ReactNode }[];
  onPhotoChanged: (r: T) => void;
  onPatch: (patch: { tags?: string[]; contactType?: string | null }) => Promise<unknown>;
  readOnly?: boolean;
  /** Access is restricted to a list of users: a badge under the name says so. */
  restricted?: boolean;
  /** More badges under the name. */
  badges?: ReactNode;
  /** More after the business card. */
  extra?: ReactNode;
}

/** Left column of a record page: photo, name, the business card, owner, contact type and tags. */
export function RecordSidebar<T>({ module, record, name, subtitle, card: configured, onPhotoChanged, onPatch, readOnly, restricted, badges, extra }: Props<T>) {
  const { t } = useTranslation();
  // The contact type is shown (and edited) once, by the selector below; contact points in their own section.
  const card = configured.filter((f) => isCardField(f.key));
  const types = useContactTypes();
  const typeOptions = useContactTypeOptions();
  return (
    <Paper withBorder radius="md" p="lg" data-testid="record-sidebar">
      <Stack gap="md">
        <PhotoBox<T> module={module} id={record.id} name={name} photoUrl={record.photoUrl} onChanged={onPhotoChanged} readOnly={readOnly} />
        <div style={{ textAlign: 'center' }}>
          <Title order={2} fz={19} style={{ overflowWrap: 'anywhere' }} data-testid="record-name">
            {name}
          </Title>
          {subtitle ? (
            <Text size="sm" c="dimmed" mt={2}>
              {subtitle}
            </Text>
          ) : null}
          {badges}
          <AccessBadges readOnly={readOnly} restricted={restricted} />
        </div>
        <Divider />
        <Stack gap={10} data-testid="business-card">
          {card.map((f) => (
            <InlineField key={f.key} field={f.key} label={f.label} value={f.value} testId={`card-${f.key}`} />
          ))}
        </Stack>
        {extra ? (
          <>
            <Divider />
            {extra}
          </>
        ) : null}
        <Divider />
        {card.some((f) => f.key === 'ownerId') ? null : <InlineField field="ownerId" label={t('fields.owner')} value={record.owner?.name} testId="card-ownerId" />}
        <div>
          <div className="k-field-label">{t('fields.contactType')}</div>
          <Select
            size="xs"
            mt={4}
            aria-label={t('fields.contactType')}
            data={typeOptions(t)}
            value={record.contactType}
            onChange={(v) => void onPatch({ contactType: v })}
            clearable
            placeholder={t('common.none')}
            disabled={readOnly}
            data-testid="sidebar-contact-type"
            leftSection={
              record.contactType ? (
                <span style={{ width: 8, height: 8, borderRadius: 4, background: types.data?.find((c) => c.id === record.contactType)?.color ?? 'gray' }} />
              ) : undefined
            }
          />
        </div>
        <SidebarTags tags={record.tags} onSave={async (tags) => { await onPatch({ tags }); }} readOnly={readOnly} />
        <CustomLinksBox module={module} record={record} />
      </Stack>
    </Paper>
  );
}

/** "View only" and "Restricted" under a record's name, when they apply. */
export function AccessBadges({ readOnly, restricted }: { readOnly?: boolean; restricted?: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      {readOnly ? (
        <Tooltip label={t('records.viewOnlyHint')}>
          <Badge mt={8} mx={4} size="sm" variant="light" color="gray" leftSection={<IconEye size={12} />} styles={{ label: { textTransform: 'none' } }} data-testid="sidebar-view-only">
            {t('records.viewOnly')}
          </Badge>
        </Tooltip>
      ) : null}
      {restricted ? (
        <Badge mt={8} mx={4} size="sm" variant="light" color="orange" leftSection={<IconLock size={12} />} styles={{ label: { textTransform: 'none' } }} data-testid="sidebar-restricted">
          {t('sharing.restricted')}
        </Badge>
      ) : null}
    </>
  );
}
