import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionIcon, Autocomplete, Group, Tooltip } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { TagBadge } from '../../components/Badges';
import { useTags } from '../../lib/reference';

/** Tags on the record page: remove with ×, add by typing (existing tags suggested, new ones created on save). */
export function InlineTags({ tags, onSave, readOnly }: { tags: string[]; onSave: (tags: string[]) => Promise<void>; readOnly?: boolean }) {
  const { t } = useTranslation();
  const all = useTags();
  const [adding, setAdding] = useState(false);
  const [value, setValue] = useState('');
  const [busy, setBusy] = useState(false);
  const picked = useRef(false);
  const typed = useRef('');

  const save = async (next: string[]) => {
    setBusy(true);
    try {
      await onSave(next);
    } finally {
      setBusy(false);
    }
  };
  const add = async (name: string) => {
    const n = name.trim();
    typed.current = '';
    setValue('');
    setAdding(false);
    if (!n || tags.includes(n)) return;
    await save([...tags, n]);
  };

  return (
    <Group gap={6} data-testid="inline-tags">
      {tags.map((tg) => (
        <TagBadge key={tg} name={tg} onRemove={readOnly || busy ? undefined : () => void save(tags.filter((x) => x !== tg))} />
      ))}
      {readOnly ? null : adding ? (
        <Autocomplete
          size="xs"
          w={150}
          autoFocus
          aria-label={t('tags.add')}
          placeholder={t('tags.add')}
          data={(all.data ?? []).map((x) => x.name).filter((n) => !tags.includes(n))}
          value={value}
          onChange={(v) => {
            typed.current = v;
            setValue(v);
          }}
          onOptionSubmit={(v) => {
            picked.current = true;
            void add(v);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              // an option chosen with Enter arrives through onOptionSubmit; only a typed name is added here
              setTimeout(() => {
                if (!picked.current) void add(typed.current);
                picked.current = false;
              }, 0);
            }
            if (e.key === 'Escape') setAdding(false);
          }}
          onBlur={() => {
            if (!value) setAdding(false);
          }}
          data-testid="inline-tag-input"
        />
      ) : (
        <Tooltip label={t('tags.add')}>
          <ActionIcon size="sm" variant="light" onClick={() => setAdding(true)} aria-label={t('tags.add')} loading={busy} data-testid="inline-tag-add">
            <IconPlus size={14} />
          </ActionIcon>
        </Tooltip>
      )}
    </Group>
  );
}

/** The tags block of a record page's sidebar: its label and the tags, edited in place. */
export function SidebarTags(props: { tags: string[]; onSave: (tags: string[]) => Promise<void>; readOnly?: boolean }) {
  const { t } = useTranslation();
  return (
    <div>
      <div className="k-field-label" style={{ marginBottom: 4 }}>
        {t('fields.tags')}
      </div>
      <InlineTags {...props} />
    </div>
  );
}
