import { createRootRoute, createRoute, createRouter, lazyRouteComponent, Outlet, redirect } from '@tanstack/react-router';
import { AuthGate } from './AuthGate';
import { NotFound, RouteError, RoutePending } from './route-states';
import { parseAccountSearch } from '../features/activity-board/search';
import { parseLeadSearch } from '../features/leads/search';
import { parseActivityListSearch } from '../features/activities/search';
import { parseDealSearch, parseLetter, parseListSearch, type ListSearch } from '../features/records/search';
import { parseViewSearch } from '../features/views/listState';
import { rememberLocation } from '../features/views/list-memory';
import { undoToasts } from '../features/records/undo-toasts';
import { parsePrintSearch } from '../features/print/search';
import { parseImportNewSearch, parseImportSearch } from '../features/imports/search';
import { parseDuplicatesSearch } from '../features/duplicates/search';

/*
 * Code splitting (issue #14): this file holds only paths and search parsers. Each page group's components load as
 * their own chunk when a route first needs them (`.lazy()`, files in ./routes): the accounts list, an account page,
 * the board, contacts, deals, leads, activities, settings, the recycle bin, print, the invitation page. While a chunk
 * loads the route shows the page skeleton; a chunk that fails to load (a new version was deployed) offers a reload.
 */

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

const inviteRoute = createRoute({ getParentRoute: () => rootRoute, path: '/invite/$token' }).lazy(() => import('./routes/invite.route').then((m) => m.Route));

/** A list on paper (`?viewId&filter&sort&q&letter&columns`, as the list's URL): outside the app's frame, so no sidebar. */
const printRoute = createRoute({ getParentRoute: () => rootRoute, path: '/print/$module', validateSearch: parsePrintSearch }).lazy(() =>
  import('./routes/print.route').then((m) => m.Route),
);

const indexRoute = createRoute({ getParentRoute: () => appRoute, path: '/', beforeLoad: () => { throw redirect({ to: '/accounts' }); } });

const accountsRoute = createRoute({ getParentRoute: () => appRoute, path: '/accounts', validateSearch: parseAccountSearch }).lazy(() =>
  import('./routes/accounts-list.route').then((m) => m.Route),
);
const accountsBoardRoute = createRoute({ getParentRoute: () => appRoute, path: '/accounts/board', validateSearch: parseAccountSearch }).lazy(() =>
  import('./routes/accounts-board.route').then((m) => m.Route),
);
const accountRoute = createRoute({ getParentRoute: () => appRoute, path: '/accounts/$accountId' }).lazy(() => import('./routes/account.route').then((m) => m.Route));

const contacts = () => import('./routes/contacts.route');
const contactsRoute = createRoute({ getParentRoute: () => appRoute, path: '/contacts', validateSearch: parseListSearch }).lazy(() => contacts().then((m) => m.list));
const contactRoute = createRoute({ getParentRoute: () => appRoute, path: '/contacts/$contactId' }).lazy(() => contacts().then((m) => m.record));

const deals = () => import('./routes/deals.route');
const dealsRoute = createRoute({ getParentRoute: () => appRoute, path: '/deals', validateSearch: parseDealSearch }).lazy(() => deals().then((m) => m.list));
const dealRoute = createRoute({ getParentRoute: () => appRoute, path: '/deals/$dealId' }).lazy(() => deals().then((m) => m.record));

const activities = () => import('./routes/activities.route');
const activitiesRoute = createRoute({ getParentRoute: () => appRoute, path: '/activities' }).lazy(() => activities().then((m) => m.mine));
const activitiesListRoute = createRoute({ getParentRoute: () => appRoute, path: '/activities/list', validateSearch: parseActivityListSearch }).lazy(() =>
  activities().then((m) => m.list),
);

const leads = () => import('./routes/leads.route');
const leadsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/leads',
  validateSearch: (s: Record<string, unknown>): ListSearch => ({ ...parseViewSearch(s), letter: parseLetter(s.letter), ...parseLeadSearch(s) }),
}).lazy(() => leads().then((m) => m.list));
const leadRoute = createRoute({ getParentRoute: () => appRoute, path: '/leads/$leadId' }).lazy(() => leads().then((m) => m.record));

const recycleBinRoute = createRoute({ getParentRoute: () => appRoute, path: '/recycle-bin' }).lazy(() => import('./routes/recycle-bin.route').then((m) => m.Route));

/** Imports (issue #15): the history, a new import's upload, and an import by id (its wizard step, progress or report). */
const imports = () => import('./routes/imports.route');
const importsRoute = createRoute({ getParentRoute: () => appRoute, path: '/imports' }).lazy(() => imports().then((m) => m.history));
const importNewRoute = createRoute({ getParentRoute: () => appRoute, path: '/imports/new', validateSearch: parseImportNewSearch }).lazy(() => imports().then((m) => m.upload));
const importRoute = createRoute({ getParentRoute: () => appRoute, path: '/imports/$importId', validateSearch: parseImportSearch }).lazy(() => imports().then((m) => m.wizard));

/** Duplicates (issue #16): a module's clusters of likely duplicates, merged or dismissed from there. */
const duplicates = () => import('./routes/duplicates.route');
const contactDuplicatesRoute = createRoute({ getParentRoute: () => appRoute, path: '/contacts/duplicates', validateSearch: parseDuplicatesSearch }).lazy(() =>
  duplicates().then((m) => m.contacts),
);
const accountDuplicatesRoute = createRoute({ getParentRoute: () => appRoute, path: '/accounts/duplicates', validateSearch: parseDuplicatesSearch }).lazy(() =>
  duplicates().then((m) => m.accounts),
);

/** The settings pages, by path under /settings: all of settings is one chunk. */
export const settingsPages = [
  'users',
  'tags',
  'contact-types',
  'custom-fields',
  'business-card',
  'pipelines',
  'tokens',
  'roles',
  'profiles',
  'sharing',
  'audit-log',
  'security',
  'custom-links',
] as const;
export type SettingsPage = (typeof settingsPages)[number];

const settings = () => import('./routes/settings.route');
const settingsRoute = createRoute({ getParentRoute: () => appRoute, path: '/settings' }).lazy(() => settings().then((m) => m.layout));
const settingsIndexRoute = createRoute({ getParentRoute: () => settingsRoute, path: '/' }).lazy(() => settings().then((m) => m.home));
const settingsChildren = settingsPages.map((page) =>
  createRoute({ getParentRoute: () => settingsRoute, path: `/${page}`, component: lazyRouteComponent(() => settings().then((m) => ({ default: m.pages[page] }))) }),
);

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
    importsRoute,
    importNewRoute,
    importRoute,
    contactDuplicatesRoute,
    accountDuplicatesRoute,
    settingsRoute.addChildren([settingsIndexRoute, ...settingsChildren]),
  ]),
]);

export const router = createRouter({
  routeTree,
  defaultPreload: false,
  scrollRestoration: true,
  defaultPendingComponent: RoutePending,
  // A page whose chunk is not loaded yet shows its skeleton after a short moment (none when it is cached).
  defaultPendingMs: 150,
  defaultErrorComponent: RouteError,
});

// Each module's list as the user left it, for the record pages' breadcrumb back (features/views/list-memory.ts); an undo
// offered on another page closes (features/records/undo-registry.ts).
router.subscribe('onResolved', ({ toLocation }) => {
  rememberLocation(toLocation);
  undoToasts.leave(toLocation.pathname);
});

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router;
  }
}
