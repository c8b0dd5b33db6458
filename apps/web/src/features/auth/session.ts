import { createContext, useContext } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Session, User } from '@kontor/contract/users';
import { api, ApiError, setCsrfToken } from '../../lib/api';
import i18n, { isLocale } from '../../lib/i18n';

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

export function applyUserLocale(user: User): void {
  if (isLocale(user.locale) && i18n.language !== user.locale) void i18n.changeLanguage(user.locale);
}

export function useLogin() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { email: string; password: string }) => api.post<Session>('/auth/login', body, { allow401: true }),
    onSuccess: (s) => {
      setCsrfToken(s.csrfToken);
      applyUserLocale(s.user);
      qc.setQueryData(sessionKey, s);
    },
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

export const canManage = (user: User) => user.role === 'admin' || user.role === 'manager';
export const canWrite = (user: User) => user.role !== 'readonly';
