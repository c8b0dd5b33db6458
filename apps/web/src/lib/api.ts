import { z } from 'zod';
import { errorBodySchema, fieldErrorSchema, type ErrorCode } from '@kontor/contract/errors';

/** One field's problem as the API answers it (`details.fields`): a code to translate, its params, English. */
export type FieldProblem = z.infer<typeof fieldErrorSchema>;
type Params = Record<string, string | number>;

const detailsSchema = z.object({
  fields: z.record(z.string(), fieldErrorSchema).optional(),
  reason: z.string().optional(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});

/** The error the API answered (or a network failure, code `network`). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ErrorCode | 'network';
  /** Each field's problem by code (translate with `fieldMessage`). */
  readonly fields: Record<string, FieldProblem>;
  readonly details: Record<string, unknown>;
  /** Why, when the code alone does not say it (`errorReasons` in the contract), and its params. */
  readonly reason: string | undefined;
  readonly params: Params;

  constructor(status: number, code: ErrorCode | 'network', message: string, fields?: Record<string, FieldProblem>, details?: Record<string, unknown>) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.fields = fields ?? {};
    this.details = details ?? {};
    const d = detailsSchema.safeParse(this.details);
    this.reason = d.success ? d.data.reason : undefined;
    this.params = (d.success ? d.data.params : undefined) ?? {};
  }

  /** The error of a response body (checked with the contract's schema); `fallback` names a body that says nothing. */
  static fromBody(status: number, body: unknown, fallback: string): ApiError {
    const parsed = errorBodySchema.safeParse(body);
    if (!parsed.success) return new ApiError(status, status === 413 ? 'payload_too_large' : 'internal', fallback);
    const { code, message, fields, details } = parsed.data.error;
    const coded = detailsSchema.safeParse(details ?? {});
    // each field by code; a field the server named only in English keeps that English (shown as it is)
    const problems: Record<string, FieldProblem> = Object.fromEntries(Object.entries(fields ?? {}).map(([k, m]) => [k, { code: '', message: m }]));
    Object.assign(problems, coded.success ? coded.data.fields : {});
    return new ApiError(status, code, message, problems, details);
  }
}

export const isApiError = (e: unknown, code?: ApiError['code']): e is ApiError =>
  e instanceof ApiError && (code === undefined || e.code === code);

const BASE = '/api/v1';
let csrfToken: string | null = null;
let onUnauthenticated: (() => void) | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}
/** Called when a request answers 401 outside the login flow (the session expired). */
export function setUnauthenticatedHandler(fn: (() => void) | null): void {
  onUnauthenticated = fn;
}

export type QueryValue = string | number | boolean | null | undefined;
export function toQuery(params: Record<string, QueryValue>): string {
  const s = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') s.set(k, String(v));
  const q = s.toString();
  return q ? `?${q}` : '';
}

interface RequestOptions {
  body?: unknown;
  form?: FormData;
  /** Do not treat a 401 as an expired session (login, session probe). */
  allow401?: boolean;
}

async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let body: BodyInit | undefined;
  if (opts.form) body = opts.form;
  else if (opts.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  let res: Response;
  try {
    res = await fetch(BASE + path, { method, headers, body, credentials: 'same-origin' });
  } catch (e) {
    throw new ApiError(0, 'network', e instanceof Error ? e.message : 'network error');
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  if (!res.ok) {
    const apiError = ApiError.fromBody(res.status, json, res.statusText);
    if (res.status === 401 && !opts.allow401) onUnauthenticated?.();
    throw apiError;
  }
  return json as T;
}

export const api = {
  get: <T>(path: string, params?: Record<string, QueryValue>, opts?: RequestOptions) => request<T>('GET', path + (params ? toQuery(params) : ''), opts),
  post: <T>(path: string, body?: unknown, opts?: RequestOptions) => request<T>('POST', path, { ...opts, body }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, { body }),
  delete: <T = void>(path: string, params?: Record<string, QueryValue>) => request<T>('DELETE', path + (params ? toQuery(params) : '')),
  upload: <T>(path: string, file: File) => {
    const form = new FormData();
    form.append('file', file);
    return request<T>('PUT', path, { form });
  },
};
