import { Suspense, use } from 'react';
import { TextInput } from '@mantine/core';
import type { DatePickerInput, DatePickerInputProps, DatePickerType } from '@mantine/dates';

// @mantine/dates (with dayjs) is a chunk of its own, fetched when a date input first shows: a list's filter bar only
// needs it once someone filters by a date (issue #14).
let dates: Promise<{ DatePickerInput: typeof DatePickerInput }> | undefined;

function Picker<T extends DatePickerType>(props: DatePickerInputProps<T>) {
  const { DatePickerInput: Input } = use((dates ??= import('@mantine/dates')));
  return <Input {...props} />;
}

/** `DatePickerInput`, loaded on first use; a disabled input with the same label meanwhile. */
export function LazyDatePickerInput<T extends DatePickerType = 'default'>(props: DatePickerInputProps<T>) {
  return (
    <Suspense fallback={<TextInput label={props.label} placeholder={props.placeholder} aria-label={props['aria-label']} disabled />}>
      <Picker {...props} />
    </Suspense>
  );
}
