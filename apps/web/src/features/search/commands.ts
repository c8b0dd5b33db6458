import { useTranslation } from 'react-i18next';
import { useNavigate } from '@tanstack/react-router';
import {
  IconAddressBook, IconBuilding, IconCalendarCheck, IconCopy, IconLanguage, IconPlus, IconReportMoney, IconSettings, IconTrash, IconUserSearch,
} from '@tabler/icons-react';
import type { SearchModule } from '@kontor/contract/search';
import { locales } from '@kontor/contract/users';
import { useChangeLanguage } from '../../components/LanguageSelect';
import { currentLocale, languageNames } from '../../lib/i18n';
import { useMyRights } from '../auth/permissions';
import { requestCreate } from './create-request';
import type { PaletteCommand } from './items';

/** The create forms the palette can open, with the translation of each action's label. */
const createActions = [
  { module: 'contacts', label: 'contacts.new', to: '/contacts', icon: IconAddressBook },
  { module: 'accounts', label: 'accounts.new', to: '/accounts', icon: IconBuilding },
  { module: 'deals', label: 'deals.new', to: '/deals', icon: IconReportMoney },
  { module: 'leads', label: 'leads.new', to: '/leads', icon: IconUserSearch },
] as const satisfies readonly { module: SearchModule; label: string; to: string; icon: PaletteCommand['icon'] }[];

/**
 * What the palette offers besides records: the pages the sidebar shows this user (same rights), the create actions
 * the user's profile allows, and the other interface languages.
 */
export function usePaletteCommands(): PaletteCommand[] {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const rights = useMyRights();
  const changeLanguage = useChangeLanguage(true);
  const go = (to: string) => () => void navigate({ to });
  /** The English word too, so a user who knows the English names finds the page in any language. */
  const words = (key: string) => [t(key, { lng: 'en' }), t('search.keywords.goTo')];

  const pages: PaletteCommand[] = [
    { id: 'accounts', group: 'pages', label: t('nav.accounts'), keywords: words('nav.accounts'), icon: IconBuilding, run: go('/accounts') },
    { id: 'contacts', group: 'pages', label: t('nav.contacts'), keywords: words('nav.contacts'), icon: IconAddressBook, run: go('/contacts') },
  ];
  if (rights.can('deals', 'view')) pages.push({ id: 'deals', group: 'pages', label: t('nav.deals'), keywords: words('nav.deals'), icon: IconReportMoney, run: go('/deals') });
  if (rights.can('leads', 'view')) pages.push({ id: 'leads', group: 'pages', label: t('nav.leads'), keywords: words('nav.leads'), icon: IconUserSearch, run: go('/leads') });
  if (rights.can('activities', 'view')) {
    pages.push({ id: 'activities', group: 'pages', label: t('activities.mine'), keywords: words('activities.mine'), icon: IconCalendarCheck, run: go('/activities') });
  }
  // Issue #16: each module's likely duplicates.
  for (const m of ['contacts', 'accounts'] as const) {
    const label = `duplicates.page.title.${m}`;
    pages.push({ id: `${m}-duplicates`, group: 'pages', label: t(label), keywords: [...words(label), t('duplicates.button', { lng: 'en' })], icon: IconCopy, run: go(`/${m}/duplicates`) });
  }
  pages.push(
    { id: 'recycle-bin', group: 'pages', label: t('nav.recycleBin'), keywords: words('nav.recycleBin'), icon: IconTrash, run: go('/recycle-bin') },
    { id: 'settings', group: 'pages', label: t('nav.settings'), keywords: words('nav.settings'), icon: IconSettings, run: go('/settings') },
  );

  const actions: PaletteCommand[] = createActions
    .filter((a) => rights.can(a.module, 'create'))
    .map((a) => ({
      id: `new-${a.module}`,
      group: 'actions',
      label: t(a.label),
      keywords: [t(a.label, { lng: 'en' }), t('search.keywords.create')],
      icon: IconPlus,
      run: () => {
        requestCreate(a.module);
        void navigate({ to: a.to });
      },
    }));

  const languages: PaletteCommand[] = locales
    .filter((l) => l !== currentLocale())
    .map((l) => ({
      id: `language-${l}`,
      group: 'language',
      label: t('search.switchLanguage', { language: languageNames[l] }),
      keywords: [t('nav.language'), 'language'],
      icon: IconLanguage,
      run: () => void changeLanguage(l),
    }));

  return [...pages, ...actions, ...languages];
}
