import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { Button, Group, Loader, Text } from '@mantine/core';
import { IconAlertTriangle, IconInfoCircle, IconSearchOff } from '@tabler/icons-react';
import { maxSearchTerms, type SearchNotice } from '@kontor/contract/search';
import { ApiError } from '../../lib/api';
import { errorMessage, fieldMessage } from '../../lib/errors';
import type { SearchState } from './useSearchState';

/** How the server read the query, in the user's language (the term it concerns is shown beside it). */
function noticeText(t: TFunction, notice: SearchNotice): string {
  switch (notice.code) {
    case 'unbalanced_quote':
      return t('search.notices.unbalanced_quote');
    case 'wildcard_only':
      return t('search.notices.wildcard_only');
    case 'unknown_field':
      return t('search.notices.unknown_field');
    case 'only_exclusions':
      return t('search.notices.only_exclusions');
    case 'too_many_terms':
      return t('search.notices.too_many_terms', { max: maxSearchTerms });
    case 'fuzzy_too_short':
      return t('search.notices.fuzzy_too_short');
  }
}

/** The server's reason a query could not be read (400): the field's problem translated by code, else its message. */
export function invalidQueryMessage(t: TFunction, error: unknown): string {
  if (!(error instanceof ApiError)) return errorMessage(t, error);
  if (error.fields.q) return fieldMessage(t, error.fields.q);
  return error.message || errorMessage(t, error);
}

/**
 * What goes above the rows: how the query was read, "searching…", a query the server could not read, a failed
 * request; and, for screen readers, how many records were found. `hasRows`: the palette's matching commands are on
 * screen, so "searching…" is left to the spinner in the field.
 */
export function SearchStatus({ state, hasRows }: { state: SearchState; hasRows: boolean }) {
  const { t } = useTranslation();
  const { phase } = state;
  return (
    <>
      {phase === 'ready' && state.notices.length > 0 ? (
        <div className="k-search-status" data-testid="search-notices">
          {state.notices.map((n, i) => (
            <Group key={`${n.code}-${i}`} gap={6} wrap="nowrap" align="flex-start" data-testid={`search-notice-${n.code}`}>
              <IconInfoCircle size={15} className="k-search-status-icon" aria-hidden />
              <Text size="xs" c="dimmed">
                {noticeText(t, n)}
                {n.term ? (
                  <>
                    {' '}
                    <code className="k-search-code">{n.term}</code>
                  </>
                ) : null}
              </Text>
            </Group>
          ))}
        </div>
      ) : null}
      {phase === 'loading' && !hasRows ? (
        <Group gap={8} className="k-search-status" data-testid="search-loading">
          <Loader size={14} />
          <Text size="sm" c="dimmed">
            {t('search.searching')}
          </Text>
        </Group>
      ) : null}
      {phase === 'invalid' ? (
        <Group gap={6} wrap="nowrap" align="flex-start" className="k-search-status" data-testid="search-invalid">
          <IconAlertTriangle size={15} color="var(--mantine-color-red-7)" aria-hidden />
          <Text size="sm" c="red.8">
            {invalidQueryMessage(t, state.error)}
          </Text>
        </Group>
      ) : null}
      {phase === 'error' ? (
        <Group gap={8} wrap="nowrap" className="k-search-status" data-testid="search-error">
          <IconAlertTriangle size={15} color="var(--mantine-color-red-7)" aria-hidden />
          <Text size="sm" c="red.8" style={{ flex: 1 }}>
            {t('search.failed')} {errorMessage(t, state.error)}
          </Text>
          <Button size="compact-xs" variant="light" color="red" onMouseDown={(e) => e.preventDefault()} onClick={state.retry}>
            {t('common.retry')}
          </Button>
        </Group>
      ) : null}
      <div className="k-visually-hidden" aria-live="polite">
        {phase === 'ready' && !state.stale ? t('search.resultCount', { count: state.hits.length }) : ''}
      </div>
    </>
  );
}

/**
 * "No records found for …", naming the query that was searched. Alone it is a small empty state with a hint; below
 * the palette's commands a quiet line. The spelling hint is left out when a notice already says how the query was read.
 */
export function NoResults({ state, belowRows }: { state: SearchState; belowRows: boolean }) {
  const { t } = useTranslation();
  if (state.phase !== 'ready' || state.stale || state.hits.length > 0) return null;
  if (belowRows) {
    return (
      <Text size="xs" c="dimmed" className="k-search-no-records" data-testid="search-empty">
        {t('search.noResults', { q: state.searched })}
      </Text>
    );
  }
  return (
    <div className="k-search-empty" data-testid="search-empty">
      <IconSearchOff size={22} stroke={1.5} className="k-search-status-icon" aria-hidden />
      <Text size="sm" fw={500}>
        {t('search.noResults', { q: state.searched })}
      </Text>
      {state.notices.length === 0 ? (
        <Text size="xs" c="dimmed">
          {t('search.noResultsHint')}
        </Text>
      ) : null}
    </div>
  );
}
