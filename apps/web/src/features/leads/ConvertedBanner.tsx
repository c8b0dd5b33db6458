import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Anchor, Text } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { IconCircleCheck } from '@tabler/icons-react';
import type { Lead } from '@kontor/contract/leads';
import { formatDateTime } from '../../lib/format';

/** "Converted on … to contact X, account Y, deal Z", each a link (a record the reader may not see is named as hidden). */
export function ConvertedBanner({ lead: l }: { lead: Lead }) {
  const { t } = useTranslation();
  if (l.status !== 'converted') return null;
  const parts = [
    { key: 'contact', to: '/contacts', id: l.convertedContactId, name: l.convertedContactName },
    { key: 'account', to: '/accounts', id: l.convertedAccountId, name: l.convertedAccountName },
    { key: 'deal', to: '/deals', id: l.convertedDealId, name: l.convertedDealName },
  ].filter((p) => p.id !== null);
  return (
    <Alert color="violet" variant="light" radius="md" mb="md" icon={<IconCircleCheck size={20} />} title={t('leads.banner.title')} data-testid="lead-converted-banner">
      <Text size="sm">
        {t('leads.banner.convertedOn', { date: formatDateTime(l.convertedAt) })}{' '}
        {parts.map((p, i) => (
          <Fragment key={p.key}>
            {i > 0 ? t('leads.banner.separator') : null}
            {t(`leads.banner.${p.key}`)}{' '}
            {p.name ? (
              <Anchor component={Link} to={`${p.to}/${p.id}`} size="sm" fw={600} data-testid={`converted-${p.key}-link`}>
                {p.name}
              </Anchor>
            ) : (
              <Text span size="sm" c="dimmed">
                {t('leads.banner.hidden')}
              </Text>
            )}
          </Fragment>
        ))}
      </Text>
    </Alert>
  );
}
