import type { ReactNode } from 'react';
import { Text } from '@mantine/core';

/** A value to show, or a dash when there is none (so the grid stays even). */
export function FieldValue({ children }: { children: ReactNode }) {
  const empty = children === null || children === undefined || children === '' || children === false;
  return empty ? (
    <Text span c="dimmed" size="sm">
      —
    </Text>
  ) : (
    children
  );
}

/** A label above a value; an empty value shows a dash so the grid stays even. */
export function FieldItem({ label, children, span, testId }: { label: string; children: ReactNode; span?: boolean; testId?: string }) {
  return (
    <div style={span ? { gridColumn: '1 / -1' } : undefined} data-testid={testId}>
      <div className="k-field-label">{label}</div>
      <div className="k-field-value">
        <FieldValue>{children}</FieldValue>
      </div>
    </div>
  );
}
