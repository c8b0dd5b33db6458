import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionIcon, Button, Checkbox, Divider, Group, Popover, ScrollArea, Select, Stack, Text, TextInput } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconColumns3, IconGripVertical, IconSearch } from '@tabler/icons-react';
import { MAX_VIEW_COLUMNS } from '@kontor/contract/views';
import { PAGE_SIZES } from './listState';

interface Props {
  /** Every column the table may show, in the catalogue's order. */
  available: string[];
  /** The visible columns, in order. */
  columns: string[];
  label: (key: string) => string;
  onChange: (columns: string[]) => void;
  pageSize: number;
  onPageSize: (n: number) => void;
  /** Back to the view's (or the module's) columns; absent when nothing was changed. */
  onReset?: () => void;
}

const move = <T,>(list: T[], from: number, to: number): T[] => {
  const next = [...list];
  const [item] = next.splice(from, 1);
  if (item !== undefined) next.splice(Math.max(0, Math.min(next.length, to)), 0, item);
  return next;
};

/** Which columns the table shows and in what order (drag, or the arrow buttons from the keyboard), and the page size. */
export function ColumnChooser({ available, columns, label, onChange, pageSize, onPageSize, onReset }: Props) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [dragging, setDragging] = useState<number | null>(null);
  const hidden = available.filter((k) => !columns.includes(k)).sort((a, b) => label(a).localeCompare(label(b)));
  const needle = search.trim().toLowerCase();
  const matches = (k: string) => !needle || label(k).toLowerCase().includes(needle);
  const full = columns.length >= MAX_VIEW_COLUMNS;

  return (
    <Popover position="bottom-end" width={320} shadow="md" trapFocus withinPortal>
      <Popover.Target>
        <Button variant="default" size="compact-sm" leftSection={<IconColumns3 size={15} />} data-testid="column-chooser">
          {t('views.columns.button')}
        </Button>
      </Popover.Target>
      <Popover.Dropdown data-testid="column-chooser-panel">
        <Stack gap="xs">
          <TextInput size="xs" leftSection={<IconSearch size={14} />} placeholder={t('views.columns.search')} aria-label={t('views.columns.search')} value={search} onChange={(e) => setSearch(e.currentTarget.value)} />
          <ScrollArea.Autosize mah={360} type="auto" offsetScrollbars>
            <Text size="xs" fw={600} c="dimmed" mb={4}>
              {t('views.columns.shown')}
            </Text>
            <ul className="k-column-list" aria-label={t('views.columns.shown')}>
              {columns.map((k, i) =>
                matches(k) ? (
                  <li
                    key={k}
                    className="k-column-item"
                    draggable
                    data-dragging={dragging === i}
                    onDragStart={(e) => {
                      setDragging(i);
                      e.dataTransfer.effectAllowed = 'move';
                    }}
                    onDragOver={(e) => {
                      e.preventDefault();
                      if (dragging !== null && dragging !== i) {
                        onChange(move(columns, dragging, i));
                        setDragging(i);
                      }
                    }}
                    onDragEnd={() => setDragging(null)}
                    data-testid="column-item"
                    data-column={k}
                  >
                    <IconGripVertical size={14} className="k-column-grip" aria-hidden />
                    <Checkbox size="xs" label={label(k)} checked disabled={columns.length === 1} onChange={() => onChange(columns.filter((c) => c !== k))} style={{ flex: 1, minWidth: 0 }} />
                    <ActionIcon variant="subtle" color="gray" size="sm" disabled={i === 0} onClick={() => onChange(move(columns, i, i - 1))} aria-label={t('views.columns.moveUp', { column: label(k) })}>
                      <IconArrowUp size={14} />
                    </ActionIcon>
                    <ActionIcon variant="subtle" color="gray" size="sm" disabled={i === columns.length - 1} onClick={() => onChange(move(columns, i, i + 1))} aria-label={t('views.columns.moveDown', { column: label(k) })}>
                      <IconArrowDown size={14} />
                    </ActionIcon>
                  </li>
                ) : null,
              )}
            </ul>
            {hidden.length ? (
              <>
                <Divider my={6} />
                <Text size="xs" fw={600} c="dimmed" mb={4}>
                  {t('views.columns.more')}
                </Text>
                <ul className="k-column-list" aria-label={t('views.columns.more')}>
                  {hidden.filter(matches).map((k) => (
                    <li key={k} className="k-column-item" data-testid="column-item" data-column={k}>
                      <span style={{ width: 14 }} />
                      <Checkbox size="xs" label={label(k)} checked={false} disabled={full} onChange={() => onChange([...columns, k])} style={{ flex: 1, minWidth: 0 }} />
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
          </ScrollArea.Autosize>
          <Divider />
          <Group justify="space-between" gap="xs">
            <Select
              size="xs"
              w={150}
              label={t('views.columns.pageSize')}
              data={[...new Set<number>([...PAGE_SIZES, pageSize])].sort((a, b) => a - b).map((n) => ({ value: String(n), label: t('views.columns.perPage', { count: n }) }))}
              value={String(pageSize)}
              onChange={(v) => v && onPageSize(Number(v))}
              allowDeselect={false}
              comboboxProps={{ withinPortal: false }}
              data-testid="page-size"
            />
            {onReset ? (
              <Button variant="subtle" size="compact-xs" color="gray" onClick={onReset} mt="lg">
                {t('views.columns.reset')}
              </Button>
            ) : null}
          </Group>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
