import { Alert } from '@mantine/core';

/** A dialog's error that belongs to no field, announced to screen readers; nothing when there is none. */
export function ErrorAlert({ error }: { error: string | null }) {
  return error ? (
    <Alert color="red" role="alert">
      {error}
    </Alert>
  ) : null;
}
