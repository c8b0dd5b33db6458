import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../lib/api';
import { errorMessage, fieldMessage } from '../../lib/errors';
import { useBusy } from '../../lib/useBusy';

/** Saving a dialog whose main field is a required name: the name is checked, trimmed and its server error shown on the field. */
export function useNameSave(name: string, onClose: () => void) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const { busy, run } = useBusy();
  const save = (write: (name: string) => Promise<unknown>) => {
    if (!name.trim()) return setError(t('validation.required'));
    return run(
      async () => {
        await write(name.trim());
        onClose();
      },
      (e) => setError(e instanceof ApiError && e.fields.name ? fieldMessage(t, e.fields.name) : errorMessage(t, e)),
    );
  };
  return { error, setError, busy, save };
}
