import { useEffect, type ReactNode } from 'react';
import { Box, Group, Title } from '@mantine/core';

/** The sticky top bar of a page: title (also the document title), optional leading content and actions. */
export function PageHeader({ title, before, actions, docTitle }: { title: ReactNode; before?: ReactNode; actions?: ReactNode; docTitle?: string }) {
  useEffect(() => {
    const text = docTitle ?? (typeof title === 'string' ? title : null);
    if (text) document.title = `${text} · Kontor`;
  }, [title, docTitle]);
  return (
    <header className="k-topbar">
      {before}
      <Box style={{ flex: 1, minWidth: 0 }}>
        {/* one line, cut with an ellipsis: the full text on hover */}
        <Title order={1} fz={20} lh={1.3} style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }} title={docTitle ?? (typeof title === 'string' ? title : undefined)} data-testid="page-title">
          {title}
        </Title>
      </Box>
      {actions ? (
        <Group gap="xs" wrap="nowrap">
          {actions}
        </Group>
      ) : null}
    </header>
  );
}
