import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { ApiError, type FieldProblem } from '../../lib/api';
import { errorMessage, fieldMessages, zodFieldErrors } from '../../lib/errors';
import { remapPointErrors } from './form-utils';

/** Form values, per-field errors (translated), a form-level error and a dirty flag against the initial values. */
export function useRecordForm<V extends object>(initial: V) {
  const { t } = useTranslation();
  const [start, setStart] = useState(initial);
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);
  const dirty = useMemo(() => JSON.stringify(values) !== JSON.stringify(start), [values, start]);

  const set = useCallback(<K extends keyof V>(key: K, value: V[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    setErrors((e) => {
      const k = String(key);
      if (!Object.keys(e).some((p) => p === k || p.startsWith(`${k}.`))) return e;
      return Object.fromEntries(Object.entries(e).filter(([p]) => p !== k && !p.startsWith(`${k}.`)));
    });
  }, []);

  const reset = useCallback((next: V) => {
    setStart(next);
    setValues(next);
    setErrors({});
    setFormError(null);
    setConflict(false);
  }, []);

  const showFieldErrors = useCallback(
    (raw: Record<string, FieldProblem | string>) => {
      setErrors(fieldMessages(t, raw));
      setFormError(t('form.fixFields'));
      requestAnimationFrame(() => {
        const el = document.querySelector<HTMLElement>('[data-testid] [aria-invalid="true"], input[aria-invalid="true"], textarea[aria-invalid="true"]');
        el?.focus();
      });
    },
    [t],
  );

  /** Client-side check with the contract's schema; false (and errors shown) when invalid. */
  const validate = useCallback(
    (schema: z.ZodType, payload: unknown, extra: Record<string, FieldProblem | string> = {}, index: Record<string, number[]> = {}): boolean => {
      const result = schema.safeParse(payload);
      const fieldErrors: Record<string, FieldProblem | string> = { ...(result.success ? {} : remapPointErrors(zodFieldErrors(result.error), index)), ...extra };
      if (Object.keys(fieldErrors).length === 0) return true;
      showFieldErrors(fieldErrors);
      return false;
    },
    [showFieldErrors],
  );

  /** A server answer mapped onto the form: fields inline, the rest above the form. */
  const serverError = useCallback(
    (e: unknown, index: Record<string, number[]> = {}) => {
      if (e instanceof ApiError && e.code === 'validation_failed' && Object.keys(e.fields).length) {
        showFieldErrors(remapPointErrors(e.fields, index));
        return;
      }
      // assigning an owner the user may not assign, or changing the owner without the share right: 403 naming the field
      if (e instanceof ApiError && e.code === 'forbidden' && e.fields.ownerId) {
        setErrors({ ownerId: e.fields.ownerId.code === 'owner_locked' ? t('records.ownerLockedHint') : t('fieldErrors.owner_not_allowed') });
        setFormError(t('form.fixFields'));
        return;
      }
      if (e instanceof ApiError && e.code === 'version_conflict') setConflict(true);
      if (e instanceof ApiError && (e.code === 'parent_cycle' || e.code === 'parent_chain_hidden')) {
        setErrors({ parentAccountId: errorMessage(t, e) });
        setFormError(t('form.fixFields'));
        return;
      }
      setFormError(errorMessage(t, e));
    },
    [showFieldErrors, t],
  );

  return { values, set, setValues, errors, setErrors, formError, setFormError, conflict, dirty, reset, validate, serverError };
}
