import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { useRouter } from '@tanstack/react-router';
import { useQueryClient, type UseQueryResult } from '@tanstack/react-query';
import { Stack, Text } from '@mantine/core';
import type { Account } from '@kontor/contract/accounts';
import type { Contact } from '@kontor/contract/contacts';
import type { Lead } from '@kontor/contract/leads';
import { modules, type CustomFieldDefinition } from '@kontor/contract/custom-fields';
import { useCustomFields, useSettings } from '../../lib/reference';
import { PageHeader } from '../../components/PageHeader';
import { PageSkeleton } from '../../components/States';
import { useMyRights } from '../auth/permissions';
import type { SharingDialog } from '../sharing/api';
import { SharingMenuItems, SharingSection } from '../sharing/SharingSection';
import { recordKeys, type RecordModule } from './api';
import { ContactPointsView } from './ContactPointsView';
import { DeleteDialog, type ContactsChoice } from './DeleteDialog';
import { HistorySection } from './HistorySection';
import { InlineConflict } from './InlineConflict';
import { CustomFieldsSection } from './CustomFieldsSection';
import { InlineField } from './InlineField';
import { RecordActions } from './RecordMoreMenu';
import { RecordSection } from './RecordSection';
import { RecordSidebar } from './RecordSidebar';
import { BackLink, RecordUnavailable } from './RecordUnavailable';
import { StampsView } from './StampsView';
import { showUndoToast } from './undo';
import { InlineEditingContext, useInlineEditing } from './useInlineEditing';
import { ConflictContext, useConflictStore, useRecordPatch } from './useRecordPatch';
import { listHrefOf } from '../views/list-memory';
import { MergedRedirect } from '../duplicates/MergedRedirect';

type PageRecord = Account | Contact | Lead;
type Field = { label: string; value: ReactNode };
/** Label and display value of a field of the record, by its key (also `customFields.<key>`). */
export type FieldOf<R> = (t: TFunction, key: string, record: R, defs: CustomFieldDefinition[]) => Field;
/** The edit or clone drawer that is open, with the record as it was when it opened. */
export type RecordFormState<R> = { mode: 'edit' | 'clone'; record: R } | null;

/** A page's label of a field, or null when the page's field function does not know the key (it answers the key). */
export const knownLabel = (key: string, label: string): string | null => (label && label !== key ? label : null);

/**
 * A record page while its record loads, or when it cannot be shown; the loaded record goes to `children`. A record
 * answered with another id than `id` was merged into that one (issue #16): the page moves to its survivor.
 */
export function RecordLoader<R extends { id: string }>({ module, id, query, children }: { module: RecordModule; id?: string; query: UseQueryResult<R>; children: (record: R) => ReactNode }) {
  if (query.isPending) return <PageSkeleton />;
  if (query.isError) return <RecordUnavailable module={module} error={query.error} onRetry={() => void query.refetch()} />;
  if (id !== undefined && query.data.id !== id) return <MergedRedirect module={module} to={query.data.id} />;
  return children(query.data);
}

interface Props<R extends PageRecord> {
  module: 'accounts' | 'contacts' | 'leads';
  record: R;
  name: string;
  subtitle: string;
  fieldOf: FieldOf<R>;
  /** The keys shown in "Info", in order; `infoField` may show some of them otherwise than `fieldOf`. */
  infoFields: string[];
  infoField?: FieldOf<R>;
  /** More of "Info", after its fields and before the description; `inline` shows a field edited in place. */
  infoExtra?: (field: (key: string) => Field, inline: (key: string) => ReactNode) => ReactNode;
  descriptionTestId?: string;
  /** Menu items of the module's own (under "More"). */
  extraActions?: ReactNode;
  /** Sections of the module's own, after the custom fields. */
  children?: ReactNode;
  /** Badges under the name in the sidebar (an account's "Customer"). */
  sidebarBadges?: ReactNode;
  /** More of the sidebar, after the business card (an account's deal sums). */
  sidebarExtra?: ReactNode;
  /** Dialogs of the module's own. */
  dialogs?: ReactNode;
  /** Actions of the module's own in the header, before Edit and More (a lead's Convert). */
  headerActions?: ReactNode;
  /** A notice above the page's columns (a converted lead's). */
  banner?: ReactNode;
  /** The left column, for a module without photo and contact type (leads); accounts and contacts get `RecordSidebar`. */
  sidebar?: ReactNode;
  /** The edit/clone drawer; `onSaved` opens a clone once it is saved. */
  form: (state: RecordFormState<R>, close: () => void, onSaved: (saved: { id: string }, mode: string) => void) => ReactNode;
  /** Opens a record of this module. */
  open: (id: string) => void;
  contactCount?: number;
  onDelete: (choice: ContactsChoice | undefined) => Promise<unknown>;
}

/** A record page: header with Edit and More, the sidebar, the sections, and the edit, sharing and delete dialogs. */
export function RecordPageFrame<R extends PageRecord>(props: Props<R>) {
  const { module, record: r, name, subtitle, fieldOf, infoFields, infoField = fieldOf, infoExtra, descriptionTestId, extraActions, children, sidebarBadges, sidebarExtra, dialogs, headerActions, banner, sidebar, form, open, contactCount, onDelete } = props;
  const { t } = useTranslation();
  const qc = useQueryClient();
  const router = useRouter();
  const rights = useMyRights();
  const defs = useCustomFields(module).data ?? [];
  const settings = useSettings();
  const conflicts = useConflictStore();
  const patch = useRecordPatch<R>(module, r, { conflicts });
  const [formState, setFormState] = useState<RecordFormState<R>>(null);
  const [deleting, setDeleting] = useState(false);
  const [sharing, setSharing] = useState<SharingDialog>(null);
  const readOnly = !r.access.edit;
  const field = (key: string) => fieldOf(t, key, r, defs);
  const editing = useInlineEditing<R>(module, r, { defs, conflicts, label: (key) => knownLabel(key, infoField(t, key, r, defs).label) });
  const pageConflict = conflicts.conflict && !conflicts.conflict.field ? conflicts.conflict : null;
  const card = (module === 'leads' ? [] : (settings.data?.businessCard[module] ?? [])).map((key) => ({ key, ...field(key) }));
  const setRecord = (saved: R) => {
    qc.setQueryData(recordKeys.detail(module, saved.id), saved);
    void qc.invalidateQueries({ queryKey: recordKeys.lists(module) });
  };

  return (
    <ConflictContext.Provider value={conflicts}>
      <InlineEditingContext.Provider value={editing}>
        <PageHeader
          title={name}
          before={<BackLink to={`/${module}`} label={t(`nav.${module}`)} />}
          actions={
            <>
              {headerActions}
              <RecordActions
              access={r.access}
              canClone={rights.can(module, 'create')}
              onEdit={() => setFormState({ mode: 'edit', record: r })}
              onClone={() => setFormState({ mode: 'clone', record: r })}
              onDelete={() => setDeleting(true)}
              extra={extraActions}
              sharing={r.access.share ? <SharingMenuItems restricted={r.restrictedTo !== null} onDialog={setSharing} /> : undefined}
              />
            </>
          }
        />
        <div className="k-page">
          {banner}
          {pageConflict ? (
            <div style={{ marginBottom: 16 }}>
              <InlineConflict conflict={pageConflict} labelOf={editing.labelOf} />
            </div>
          ) : null}
          <div className="k-record-grid">
            {sidebar ??
              ('photoUrl' in r ? (
                <RecordSidebar<R>
                  module={module}
                  record={r}
                  name={name}
                  subtitle={subtitle || undefined}
                  card={card}
                  onPhotoChanged={setRecord}
                  onPatch={patch}
                  readOnly={readOnly}
                  restricted={r.restrictedTo !== null}
                  badges={sidebarBadges}
                  extra={sidebarExtra}
                />
              ) : null)}
            <Stack gap="md" style={{ minWidth: 0 }}>
              <RecordSection title={t('sections.info')} testId="section-info">
                <div className="k-fields">
                  {infoFields.map((k) => {
                    const f = infoField(t, k, r, defs);
                    return <InlineField key={k} editing={editing} field={k} label={f.label} value={f.value} testId={`value-${k}`} />;
                  })}
                  {infoExtra?.(field, (k) => <InlineField key={k} editing={editing} field={k} label={field(k).label} value={field(k).value} testId={`value-${k}`} />)}
                  <InlineField
                    editing={editing}
                    field="description"
                    label={t('fields.description')}
                    span
                    testId={descriptionTestId}
                    value={r.description ? <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>{r.description}</Text> : null}
                  />
                </div>
              </RecordSection>
              {'emails' in r ? (
                <RecordSection title={t('sections.contactPoints')} testId="section-contact-points">
                  <ContactPointsView emails={r.emails} phones={r.phones} websites={r.websites} addresses={r.addresses} />
                </RecordSection>
              ) : null}
              <CustomFieldsSection defs={defs} editing={editing} field={field} />
              {children}
              <SharingSection module={module} record={r} name={name} dialog={sharing} onDialog={setSharing} onRestrict={(restrictedTo) => patch({ restrictedTo })} />
              <HistorySection module={module} id={r.id} />
              <RecordSection title={t('sections.recordInfo')}>
                <StampsView record={r} />
              </RecordSection>
            </Stack>
          </div>
        </div>
        {form(formState, () => setFormState(null), (saved, mode) => {
          if (mode === 'clone') open(saved.id);
        })}
        {dialogs}
        {deleting ? (
          <DeleteDialog
            opened
            onClose={() => setDeleting(false)}
            name={name}
            contactCount={contactCount}
            onConfirm={async (choice) => {
              await onDelete(choice);
              qc.removeQueries({ queryKey: recordKeys.detail(module, r.id) });
              for (const m of [module, ...modules.filter((x) => x !== module)]) void qc.invalidateQueries({ queryKey: recordKeys.module(m) });
              void qc.invalidateQueries({ queryKey: ['recycle-bin'] });
              const list = listHrefOf(module);
              showUndoToast({ t, qc, module, id: r.id, name, path: list.split('?')[0], onRestored: () => open(r.id) });
              router.history.push(list);
            }}
          />
        ) : null}
      </InlineEditingContext.Provider>
    </ConflictContext.Provider>
  );
}
