import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ListResponse } from '@kontor/contract/common';
import type { Import, ImportModule, ImportPreview, ImportProblem, ImportTargetOption, ImportTemplate, ImportUpdate } from '@kontor/contract/imports';
import { importTemplateInputSchema } from '@kontor/contract/imports';
import type { z } from 'zod';
import { api, ApiError } from '../../lib/api';
import { recordKeys } from '../records/api';
import { isImportActive } from './status';

export const importKeys = {
  all: ['imports'] as const,
  history: (module: ImportModule | null) => ['imports', 'history', module] as const,
  one: (id: string) => ['imports', 'one', id] as const,
  targets: (id: string) => ['imports', 'targets', id] as const,
  preview: (id: string) => ['imports', 'preview', id] as const,
  problems: (id: string) => ['imports', 'problems', id] as const,
  templates: (module: ImportModule) => ['imports', 'templates', module] as const,
};

/** How often a running import is asked for its progress. */
export const POLL_MS = 500;
const PAGE = 50;

/** The import history: the user's own imports (administrators: everyone's), newest first. */
export function useImportHistory(module: ImportModule | null) {
  return useInfiniteQuery({
    queryKey: importKeys.history(module),
    queryFn: ({ pageParam }) => api.get<ListResponse<Import>>('/imports', { module: module ?? undefined, limit: PAGE, cursor: pageParam ?? undefined }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    // an import running in the list moves on by itself
    refetchInterval: (q) => (q.state.data?.pages.some((p) => p.data.some((i) => isImportActive(i.status))) ? 2000 : false),
  });
}

/** One import; polled every half second while it is queued, running or being undone. */
export function useImport(id: string) {
  return useQuery({
    queryKey: importKeys.one(id),
    queryFn: () => api.get<Import>(`/imports/${id}`),
    refetchInterval: (q) => (q.state.data && isImportActive(q.state.data.status) ? POLL_MS : false),
  });
}

export function useImportTargets(id: string) {
  return useQuery({ queryKey: importKeys.targets(id), queryFn: () => api.get<{ data: ImportTargetOption[] }>(`/imports/${id}/targets`).then((r) => r.data), staleTime: 60_000 });
}

/** The first rows as they would be stored (nothing is written); asked afresh each time the step opens. */
export function useImportPreview(id: string, limit = 20) {
  return useQuery({ queryKey: importKeys.preview(id), queryFn: () => api.post<ImportPreview>(`/imports/${id}/preview`, { limit }), staleTime: 0, gcTime: 0, retry: false });
}

export function useImportProblems(id: string, enabled: boolean) {
  return useInfiniteQuery({
    queryKey: importKeys.problems(id),
    queryFn: ({ pageParam }) => api.get<ListResponse<ImportProblem>>(`/imports/${id}/problems`, { limit: PAGE, cursor: pageParam ?? undefined }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled,
  });
}

/** Mutations on one import; each answer replaces the cached import (and the history is stale). */
export function useImportActions(id: string) {
  const qc = useQueryClient();
  const store = (imp: Import) => {
    qc.setQueryData(importKeys.one(imp.id), imp);
    void qc.invalidateQueries({ queryKey: ['imports', 'history'] });
  };
  return {
    update: useMutation({ mutationFn: (body: ImportUpdate) => api.patch<Import>(`/imports/${id}`, body), onSuccess: store }),
    start: useMutation({ mutationFn: (dryRun: boolean) => api.post<Import>(`/imports/${id}/start`, { dryRun }), onSuccess: store }),
    cancel: useMutation({ mutationFn: () => api.post<Import>(`/imports/${id}/cancel`), onSuccess: store }),
    undo: useMutation({ mutationFn: () => api.post<Import>(`/imports/${id}/undo`), onSuccess: store }),
    discard: useMutation({
      mutationFn: () => api.delete(`/imports/${id}`),
      onSuccess: () => {
        qc.removeQueries({ queryKey: importKeys.one(id) });
        void qc.invalidateQueries({ queryKey: ['imports', 'history'] });
      },
    }),
  };
}

/** Undo from the history list (one row among many). */
export function useUndoImport() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<Import>(`/imports/${id}/undo`),
    onSuccess: (imp) => {
      qc.setQueryData(importKeys.one(imp.id), imp);
      void qc.invalidateQueries({ queryKey: ['imports', 'history'] });
    },
  });
}

/** After an import or its undo: every list of the module (and accounts, which a company column fills) is stale. */
export function useRefreshImported() {
  const qc = useQueryClient();
  return (module: ImportModule) => {
    void qc.invalidateQueries({ queryKey: recordKeys.module(module) });
    if (module !== 'accounts') void qc.invalidateQueries({ queryKey: recordKeys.module('accounts') });
  };
}

export function useImportTemplates(module: ImportModule) {
  return useQuery({ queryKey: importKeys.templates(module), queryFn: () => api.get<{ data: ImportTemplate[] }>('/import-templates', { module }).then((r) => r.data), staleTime: 30_000 });
}

export function useSaveTemplate(module: ImportModule) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof importTemplateInputSchema>) => api.post<ImportTemplate>('/import-templates', importTemplateInputSchema.parse(body)),
    onSuccess: () => void qc.invalidateQueries({ queryKey: importKeys.templates(module) }),
  });
}

export const reportCsvUrl = (id: string) => `/api/v1/imports/${id}/report.csv`;

/**
 * Uploads a file as a new draft import. XMLHttpRequest rather than fetch: only it reports upload progress, which a
 * large file needs. Errors come back as the API client's `ApiError` (refusals carry their code).
 */
export function uploadImport(module: ImportModule, file: File, csrfToken: string | null, onProgress: (fraction: number) => void, signal?: AbortSignal): Promise<Import> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/v1/imports?module=${encodeURIComponent(module)}`);
    xhr.setRequestHeader('accept', 'application/json');
    if (csrfToken) xhr.setRequestHeader('x-csrf-token', csrfToken);
    xhr.withCredentials = true;
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      const body = parseJson(xhr.responseText);
      if (xhr.status >= 200 && xhr.status < 300) resolve(body as Import);
      else reject(uploadError(xhr.status, body, xhr.statusText));
    };
    xhr.onerror = () => reject(new ApiError(0, 'network', 'network error'));
    xhr.onabort = () => reject(new ApiError(0, 'network', 'aborted'));
    signal?.addEventListener('abort', () => xhr.abort());
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}

function parseJson(text: string): unknown {
  try {
    return text ? (JSON.parse(text) as unknown) : null;
  } catch {
    return null;
  }
}

/**
 * An upload's refusal. The server names why a file cannot be read (`empty_file`, `zip_bomb`, …) as the code of the
 * `file` field's problem (or, should that change, as `details.reason` or the error's code); the wizard translates it
 * by that code (see refusals.ts).
 */
export class ImportRefusal extends Error {
  constructor(
    readonly status: number,
    readonly refusal: string,
    message: string,
  ) {
    super(message);
    this.name = 'ImportRefusal';
  }
}

export function uploadError(status: number, body: unknown, fallback: string): Error {
  const err = typeof body === 'object' && body !== null && 'error' in body ? (body as { error: unknown }).error : null;
  if (err && typeof err === 'object') {
    const e = err as { code?: unknown; message?: unknown; details?: unknown };
    const details = typeof e.details === 'object' && e.details !== null ? (e.details as { reason?: unknown; fields?: unknown }) : {};
    // the server answers `validation_failed` with the reader's code on the `file` field (`details.fields.file.code`)
    const fields = typeof details.fields === 'object' && details.fields !== null ? (details.fields as Record<string, unknown>) : {};
    const file = fields.file;
    const fileCode = typeof file === 'object' && file !== null ? (file as { code?: unknown }).code : undefined;
    const named = [fileCode, details.reason, e.code].find((c): c is string => typeof c === 'string' && isRefusalCode(c));
    if (named) return new ImportRefusal(status, named, typeof e.message === 'string' ? e.message : fallback);
  }
  if (status === 413) return new ImportRefusal(status, 'file_too_large', fallback);
  return ApiError.fromBody(status, body, fallback);
}

/** Why a whole file is refused (the server's reader codes). */
export const refusalCodes = [
  'empty_file', 'unknown_format', 'unreadable_encoding', 'no_header', 'xml_entities', 'xml_malformed', 'zip_bomb', 'zip_malformed', 'no_such_sheet', 'file_too_large',
] as const;
export const isRefusalCode = (c: string): c is (typeof refusalCodes)[number] => (refusalCodes as readonly string[]).includes(c);
