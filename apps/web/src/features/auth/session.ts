import { createContext, useContext } from 'react';
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { Session, User } from '@kontor/contract/users';
import { api, ApiError, setCsrfToken } from '../../lib/api';
import i18n, { changeLocale } from '../../lib/i18n';

export const sessionKey = ['session'] as const;

async function fetchSession(): Promise<Session | null> {
  try {
    const s = await api.get<Session>('/auth/session', undefined, { allow401: true });
    setCsrfToken(s.csrfToken);
    return s;
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw e;
  }
}

export function useSessionQuery() {
  return useQuery({ queryKey: sessionKey, queryFn: fetchSession, staleTime: Infinity, retry: 1 });
}

/** Shows the user's chosen language (one who never chose keeps what this browser shows; AuthGate saves it as theirs). */
export function applyUserLocale(user: User): void {
  if (user.localeChosen && i18n.language !== user.locale) changeLocale(user.locale).catch(() => undefined);
}

/** A new session (login, accepted invitation): forget what anyone else loaded, keep the session the gate observes. */
function startSession(qc: QueryClient, s: Session): void {
  setCsrfToken(s.csrfToken);
  applyUserLocale(s.user);
  qc.removeQueries({ predicate: (q) => q.queryKey[0] !== sessionKey[0] });
  qc.setQueryData(sessionKey, s);
}

export function useLogin() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { email: string; password: string }) => api.post<Session>('/auth/login', body, { allow401: true }),
    onSuccess: (s) => startSession(qc, s),
  });
}

/** The invitee sets their password; the answer is a session, as after a login. */
export function useAcceptInvite(token: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (password: string) => api.post<Session>(`/auth/invite/${encodeURIComponent(token)}`, { password }, { allow401: true }),
    onSuccess: (s) => startSession(qc, s),
  });
}

export function useLogout() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<void>('/auth/logout', undefined, { allow401: true }),
    onSettled: () => {
      setCsrfToken(null);
      qc.setQueryData(sessionKey, null);
      // forget everything the previous user loaded, but keep the (now empty) session observed by the gate
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== sessionKey[0] });
    },
  });
}

export const CurrentUserContext = createContext<User | null>(null);

export function useCurrentUser(): User {
  const user = useContext(CurrentUserContext);
  if (!user) throw new Error('useCurrentUser outside of a session');
  return user;
}
