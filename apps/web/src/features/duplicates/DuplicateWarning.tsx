import { useId, useState, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useRouter } from '@tanstack/react-router';
import { Anchor, Badge, Group, Loader, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconCopy } from '@tabler/icons-react';
import type { DuplicateCandidate, DuplicateModule } from '@kontor/contract/duplicates';
import { useDuplicateCheck } from './api';
import { checkDraft, draftKey, draftOfKey, type IdentifyingParts } from './check-draft';
import { reasonText } from './reasons';
import './duplicates.css';

export interface DuplicateWarningProps {
  module: DuplicateModule;
  /** The record being edited (never its own duplicate). */
  excludeId?: string;
  parts: IdentifyingParts;
  /** Leaves the form for another page: the drawer asks first when there is typed input. */
  leave: (then: () => void) => void;
}

/** How long the typing must pause before the check is asked. */
const DEBOUNCE_MS = 400;

/**
 * "Possible duplicates" in a create or edit form (issue #16): while the user types names, e-mails, phones, the account
 * or a website, the check on entry is asked (after a pause, only once an identifying part changed from what the form
 * opened with) and its candidates show with their reasons and a link to open each. Saving is never blocked. The
 * candidates are a labelled region inside a polite live region, so a screen reader hears them arrive.
 */
export function DuplicateWarning({ module, excludeId, parts, leave }: DuplicateWarningProps) {
  const { t } = useTranslation();
  const titleId = useId();
  const key = draftKey(checkDraft(module, parts));
  // an edit form opens with the record's own values: nothing is asked until one of them changes
  const [openedWith] = useState(key);
  const [touched, setTouched] = useState(false);
  if (!touched && key !== openedWith) setTouched(true);
  const [debounced] = useDebouncedValue(touched ? key : '', DEBOUNCE_MS);
  const check = useDuplicateCheck(module, draftOfKey(debounced, excludeId));
  const candidates = debounced && check.data ? check.data : [];

  return (
    <div aria-live="polite" className="k-dup-warning-live" data-testid="duplicate-warning-live">
      {candidates.length ? (
        <section className="k-dup-warning" aria-labelledby={titleId} data-testid="duplicate-warning">
          <Group gap={6} wrap="nowrap" mb={4}>
            <IconCopy size={16} color="var(--mantine-color-orange-8)" style={{ flex: 'none' }} aria-hidden />
            <Text id={titleId} fw={650} size="sm">
              {t('duplicates.warning.title', { count: candidates.length })}
            </Text>
            {check.isFetching ? <Loader size={12} aria-label={t('common.loading')} /> : null}
          </Group>
          <Stack gap={6} component="ul" className="k-dup-candidates">
            {candidates.map((c) => (
              <CandidateItem key={c.id} module={module} candidate={c} leave={leave} />
            ))}
          </Stack>
          <Text size="xs" c="dimmed" mt={6}>
            {t('duplicates.warning.saveAnyway')}
          </Text>
        </section>
      ) : null}
    </div>
  );
}

function CandidateItem({ module, candidate: c, leave }: { module: DuplicateModule; candidate: DuplicateCandidate; leave: (then: () => void) => void }) {
  const { t } = useTranslation();
  const router = useRouter();
  const href = `/${module}/${c.id}`;
  const open = (e: MouseEvent<HTMLAnchorElement>) => {
    // a new tab or window keeps the form as it is
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    leave(() => void router.navigate({ to: href }));
  };
  const context = [c.context, c.email, c.phone].filter(Boolean).join(' · ');
  return (
    <li data-testid="duplicate-candidate" data-id={c.id}>
      <Group gap={8} wrap="nowrap" align="flex-start" justify="space-between">
        <div style={{ minWidth: 0 }}>
          <Text size="sm" fw={600} className="k-dup-wrap">
            {c.name}
          </Text>
          {context ? (
            <Text size="xs" c="dimmed" className="k-dup-wrap">
              {context}
            </Text>
          ) : null}
          <Text size="xs" c="gray.8" className="k-dup-wrap" data-testid="duplicate-reasons">
            {c.reasons.map((r) => reasonText(t, r)).join(' · ')}
          </Text>
        </div>
        <Group gap={6} wrap="nowrap" style={{ flex: 'none' }}>
          <Badge size="sm" variant="light" color="red" title={t('duplicates.scoreHint')}>
            {t('duplicates.score', { score: c.score })}
          </Badge>
          <Anchor href={href} onClick={open} size="sm" fw={550} aria-label={t('duplicates.warning.openNamed', { name: c.name })} data-testid="duplicate-open">
            {t('duplicates.warning.open')}
          </Anchor>
        </Group>
      </Group>
    </li>
  );
}
