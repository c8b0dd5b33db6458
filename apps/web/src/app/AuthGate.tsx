import { useEffect, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Center, Loader } from '@mantine/core';
import { setUnauthenticatedHandler } from '../lib/api';
import { ErrorState } from '../components/States';
import { applyUserLocale, CurrentUserContext, sessionKey, useSessionQuery } from '../features/auth/session';
import { useChangeLanguage } from '../components/LanguageSelect';
import { currentLocale } from '../lib/i18n';
import { LoginPage } from '../features/auth/LoginPage';
import { AppLayout } from './AppLayout';

/**
 * Shows the login page until there is a session; an expired session (any 401) returns here. `framed={false}` leaves
 * out the app's frame (a print page has no sidebar or top bar, only what goes on paper).
 */
export function AuthGate({ children, framed = true }: { children: ReactNode; framed?: boolean }) {
  const qc = useQueryClient();
  const session = useSessionQuery();
  useEffect(() => {
    setUnauthenticatedHandler(() => qc.setQueryData(sessionKey, null));
    return () => setUnauthenticatedHandler(null);
  }, [qc]);
  const user = session.data?.user;
  const saveLanguage = useChangeLanguage(true);
  useEffect(() => {
    // A user who never chose a language (first login) gets the one this browser shows (its own, else the
    // organisation's default), saved as their choice.
    if (user && !user.localeChosen) void saveLanguage(currentLocale());
    else if (user) applyUserLocale(user);
    // only when another user logs in, not on each session refresh
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [user?.id]);

  if (session.isPending)
    return (
      <Center h="100vh">
        <Loader />
      </Center>
    );
  if (session.isError)
    return (
      <Center h="100vh" p="lg">
        <ErrorState error={session.error} onRetry={() => void session.refetch()} />
      </Center>
    );
  if (!session.data) return <LoginPage />;
  return (
    <CurrentUserContext.Provider value={session.data.user}>{framed ? <AppLayout>{children}</AppLayout> : children}</CurrentUserContext.Provider>
  );
}
