import { useTranslation } from 'react-i18next';
import type { MouseEvent } from 'react';
import { useRouter } from '@tanstack/react-router';
import { Anchor, Paper } from '@mantine/core';
import { IconChevronLeft, IconLockSquare } from '@tabler/icons-react';
import { isApiError } from '../../lib/api';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, ErrorState } from '../../components/States';
import type { RecordModule } from './api';
import { listHrefOf, requestScrollRestore } from '../views/list-memory';

/**
 * The breadcrumb back to a module's list (`to`: `/accounts`): the list as the user left it (its view, filter, sort,
 * letter, search; the board or the table), scrolled back to where it was.
 */
export function BackLink({ to, label }: { to: string; label: string }) {
  const router = useRouter();
  const module = to.replace(/^\//, '');
  const href = listHrefOf(module);
  const follow = (e: MouseEvent<HTMLAnchorElement>) => {
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    requestScrollRestore(module);
    router.history.push(href);
  };
  return (
    <Anchor href={href} onClick={follow} c="dimmed" size="sm" style={{ display: 'inline-flex', alignItems: 'center', whiteSpace: 'nowrap' }} data-testid="back-link">
      <IconChevronLeft size={16} />
      {label}
    </Anchor>
  );
}

/**
 * A record page that cannot be shown. A record the user may not see answers 404 like a deleted one,
 * so the page says both and never hints which it is.
 */
export function RecordUnavailable({ module, error, onRetry }: { module: RecordModule; error: unknown; onRetry: () => void }) {
  const { t } = useTranslation();
  const back = <BackLink to={`/${module}`} label={t(`nav.${module}`)} />;
  return (
    <>
      <PageHeader title={t(`nav.${module}`)} before={back} />
      <div className="k-page">
        {isApiError(error, 'not_found') ? (
          <Paper withBorder radius="md">
            <EmptyState icon={<IconLockSquare size={28} />} title={t('records.notFoundTitle')} description={t('records.notFoundText')} testId="record-not-found" />
          </Paper>
        ) : (
          <ErrorState error={error} onRetry={onRetry} />
        )}
      </div>
    </>
  );
}
