import { useTranslation } from 'react-i18next';
import { Badge, Group, Text } from '@mantine/core';
import { contactTypeLabel, useContactTypes, useTags } from '../lib/reference';

export function ContactTypeBadge({ id }: { id: string | null }) {
  const { t } = useTranslation();
  const { data } = useContactTypes();
  if (!id) return null;
  const type = data?.find((c) => c.id === id);
  if (!type) return null;
  return (
    <Badge size="sm" variant="light" color={type.color} radius="sm" data-testid="contact-type-badge" styles={{ label: { textTransform: 'none' } }}>
      {contactTypeLabel(t, type.name)}
    </Badge>
  );
}

export function TagBadge({ name, onRemove }: { name: string; onRemove?: () => void }) {
  const { data } = useTags();
  const color = data?.find((t) => t.name === name)?.color ?? 'gray';
  // the tag's colour on a dot, the name in black: whatever colour an admin picks, the text stays readable (4.5:1)
  return (
    <Badge
      size="sm"
      variant="dot"
      color={color}
      radius="sm"
      styles={{ label: { textTransform: 'none', fontWeight: 500 } }}
      rightSection={onRemove ? <TagRemove onRemove={onRemove} name={name} /> : undefined}
      data-testid="tag-badge"
    >
      {name}
    </Badge>
  );
}

function TagRemove({ onRemove, name }: { onRemove: () => void; name: string }) {
  return (
    <button
      type="button"
      onClick={onRemove}
      aria-label={`× ${name}`}
      style={{ border: 0, background: 'none', cursor: 'pointer', padding: 0, marginLeft: 2, color: 'inherit', lineHeight: 1 }}
    >
      ×
    </button>
  );
}

/** Tags in a table cell: the first two, then "+n" with the rest in a tooltip. */
/** A record's tags in a table cell: the first one (cut with "…" when the column is narrow) and "+N" for the rest; all of them on hover. */
export function TagList({ tags, max = 1 }: { tags: string[]; max?: number }) {
  if (tags.length === 0) return null;
  const shown = tags.slice(0, max);
  const rest = tags.slice(max);
  return (
    <Group gap={4} wrap="nowrap" title={tags.join(', ')} style={{ minWidth: 0, overflow: 'hidden' }}>
      {shown.map((t) => (
        <span key={t} style={{ minWidth: 0, display: 'inline-flex' }}>
          <TagBadge name={t} />
        </span>
      ))}
      {rest.length ? (
        <Text size="xs" c="dimmed" style={{ flexShrink: 0 }}>
          +{rest.length}
        </Text>
      ) : null}
    </Group>
  );
}
