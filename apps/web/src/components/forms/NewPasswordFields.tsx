import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { PasswordInput, Stack } from '@mantine/core';
import { passwordSchema } from '@kontor/contract/users';
import { fieldMessage, zodFieldErrors } from '../../lib/errors';

export interface NewPassword {
  password: string;
  repeat: string;
}
export const emptyNewPassword: NewPassword = { password: '', repeat: '' };

/** Errors for a new password typed twice (the contract's length rule, then equality); empty when fine. */
export function newPasswordErrors(t: TFunction, v: NewPassword): Partial<Record<keyof NewPassword, string>> {
  const parsed = passwordSchema.safeParse(v.password);
  if (!parsed.success) return { password: fieldMessage(t, zodFieldErrors(parsed.error)._ ?? 'required') };
  if (v.password !== v.repeat) return { repeat: t('password.mismatch') };
  return {};
}

/** A new password and its repetition, with the rule shown under the first field. */
export function NewPasswordFields({ value, onChange, errors, label, autoFocus, testId = 'new-password' }: {
  value: NewPassword;
  onChange: (v: NewPassword) => void;
  errors: Partial<Record<keyof NewPassword, string>>;
  label?: string;
  autoFocus?: boolean;
  testId?: string;
}) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm">
      <PasswordInput
        label={label ?? t('password.new')}
        autoFocus={autoFocus}
        description={t('password.rule')}
        autoComplete="new-password"
        required
        data-autofocus={autoFocus || undefined}
        value={value.password}
        onChange={(e) => onChange({ ...value, password: e.currentTarget.value })}
        error={errors.password}
        data-testid={testId}
      />
      <PasswordInput
        label={t('password.repeat')}
        autoComplete="new-password"
        required
        value={value.repeat}
        onChange={(e) => onChange({ ...value, repeat: e.currentTarget.value })}
        error={errors.repeat}
        data-testid={`${testId}-repeat`}
      />
    </Stack>
  );
}
