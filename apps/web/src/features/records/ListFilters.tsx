import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Chip, CloseButton, Group, Select, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconFilterOff, IconSearch } from '@tabler/icons-react';
import { useContactTypeOptions } from '../../lib/reference';
import { OwnerTagFilters } from './OwnerTagFilters';
import { useMyRights } from '../auth/permissions';
import { matchesShortcut } from '../search/shortcuts';
import { moveIndex } from '../../lib/roving';
import { clearedFilters, hasFilters, LETTERS, type ListSearch } from './search';

/** The quick filters a list offers besides the name box. */
export type QuickFilter = 'contactType' | 'status' | 'tag' | 'owner' | 'customer' | 'withOpenDeals';
export const personFilters: QuickFilter[] = ['contactType', 'tag', 'owner', 'customer', 'withOpenDeals'];

interface Props {
  search: ListSearch;
  onChange: (patch: Partial<ListSearch>) => void;
  filters?: QuickFilter[];
  /** Filters of the module's own, after the name box (a lead's status and source). */
  extra?: ReactNode;
  /** Before the name box: the view selector. */
  before?: ReactNode;
  /** The name box's placeholder, when the list's search is not the search language (activities: the subject). */
  searchPlaceholder?: string;
}

/** View selector, name box and quick filters (contact type or deal status, tag, owner; customers only, with open deals). */
export function ListFilters({ search, onChange, filters = personFilters, extra, before, searchPlaceholder }: Props) {
  const { t } = useTranslation();
  const rights = useMyRights();
  const show = (f: QuickFilter) => filters.includes(f) && (f === 'customer' || f === 'withOpenDeals' ? rights.can('deals', 'view') : true);
  const [q, setQ] = useState(search.q ?? '');
  const [debounced] = useDebouncedValue(q, 300);
  const typeOptions = useContactTypeOptions();

  useEffect(() => {
    if ((debounced || undefined) !== search.q) onChange({ q: debounced || undefined });
    // only react to typing, not to URL changes
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [debounced]);
  // filters cleared elsewhere (empty state, back button): follow the URL
  const [seenQ, setSeenQ] = useState(search.q);
  if (seenQ !== search.q) {
    setSeenQ(search.q);
    if (!search.q) setQ('');
  }

  return (
    <Group gap="xs" wrap="wrap" align="center">
      {before}
      <TextInput
        aria-label={t('list.search')}
        placeholder={searchPlaceholder ?? t('list.searchPlaceholder')}
        leftSection={<IconSearch size={16} />}
        value={q}
        onChange={(e) => setQ(e.currentTarget.value)}
        rightSection={q ? <CloseButton size="sm" aria-label={t('common.clear')} onClick={() => setQ('')} /> : null}
        w={260}
        data-testid="list-search"
      />
      {extra}
      {show('status') ? (
        <Select
          aria-label={t('deals.fields.status')}
          placeholder={t('deals.fields.status')}
          data={(['open', 'won', 'lost'] as const).map((v) => ({ value: v, label: t(`deals.status.${v}`) }))}
          value={search.status ?? null}
          onChange={(v) => onChange({ status: v ?? undefined })}
          clearable
          w={140}
          data-testid="filter-status"
        />
      ) : null}
      {show('contactType') ? (
      <Select
        aria-label={t('fields.contactType')}
        placeholder={t('fields.contactType')}
        data={typeOptions(t)}
        value={search.contactType ?? null}
        onChange={(v) => onChange({ contactType: v ?? undefined })}
        clearable
        w={140}
        data-testid="filter-contact-type"
      />
      ) : null}
      <OwnerTagFilters ownerId={search.ownerId} tag={search.tag} onChange={onChange} testIdPrefix="filter" />
      {show('customer') ? (
        <Chip checked={Boolean(search.customer)} onChange={(on) => onChange({ customer: on ? 'true' : undefined })} variant="outline" size="sm" data-testid="filter-customer">
          {t('deals.filters.customers')}
        </Chip>
      ) : null}
      {show('withOpenDeals') ? (
        <Chip checked={Boolean(search.withOpenDeals)} onChange={(on) => onChange({ withOpenDeals: on ? 'true' : undefined })} variant="outline" size="sm" data-testid="filter-open-deals">
          {t('deals.filters.withOpenDeals')}
        </Chip>
      ) : null}
      {hasFilters(search) ? (
        <Button
          variant="subtle"
          color="gray"
          leftSection={<IconFilterOff size={16} />}
          onClick={() => {
            setQ('');
            onChange(clearedFilters);
          }}
          data-testid="clear-filters"
        >
          {t('list.clearFilters')}
        </Button>
      ) : null}
    </Group>
  );
}

/**
 * The A-Z index: one Tab stop (the chosen letter, else "All"); left / right / Home / End move along it, Enter or Space
 * applies the letter under the focus (again: clears it).
 */
export function LetterIndex({ value, onChange }: { value?: string; onChange: (letter: string | undefined) => void }) {
  const { t } = useTranslation();
  const options: (string | undefined)[] = [undefined, ...LETTERS];
  const chosen = Math.max(0, options.indexOf(value));
  const [focused, setFocused] = useState<number | null>(null);
  const stop = focused ?? chosen;
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (!matchesShortcut('letterMove', e)) return;
    const next = moveIndex(stop, e.key, options.length, { axis: 'horizontal' });
    if (next === null) return;
    e.preventDefault();
    setFocused(next);
    refs.current[next]?.focus();
  };
  return (
    <div className="k-letters" role="toolbar" aria-label={t('list.letterIndex')} data-testid="letter-index" onKeyDown={onKeyDown} onBlur={(e) => {
      if (!e.currentTarget.contains(e.relatedTarget)) setFocused(null);
    }}>
      {options.map((l, i) => {
        const active = value === l;
        return (
          <button
            key={l ?? 'all'}
            ref={(el) => {
              refs.current[i] = el;
            }}
            type="button"
            className="k-letter"
            data-active={active}
            aria-pressed={active}
            tabIndex={i === stop ? 0 : -1}
            onFocus={() => setFocused(i)}
            onClick={() => onChange(l === undefined || active ? undefined : l)}
            title={l === undefined ? undefined : l === '#' ? t('list.otherLetters') : l === '0-9' ? t('views.letters.digits') : l}
            data-testid={l === undefined ? 'letter-all' : `letter-${l === '#' ? 'other' : l}`}
          >
            {l ?? t('list.all')}
          </button>
        );
      })}
    </div>
  );
}
