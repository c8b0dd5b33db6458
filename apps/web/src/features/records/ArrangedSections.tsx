import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionIcon, Button, Checkbox, Group, Paper, Text, Tooltip } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconLayoutList } from '@tabler/icons-react';
import type { Module } from '@kontor/contract/custom-fields';
import { relatedListsPreferenceSchema, type RelatedListsPreference } from '@kontor/contract/preferences';
import { notifyError } from '../../lib/errors';
import { FormModal } from '../../components/FormModal';
import { usePreferences, useSetPreference } from '../preferences/api';

export interface PageSection {
  /** Stable key (stored in the user's preference). */
  key: string;
  title: string;
  /** Null when the section does not apply (the user lacks the right to see deals, say): not offered at all. */
  node: ReactNode | null;
}

/** Sections in the user's order; sections the preference does not know (new ones) follow in their default place. */
export function arrange(sections: PageSection[], pref: RelatedListsPreference | undefined): PageSection[] {
  if (!pref) return sections;
  const known = sections.filter((s) => pref.order.includes(s.key)).sort((a, b) => pref.order.indexOf(a.key) - pref.order.indexOf(b.key));
  const fresh = sections.filter((s) => !pref.order.includes(s.key));
  return [...known, ...fresh];
}

/**
 * The related lists of a record page (contacts, deals, activities, notes, files, timeline, ...) in the order the
 * user chose, without the ones they hid; "Arrange sections" changes both, for every record of the module.
 */
export function ArrangedSections({ module, sections }: { module: Module; sections: PageSection[] }) {
  const { t } = useTranslation();
  const prefs = usePreferences();
  const parsed = relatedListsPreferenceSchema.safeParse(prefs.data?.[`relatedLists.${module}`]);
  const pref = parsed.success ? parsed.data : undefined;
  const offered = arrange(sections.filter((s) => s.node !== null), pref);
  const [open, setOpen] = useState(false);
  return (
    <>
      {offered.filter((s) => !pref?.hidden.includes(s.key)).map((s) => (
        <div key={s.key} data-section={s.key}>
          {s.node}
        </div>
      ))}
      <Group justify="flex-end">
        <Button size="xs" variant="subtle" color="gray" leftSection={<IconLayoutList size={14} />} onClick={() => setOpen(true)} data-testid="arrange-sections">
          {t('arrange.button')}
        </Button>
      </Group>
      {open ? <ArrangeModal module={module} sections={offered} hidden={pref?.hidden ?? []} onClose={() => setOpen(false)} /> : null}
    </>
  );
}

function ArrangeModal({ module, sections, hidden, onClose }: { module: Module; sections: PageSection[]; hidden: string[]; onClose: () => void }) {
  const { t } = useTranslation();
  const save = useSetPreference();
  const [order, setOrder] = useState(sections.map((s) => s.key));
  const [off, setOff] = useState(new Set(hidden));
  const title = (key: string) => sections.find((s) => s.key === key)?.title ?? key;
  const move = (i: number, dir: -1 | 1) => {
    const next = [...order];
    const [item] = next.splice(i, 1);
    if (item === undefined) return;
    next.splice(i + dir, 0, item);
    setOrder(next);
  };
  const submit = () =>
    save.mutate({ name: `relatedLists.${module}`, value: { order, hidden: [...off].filter((k) => order.includes(k)) } }, { onSuccess: onClose, onError: (e) => notifyError(t, e) });
  return (
    <FormModal title={t('arrange.title')} onClose={onClose} onSubmit={submit} submit={{ label: t('common.save'), busy: save.isPending, testId: 'arrange-save' }} testId="arrange-modal">
      <Text size="sm" c="dimmed">
        {t('arrange.intro')}
      </Text>
      <Paper withBorder radius="md">
        {order.map((key, i) => (
          <Group key={key} justify="space-between" px="sm" py={6} style={{ borderTop: i ? '1px solid var(--k-border)' : undefined }} data-testid="arrange-row">
            <Checkbox
              label={title(key)}
              checked={!off.has(key)}
              onChange={(e) => {
                const next = new Set(off);
                if (e.currentTarget.checked) next.delete(key);
                else next.add(key);
                setOff(next);
              }}
              data-testid={`arrange-show-${key}`}
            />
            <Group gap={2}>
              <Tooltip label={t('settings.moveUp')}>
                <ActionIcon variant="subtle" color="gray" disabled={i === 0} onClick={() => move(i, -1)} aria-label={t('settings.moveUp')} data-testid={`arrange-up-${key}`}>
                  <IconArrowUp size={16} />
                </ActionIcon>
              </Tooltip>
              <Tooltip label={t('settings.moveDown')}>
                <ActionIcon variant="subtle" color="gray" disabled={i === order.length - 1} onClick={() => move(i, 1)} aria-label={t('settings.moveDown')}>
                  <IconArrowDown size={16} />
                </ActionIcon>
              </Tooltip>
            </Group>
          </Group>
        ))}
      </Paper>
    </FormModal>
  );
}
