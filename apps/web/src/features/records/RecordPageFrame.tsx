import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { useNavigate } from '@tanstack/react-router';
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
import { FieldItem } from './FieldItem';
import { HistorySection } from './HistorySection';
import { RecordActions } from './RecordMoreMenu';
import { RecordSection } from './RecordSection';
import { RecordSidebar } from './RecordSidebar';
import { BackLink, RecordUnavailable } from './RecordUnavailable';
import { StampsView } from './StampsView';
import { showUndoToast } from './undo';
import { useRecordPatch } from './useRecordPatch';

type PageRecord = Account | Contact | Lead;
type Field = { label: string; value: ReactNode };
/** Label and display value of a field of the record, by its key (also `customFields.<key>`). */
export type FieldOf<R> = (t: TFunction, key: string, record: R, defs: CustomFieldDefinition[]) => Field;
/** The edit or clone drawer that is open, with the record as it was when it opened. */
export type RecordFormState<R> = { mode: 'edit' | 'clone'; record: R } | null;

/** A record page while its record loads, or when it cannot be shown; the loaded record goes to `children`. */
export function RecordLoader<R>({ module, query, children }: { module: RecordModule; query: UseQueryResult<R>; children: (record: R) => ReactNode }) {
  if (query.isPending) return <PageSkeleton />;
  if (query.isError) return <RecordUnavailable module={module} error={query.error} onRetry={() => void query.refetch()} />;
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
  /** More of "Info", after its fields and before the description. */
  infoExtra?: (field: (key: string) => Field) => ReactNode;
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
  const navigate = useNavigate();
  const rights = useMyRights();
  const defs = useCustomFields(module).data ?? [];
  const settings = useSettings();
  const patch = useRecordPatch<R>(module, r);
  const [formState, setFormState] = useState<RecordFormState<R>>(null);
  const [deleting, setDeleting] = useState(false);
  const [sharing, setSharing] = useState<SharingDialog>(null);
  const readOnly = !r.access.edit;
  const field = (key: string) => fieldOf(t, key, r, defs);
  const card = (module === 'leads' ? [] : (settings.data?.businessCard[module] ?? [])).map((key) => ({ key, ...field(key) }));
  const setRecord = (saved: R) => {
    qc.setQueryData(recordKeys.detail(module, saved.id), saved);
    void qc.invalidateQueries({ queryKey: recordKeys.lists(module) });
  };

  return (
    <>
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
                  return (
                    <FieldItem key={k} label={f.label} testId={`value-${k}`}>
                      {f.value}
                    </FieldItem>
                  );
                })}
                {infoExtra?.(field)}
                <FieldItem label={t('fields.description')} span testId={descriptionTestId}>
                  {r.description ? <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>{r.description}</Text> : null}
                </FieldItem>
              </div>
            </RecordSection>
            {'emails' in r ? (
              <RecordSection title={t('sections.contactPoints')} testId="section-contact-points">
                <ContactPointsView emails={r.emails} phones={r.phones} websites={r.websites} addresses={r.addresses} />
              </RecordSection>
            ) : null}
            {defs.length ? (
              <RecordSection title={t('sections.customFields')} testId="section-custom-fields">
                <div className="k-fields">
                  {defs.map((d) => {
                    const f = field(`customFields.${d.key}`);
                    return (
                      <FieldItem key={d.id} label={f.label} testId={`value-cf-${d.key}`}>
                        {f.value}
                      </FieldItem>
                    );
                  })}
                </div>
              </RecordSection>
            ) : null}
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
            showUndoToast({ t, qc, module, id: r.id, name, onRestored: () => open(r.id) });
            void navigate({ to: `/${module}` });
          }}
        />
      ) : null}
    </>
  );
}
