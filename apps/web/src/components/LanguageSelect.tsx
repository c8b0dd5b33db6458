import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { Menu, UnstyledButton, Group, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconLanguage } from '@tabler/icons-react';
import { locales, type Locale, type User } from '@kontor/contract/users';
import { api } from '../lib/api';
import i18n, { changeLocale, currentLocale, languageNames } from '../lib/i18n';
import { sessionKey } from '../features/auth/session';

/** Switches the UI language; with `persist` it also stores the choice on the user (PATCH /me). */
export function useChangeLanguage(persist: boolean) {
  const qc = useQueryClient();
  return async (locale: Locale) => {
    try {
      await changeLocale(locale);
    } catch {
      // The language's chunk did not load (a new version was deployed, or the connection dropped): say so in the current one.
      notifications.show({ color: 'red', message: i18n.t('loading.languageFailed') });
      return;
    }
    if (!persist) return;
    try {
      const user = await api.patch<User>('/me', { locale });
      qc.setQueryData(sessionKey, (s: { user: User; csrfToken: string } | null | undefined) => (s ? { ...s, user } : s));
    } catch {
      // The language is switched locally (and in localStorage) even when the server could not store it.
    }
  };
}

export function LanguageSelect({ persist, compact = false }: { persist: boolean; compact?: boolean }) {
  const { t } = useTranslation();
  const change = useChangeLanguage(persist);
  const current = currentLocale();
  return (
    <Menu position="top-start" withinPortal>
      <Menu.Target>
        {/* the name holds the visible text (WCAG 2.5.3: a voice user says what they see) */}
        <UnstyledButton className="k-nav-button" aria-label={compact ? t('nav.language') : `${t('nav.language')}: ${languageNames[current]}`} data-testid="language-switcher">
          <Group gap={10} wrap="nowrap">
            <IconLanguage size={18} stroke={1.6} />
            {compact ? null : (
              <Text size="sm" truncate>
                {languageNames[current]}
              </Text>
            )}
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t('nav.language')}</Menu.Label>
        {locales.map((l) => (
          <Menu.Item
            key={l}
            lang={l}
            data-testid={`language-${l}`}
            onClick={() => void change(l)}
            rightSection={l === current ? <IconCheck size={14} /> : null}
          >
            {languageNames[l]}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
