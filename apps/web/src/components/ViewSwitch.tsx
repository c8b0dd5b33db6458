import type { ReactNode } from 'react';
import { Center, SegmentedControl } from '@mantine/core';

export interface ViewSwitchOption<V extends string> {
  value: V;
  label: string;
  icon: ReactNode;
  testId: string;
}

/** Two or more ways to see one module (List | Board, Agenda | List): a segmented control that leaves the current one alone. */
export function ViewSwitch<V extends string>({ value, options, onChange, label, testId }: { value: V; options: Array<ViewSwitchOption<V>>; onChange: (v: V) => void; label: string; testId: string }) {
  return (
    <SegmentedControl
      value={value}
      onChange={(v) => {
        const next = options.find((o) => o.value === v);
        if (next && next.value !== value) onChange(next.value);
      }}
      aria-label={label}
      data={options.map((o) => ({
        value: o.value,
        label: (
          <Center style={{ gap: 6 }} data-testid={o.testId}>
            {o.icon}
            <span>{o.label}</span>
          </Center>
        ),
      }))}
      data-testid={testId}
    />
  );
}
