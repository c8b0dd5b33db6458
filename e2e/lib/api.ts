import type { APIRequestContext, Browser, BrowserContext } from 'playwright-core';

export interface ApiClient {
  get: <T>(path: string) => Promise<T>;
  post: <T>(path: string, body: unknown) => Promise<T>;
  patch: <T>(path: string, body: unknown) => Promise<T>;
  put: <T>(path: string, body: unknown) => Promise<T>;
  delete: <T>(path: string) => Promise<T>;
  close: () => Promise<void>;
}

/** A signed-in API client in its own browser context (own cookie jar), for fast setup from a spec. */
export async function apiAs(browser: Browser, baseUrl: string, email: string, password: string): Promise<ApiClient> {
  const context: BrowserContext = await browser.newContext();
  const request: APIRequestContext = context.request;
  const login = await request.post(`${baseUrl}/api/v1/auth/login`, { data: { email, password } });
  if (!login.ok()) throw new Error(`API login as ${email} failed: ${login.status()} ${await login.text()}`);
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const call = async <T>(method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<T> => {
    const res = await request.fetch(`${baseUrl}/api/v1${path}`, { method, data: body, headers: method === 'GET' ? {} : { 'x-csrf-token': csrfToken } });
    if (!res.ok()) throw new Error(`${method} ${path}: ${res.status()} ${await res.text()}`);
    return (res.status() === 204 ? undefined : await res.json()) as T;
  };
  return {
    get: (path) => call('GET', path),
    post: (path, body) => call('POST', path, body),
    patch: (path, body) => call('PATCH', path, body),
    put: (path, body) => call('PUT', path, body),
    delete: (path) => call('DELETE', path),
    close: () => context.close(),
  };
}
