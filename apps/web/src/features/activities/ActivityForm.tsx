import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Anchor, Button, Group, Modal, Stack } from '@mantine/core';
import { DatesProvider } from '@mantine/dates';
import { IconCalendarDown, IconTrash } from '@tabler/icons-react';
import 'dayjs/locale/de';
import 'dayjs/locale/ro';
import 'dayjs/locale/zh-cn';
import { activityCreateSchema, activityUpdateSchema, type Activity } from '@kontor/contract/activities';
import { ApiError, type FieldProblem } from '../../lib/api';
import { fieldMessage, notifyError, zodFieldErrors } from '../../lib/errors';
import { currentLocale } from '../../lib/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ModalActions } from '../../components/ModalActions';
import { useCurrentUser } from '../auth/session';
import { useRecordForm } from '../records/useRecordForm';
import { showUndoToast } from '../records/undo';
import { createActivity, deleteActivity, icsUrl, invalidateActivityViews, updateActivity, useActivityAccess } from './api';
import { activityFormValues, activityPayload, type ActivityFormInit, type ActivityFormValues } from './activity-form-values';
import { ActivityFormFields } from './ActivityFormFields';

const dayjsLocale = { en: 'en', de: 'de', 'zh-CN': 'zh-cn', ro: 'ro' } as const;

/** API fields -> the form's: a due time and a start are the one "when" field. */
const formField = (key: string) => (key === 'dueAt' || key === 'startAt' || key === 'endAt' ? 'at' : key);
/** The rules of activities by code, in this form's words; any other problem with "when" is a missing or bad date. */
const knownCodes: Partial<Record<string, string>> = {
  end_before_start: 'activities.errors.endBeforeStart',
  deactivated_users: 'activities.errors.participantInactive',
  no_such_account: 'activities.errors.noSuchLink',
  no_such_contact: 'activities.errors.noSuchLink',
  no_such_deal: 'activities.errors.noSuchLink',
  no_such_lead: 'activities.errors.noSuchLink',
};

interface Props {
  init: ActivityFormInit | null;
  onClose: () => void;
  onSaved?: (saved: Activity) => void;
}

/** New, logged or edited activity in a dialog; the links given by the page it was opened from stay fixed. */
export function ActivityForm({ init, onClose, onSaved }: Props) {
  const key = init ? (init.mode === 'edit' ? `edit-${init.activity.id}-${init.activity.version}` : init.mode) : 'closed';
  return init ? <ActivityFormModal key={key} init={init} onClose={onClose} onSaved={onSaved} /> : null;
}

function ActivityFormModal({ init, onClose, onSaved }: Props & { init: ActivityFormInit }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const user = useCurrentUser();
  const form = useRecordForm<ActivityFormValues>(activityFormValues(init, user.id));
  const [saving, setSaving] = useState(false);
  const editing = init.mode === 'edit' ? init.activity : undefined;
  const fixed = init.mode === 'edit' ? undefined : init.fixed;
  const title = editing ? t('activities.edit') : init.mode === 'log' ? t('activities.logCall') : t('activities.scheduleTitle');
  // only what the server allows for this activity: Save with the edit right on it, Delete with the delete right
  const access = useActivityAccess(editing?.id);
  const readOnly = access?.edit === false;

  const showErrors = (raw: Record<string, FieldProblem | string>) => {
    const translated: Record<string, string> = {};
    for (const [k, p] of Object.entries(raw)) {
      const known = knownCodes[typeof p === 'string' ? p : p.code];
      translated[formField(k)] ??= known ? t(known) : formField(k) === 'at' ? t('activities.errors.when') : fieldMessage(t, p);
    }
    form.setErrors(translated);
    form.setFormError(t('form.fixFields'));
  };

  const submit = async () => {
    const v = form.values;
    if (!v.at) return showErrors({ at: 'required' });
    const body = activityPayload(v);
    const checked = (editing ? activityUpdateSchema : activityCreateSchema).safeParse(editing ? { ...body, version: editing.version } : body);
    if (!checked.success) return showErrors(zodFieldErrors(checked.error));
    setSaving(true);
    try {
      const saved = editing ? await updateActivity(editing.id, { ...body, version: editing.version }) : await createActivity(body);
      invalidateActivityViews(qc);
      onSaved?.(saved);
      onClose();
    } catch (e) {
      if (e instanceof ApiError && e.code === 'validation_failed' && Object.keys(e.fields).length) showErrors(e.fields);
      else form.serverError(e);
    } finally {
      setSaving(false);
    }
  };

  const remove = async () => {
    if (!editing) return;
    try {
      await deleteActivity(editing.id, editing.version);
      invalidateActivityViews(qc);
      onClose();
      showUndoToast({ t, qc, module: 'activities', id: editing.id, name: editing.subject, onRestored: () => invalidateActivityViews(qc) });
    } catch (e) {
      notifyError(t, e);
    }
  };

  return (
    <Modal opened onClose={onClose} title={title} size="lg" centered>
      <DatesProvider settings={{ locale: dayjsLocale[currentLocale()], firstDayOfWeek: currentLocale() === 'en' ? 0 : 1 }}>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
          noValidate
          data-testid="activity-form"
        >
          <Stack gap="sm">
            {readOnly ? (
              <Alert color="gray" variant="light" data-testid="activity-view-only">
                {t('records.viewOnlyHint')}
              </Alert>
            ) : null}
            <ErrorAlert error={form.conflict ? t('errors.version_conflict') : form.formError} />
            <ActivityFormFields
              values={form.values}
              set={form.set}
              setValues={form.setValues}
              errors={form.errors}
              fixed={fixed}
              leadName={init.mode === 'edit' ? (init.activity.lead?.name ?? null) : (init.prefill?.lead?.name ?? null)}
            />
            <ModalActions
              mt="xs"
              onCancel={onClose}
              label={t('common.save')}
              busy={saving}
              disabled={readOnly}
              testId="activity-save"
              leading={
                editing ? (
                  <Group gap="xs">
                    {access?.delete ? (
                      <Button variant="subtle" color="red" leftSection={<IconTrash size={16} />} onClick={() => void remove()} data-testid="activity-delete">
                        {t('common.delete')}
                      </Button>
                    ) : null}
                    {editing.type !== 'task' ? (
                      <Anchor href={icsUrl(editing.id)} download size="sm" data-testid="activity-ics">
                        <Group gap={4} wrap="nowrap">
                          <IconCalendarDown size={16} />
                          {t('activities.downloadIcs')}
                        </Group>
                      </Anchor>
                    ) : null}
                  </Group>
                ) : null
              }
            />
          </Stack>
        </form>
      </DatesProvider>
    </Modal>
  );
}
