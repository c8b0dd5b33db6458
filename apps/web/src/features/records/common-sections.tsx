import type { TFunction } from 'i18next';
import type { ItemModule } from '@kontor/contract/notes';
import { RelatedActivitiesSection } from '../activities/RelatedActivitiesSection';
import type { ActivityPrefill } from '../activities/activity-form-values';
import { AttachmentsSection } from '../attachments/AttachmentsSection';
import type { useMyRights } from '../auth/permissions';
import { NotesSection } from '../notes/NotesSection';
import { TimelineSection } from '../timeline/TimelineSection';
import type { PageSection } from './ArrangedSections';

type Rights = ReturnType<typeof useMyRights>;

/** The activities section of a record page (none for a user who may not view activities). */
export const activitiesSection = (t: TFunction, rights: Rights, module: ItemModule, id: string, prefill: ActivityPrefill): PageSection => ({
  key: 'activities',
  title: t('activities.title'),
  node: rights.can('activities', 'view') ? <RelatedActivitiesSection module={module} id={id} prefill={prefill} /> : null,
});

/** Notes, files and the timeline: the sections every record page ends with. */
export const itemSections = (t: TFunction, module: ItemModule, id: string, canWrite: boolean): PageSection[] => [
  { key: 'notes', title: t('notes.title'), node: <NotesSection module={module} id={id} canWrite={canWrite} /> },
  { key: 'files', title: t('attachments.title'), node: <AttachmentsSection module={module} id={id} canWrite={canWrite} /> },
  { key: 'timeline', title: t('timeline.title'), node: <TimelineSection module={module} id={id} /> },
];
