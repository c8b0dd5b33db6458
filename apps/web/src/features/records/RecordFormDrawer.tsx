import { useState, type ChangeEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Stack, Text } from '@mantine/core';
import type { z } from 'zod';
import type { CustomFieldValues } from '@kontor/contract/custom-fields';
import { useCustomFields } from '../../lib/reference';
import { FormDrawer, type FormDrawerProps } from '../../components/forms/FormDrawer';
import { recordKeys, type RecordModule } from './api';
import { invalidateHistory } from './history';
import { requiredCustomErrors } from './form-utils';
import { useRecordForm } from './useRecordForm';

type Mode = 'create' | 'edit' | 'clone';
/** The props of a module's record form: open while `init` is set. */
export interface RecordFormProps<I, R> {
  init: I | null;
  onClose: () => void;
  onSaved: (saved: R, mode: Mode) => void;
}

/** The drawer starts afresh for another mode, record or version of the record. */
export const recordFormKey = (mode: Mode, record?: { id: string; version: number }) => `${mode}-${record?.id ?? 'new'}-${record?.version ?? 0}`;

type TextKey<V> = { [K in keyof V]: V[K] extends string ? K : never }[keyof V];

interface Options<V, R> {
  module: RecordModule;
  mode: Mode;
  initial: V;
  /** The record being edited (a version conflict reloads it). */
  recordId?: string;
  /** Other modules whose lists or pages show this one's records. */
  related?: RecordModule | RecordModule[];
  onClose: () => void;
  onSaved: (saved: R, mode: Mode) => void;
}

/** The create/edit/clone drawer of a record: its form, the custom fields, the checks and the save. */
export function useRecordFormDrawer<V extends object, R extends { id: string }>({ module, mode, initial, recordId, related, onClose, onSaved }: Options<V, R>) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const defs = useCustomFields(module).data ?? [];
  const form = useRecordForm<V>(initial);
  const [saving, setSaving] = useState(false);
  const { values: v, set, errors } = form;

  /** Checks the payload with the contract's schema and the required custom fields; false (and errors shown) when invalid. */
  const validate = (schema: z.ZodType, payload: unknown, customFields: CustomFieldValues | undefined, index: Record<string, number[]>) =>
    form.validate(schema, payload, requiredCustomErrors(defs, customFields ?? {}, 'required'), index);

  const save = async (write: () => Promise<R>, index: Record<string, number[]>) => {
    setSaving(true);
    try {
      const saved = await write();
      qc.setQueryData(recordKeys.detail(module, saved.id), saved);
      void qc.invalidateQueries({ queryKey: recordKeys.module(module) });
      void invalidateHistory(qc, module, saved.id);
      for (const m of related === undefined ? [] : Array.isArray(related) ? related : [related]) void qc.invalidateQueries({ queryKey: recordKeys.module(m) });
      void qc.invalidateQueries({ queryKey: ['tags'] });
      onSaved(saved, mode);
      onClose();
    } catch (e) {
      form.serverError(e, index);
    } finally {
      setSaving(false);
    }
  };

  /** The props of a plain text input for a field of the form. */
  const text = (key: TextKey<V>) => ({
    label: t(`fields.${String(key)}`),
    value: String(v[key]),
    onChange: (e: ChangeEvent<HTMLInputElement>) => set(key, e.currentTarget.value as V[TextKey<V>]),
    error: errors[String(key)],
    'data-testid': `field-${String(key)}`,
  });

  return { module, mode, recordId, onClose, form, values: v, set, errors, defs, saving, validate, save, text };
}

/** What the drawer shows of `useRecordFormDrawer`. */
interface DrawerState {
  module: RecordModule;
  mode: Mode;
  recordId?: string;
  onClose: () => void;
  saving: boolean;
  form: { dirty: boolean; formError: string | null; conflict: boolean };
}

/**
 * The drawer itself: title by mode, the form's error (with "Reload" on a version conflict) and the clone hint; `aside`
 * is kept in view below the fields (FormDrawer's: the duplicate warning).
 */
export function RecordFormDrawer({ drawer, onSubmit, testId, children, aside }: { drawer: DrawerState; onSubmit: () => void; testId: string; children: ReactNode; aside?: FormDrawerProps['aside'] }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { module, mode, recordId, onClose, form, saving } = drawer;
  return (
    <FormDrawer
      opened
      onClose={onClose}
      title={t(`${module}.${mode === 'create' ? 'new' : mode}`)}
      dirty={form.dirty}
      saving={saving}
      onSubmit={onSubmit}
      testId={testId}
      aside={aside}
      formError={
        form.formError ? (
          <Stack gap={6} align="flex-start">
            <span>{form.conflict ? t('errors.version_conflict') : form.formError}</span>
            {form.conflict ? (
              <Button size="xs" variant="white" color="red" onClick={() => { void qc.invalidateQueries({ queryKey: recordKeys.detail(module, recordId ?? '') }); onClose(); }} data-testid="conflict-reload">
                {t('form.reloadRecord')}
              </Button>
            ) : null}
          </Stack>
        ) : undefined
      }
    >
      {children}
      {mode === 'clone' ? (
        <Text size="xs" c="dimmed">
          {t('records.cloneHint')}
        </Text>
      ) : null}
    </FormDrawer>
  );
}
