import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Anchor, Badge, Group, Stack, Text } from '@mantine/core';
import type { AddressPoint, EmailPoint, PhonePoint } from '@kontor/contract/contact-points';
import { pointLabel } from '../../components/forms/ContactPointsEditor';
import { External, formatAddress, webHref } from './field-values';

interface Props {
  emails: EmailPoint[];
  phones: PhonePoint[];
  websites: EmailPoint[];
  addresses: AddressPoint[];
}

function Primary() {
  const { t } = useTranslation();
  return (
    <Badge size="xs" variant="light" radius="sm" styles={{ label: { textTransform: 'none' } }}>
      {t('points.primary')}
    </Badge>
  );
}

function Row({ label, children, primary }: { label: string; children: ReactNode; primary: boolean }) {
  return (
    <Group gap={8} wrap="nowrap" align="baseline">
      <Text size="xs" c="dimmed" w={80} style={{ flex: 'none' }} truncate>
        {label}
      </Text>
      <div style={{ minWidth: 0, flex: 1, overflowWrap: 'anywhere', fontSize: 14 }}>
        {children}
        {primary ? (
          <span style={{ marginLeft: 6, whiteSpace: 'nowrap' }}>
            <Primary />
          </span>
        ) : null}
      </div>
    </Group>
  );
}

/** E-mails, phones, websites and addresses with their labels; the primary of each kind is marked. */
export function ContactPointsView({ emails, phones, websites, addresses }: Props) {
  const { t } = useTranslation();
  const empty = !emails.length && !phones.length && !websites.length && !addresses.length;
  if (empty)
    return (
      <Text size="sm" c="dimmed">
        {t('points.noneAtAll')}
      </Text>
    );
  return (
    <div className="k-fields" data-testid="contact-points">
      {[
        { kind: 'emails' as const, items: emails.map((p) => ({ ...p, node: <Anchor href={`mailto:${p.value}`} size="sm">{p.value}</Anchor> })) },
        { kind: 'phones' as const, items: phones.map((p) => ({ ...p, node: <Anchor href={`tel:${p.e164 ?? p.value}`} size="sm">{p.value}</Anchor> })) },
        { kind: 'websites' as const, items: websites.map((p) => ({ ...p, node: <External href={webHref(p.value)}>{p.value.replace(/^https?:\/\//, '')}</External> })) },
        { kind: 'addresses' as const, items: addresses.map((p) => ({ ...p, node: <span>{formatAddress(p)}</span> })) },
      ]
        .filter((g) => g.items.length > 0)
        .map((g) => (
          <div key={g.kind}>
            <div className="k-field-label" style={{ marginBottom: 4 }}>
              {t(`points.${g.kind}`)}
            </div>
            <Stack gap={4}>
              {g.items.map((p, i) => (
                <Row key={i} label={pointLabel(t, g.kind, p.label)} primary={p.primary}>
                  {p.node}
                </Row>
              ))}
            </Stack>
          </div>
        ))}
    </div>
  );
}
