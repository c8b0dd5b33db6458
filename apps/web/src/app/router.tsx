import { useEffect } from 'react';
import { createRootRoute, createRoute, createRouter, Outlet, redirect, useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { Button } from '@mantine/core';
import { IconMapOff } from '@tabler/icons-react';
import { AuthGate } from './AuthGate';
import { InvitePage } from '../features/auth/InvitePage';
import { AccountsPage } from '../features/accounts/AccountsPage';
import { AccountPage } from '../features/accounts/AccountPage';
import { AccountsBoardPage } from '../features/activity-board/AccountsBoardPage';
import { parseAccountSearch, type AccountSearch } from '../features/activity-board/search';
import { ContactsPage } from '../features/contacts/ContactsPage';
import { ContactPage } from '../features/contacts/ContactPage';
import { DealsPage } from '../features/deals/DealsPage';
import { DealPage } from '../features/deals/DealPage';
import { LeadsPage } from '../features/leads/LeadsPage';
import { LeadPage } from '../features/leads/LeadPage';
import { parseLeadSearch } from '../features/leads/search';
import { MyActivitiesPage } from '../features/activities/MyActivitiesPage';
import { ActivitiesListPage } from '../features/activities/ActivitiesListPage';
import { parseActivityListSearch } from '../features/activities/search';
import { PipelinesSettings } from '../features/settings/PipelinesSettings';
import { RecycleBinPage } from '../features/recycle-bin/RecycleBinPage';
import { SettingsLayout } from '../features/settings/SettingsLayout';
import { UsersSettings } from '../features/settings/UsersSettings';
import { TagsSettings } from '../features/settings/TagsSettings';
import { ContactTypesSettings } from '../features/settings/ContactTypesSettings';
import { CustomFieldsSettings } from '../features/settings/CustomFieldsSettings';
import { BusinessCardSettings } from '../features/settings/BusinessCardSettings';
import { TokensSettings } from '../features/settings/TokensSettings';
import { RolesSettings } from '../features/settings/RolesSettings';
import { ProfilesSettings } from '../features/settings/ProfilesSettings';
import { SharingDefaultsSettings } from '../features/settings/SharingDefaultsSettings';
import { AuditLogSettings } from '../features/settings/AuditLogSettings';
import { SecuritySettings } from '../features/settings/SecuritySettings';
import { CustomLinksSettings } from '../features/custom-links/CustomLinksSettings';
import { useSettingsItems } from '../features/settings/items';
import { parseDealSearch, parseLetter, parseListSearch, type DealSearch, type ListSearch } from '../features/records/search';
import { parseViewSearch } from '../features/views/listState';
import { PrintRoute } from '../features/print/PrintRoute';
import { parsePrintSearch } from '../features/print/search';
import { EmptyState } from '../components/States';
import { PageHeader } from '../components/PageHeader';

function NotFound() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <>
      <PageHeader title={t('notFound.title')} />
      <EmptyState icon={<IconMapOff size={28} />} title={t('notFound.title')} description={t('notFound.text')} action={<Button onClick={() => void navigate({ to: '/accounts' })}>{t('nav.accounts')}</Button>} />
    </>
  );
}

const rootRoute = createRootRoute({
  component: Outlet,
  notFoundComponent: () => (
    <AuthGate>
      <NotFound />
    </AuthGate>
  ),
});

/** Everything but the public invitation page needs a session. */
const appRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'app',
  component: () => (
    <AuthGate>
      <Outlet />
    </AuthGate>
  ),
});

const inviteRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/invite/$token',
  component: function InviteRoute() {
    const { token } = inviteRoute.useParams();
    return <InvitePage token={token} />;
  },
});

/** A list on paper (`?viewId&filter&sort&q&letter&columns`, as the list's URL): outside the app's frame, so no sidebar. */
const printRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/print/$module',
  validateSearch: parsePrintSearch,
  component: function PrintListRoute() {
    const { module } = printRoute.useParams();
    return <PrintRoute module={module} search={printRoute.useSearch()} />;
  },
});

const indexRoute = createRoute({ getParentRoute: () => appRoute, path: '/', beforeLoad: () => { throw redirect({ to: '/accounts' }); } });

/** The route's search with a patch applied (`prev` is typed loosely: the router passes any route's search). */
const patchSearch = <S extends object>(patch: Partial<S>) => (prev: object): S => {
  const next = { ...prev, ...patch };
  return Object.fromEntries(Object.entries(next).filter(([, v]) => v !== undefined && v !== '')) as S;
};

const accountsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/accounts',
  validateSearch: parseAccountSearch,
  component: function AccountsRoute() {
    const search = accountsRoute.useSearch();
    const navigate = useNavigate();
    return <AccountsPage search={search} onSearchChange={(p) => void navigate({ to: '/accounts', search: patchSearch<AccountSearch>(p), replace: true })} />;
  },
});
const accountsBoardRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/accounts/board',
  validateSearch: parseAccountSearch,
  component: function AccountsBoardRoute() {
    const search = accountsBoardRoute.useSearch();
    const navigate = useNavigate();
    return <AccountsBoardPage search={search} onSearchChange={(p) => void navigate({ to: '/accounts/board', search: patchSearch<AccountSearch>(p), replace: true })} />;
  },
});
const accountRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/accounts/$accountId',
  component: function AccountRoute() {
    const { accountId } = accountRoute.useParams();
    return <AccountPage key={accountId} id={accountId} />;
  },
});
const contactsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/contacts',
  validateSearch: parseListSearch,
  component: function ContactsRoute() {
    const search = contactsRoute.useSearch();
    const navigate = useNavigate();
    return <ContactsPage search={search} onSearchChange={(p) => void navigate({ to: '/contacts', search: patchSearch(p), replace: true })} />;
  },
});
const contactRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/contacts/$contactId',
  component: function ContactRoute() {
    const { contactId } = contactRoute.useParams();
    return <ContactPage key={contactId} id={contactId} />;
  },
});
const dealsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/deals',
  validateSearch: parseDealSearch,
  component: function DealsRoute() {
    const search = dealsRoute.useSearch();
    const navigate = useNavigate();
    return <DealsPage search={search} onSearchChange={(p) => void navigate({ to: '/deals', search: patchSearch<DealSearch>(p), replace: true })} />;
  },
});
const dealRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/deals/$dealId',
  component: function DealRoute() {
    const { dealId } = dealRoute.useParams();
    return <DealPage key={dealId} id={dealId} />;
  },
});
const activitiesRoute = createRoute({ getParentRoute: () => appRoute, path: '/activities', component: MyActivitiesPage });
const activitiesListRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/activities/list',
  validateSearch: parseActivityListSearch,
  component: function ActivitiesListRoute() {
    const search = activitiesListRoute.useSearch();
    const navigate = useNavigate();
    return <ActivitiesListPage search={search} onSearchChange={(p) => void navigate({ to: '/activities/list', search: patchSearch(p), replace: true })} />;
  },
});
const leadsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/leads',
  validateSearch: (s: Record<string, unknown>): ListSearch => ({ ...parseViewSearch(s), letter: parseLetter(s.letter), ...parseLeadSearch(s) }),
  component: function LeadsRoute() {
    const search = leadsRoute.useSearch();
    const navigate = useNavigate();
    return <LeadsPage search={search} onSearchChange={(p) => void navigate({ to: '/leads', search: patchSearch(p), replace: true })} />;
  },
});
const leadRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/leads/$leadId',
  component: function LeadRoute() {
    const { leadId } = leadRoute.useParams();
    return <LeadPage key={leadId} id={leadId} />;
  },
});
const recycleBinRoute = createRoute({ getParentRoute: () => appRoute, path: '/recycle-bin', component: RecycleBinPage });

const settingsRoute = createRoute({ getParentRoute: () => appRoute, path: '/settings', component: SettingsLayout });
const settingsIndexRoute = createRoute({ getParentRoute: () => settingsRoute, path: '/', component: SettingsHome });
const settingsChildren = [
  createRoute({ getParentRoute: () => settingsRoute, path: '/users', component: UsersSettings }),
  createRoute({ getParentRoute: () => settingsRoute, path: '/tags', component: TagsSettings }),
  createRoute({ getParentRoute: () => settingsRoute, path: '/contact-types', component: ContactTypesSettings }),
  createRoute({ getParentRoute: () => settingsRoute, path: '/custom-fields', component: CustomFieldsSettings }),
  createRoute({ getParentRoute: () => settingsRoute, path: '/business-card', component: BusinessCardSettings }),
  createRoute({ getParentRoute: () => settingsRoute, path: '/pipelines', component: PipelinesSettings }),
  createRoute({ getParentRoute: () => settingsRoute, path: '/tokens', component: TokensSettings }),
  createRoute({ getParentRoute: () => settingsRoute, path: '/roles', component: RolesSettings }),
  createRoute({ getParentRoute: () => settingsRoute, path: '/profiles', component: ProfilesSettings }),
  createRoute({ getParentRoute: () => settingsRoute, path: '/sharing', component: SharingDefaultsSettings }),
  createRoute({ getParentRoute: () => settingsRoute, path: '/audit-log', component: AuditLogSettings }),
  createRoute({ getParentRoute: () => settingsRoute, path: '/security', component: SecuritySettings }),
  createRoute({ getParentRoute: () => settingsRoute, path: '/custom-links', component: CustomLinksSettings }),
];

/** /settings opens the first page the user may use. */
function SettingsHome() {
  const items = useSettingsItems();
  const navigate = useNavigate();
  const first = items[0]?.to ?? '/settings/security';
  useEffect(() => {
    void navigate({ to: first, replace: true });
  }, [navigate, first]);
  return null;
}

const routeTree = rootRoute.addChildren([
  inviteRoute,
  printRoute,
  appRoute.addChildren([
    indexRoute,
    accountsRoute,
    accountsBoardRoute,
    accountRoute,
    contactsRoute,
    contactRoute,
    dealsRoute,
    dealRoute,
    leadsRoute,
    leadRoute,
    activitiesRoute,
    activitiesListRoute,
    recycleBinRoute,
    settingsRoute.addChildren([settingsIndexRoute, ...settingsChildren]),
  ]),
]);

export const router = createRouter({ routeTree, defaultPreload: false, scrollRestoration: true });

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router;
  }
}
