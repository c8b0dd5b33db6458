import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Module } from '@kontor/contract/custom-fields';
import type { BulkRequest, Filter, FilterFieldsResponse, Job, Selection, View, ViewCreate, ViewUpdate } from '@kontor/contract/views';
import { api, toQuery, type QueryValue } from '../../lib/api';
import { recordKeys } from '../records/api';

export const viewKeys = {
  list: (m: Module) => ['views', m] as const,
  fields: (m: Module) => ['views', 'fields', m] as const,
  job: (id: string) => ['jobs', id] as const,
};

export interface ViewList {
  data: View[];
  defaultViewId: string;
}

/** The module's views: system views first, then shared and personal ones; and the reader's default. */
export function useViews(module: Module) {
  return useQuery({ queryKey: viewKeys.list(module), queryFn: () => api.get<ViewList>('/views', { module }), staleTime: 30_000, retry: 1 });
}

/** What the module's filter offers (fields, operators, options) and which columns its table may show. */
export function useFilterFields(module: Module) {
  return useQuery({ queryKey: viewKeys.fields(module), queryFn: () => api.get<FilterFieldsResponse>('/views/fields', { module }), staleTime: 60_000, retry: 1 });
}

export function useViewMutations(module: Module) {
  const qc = useQueryClient();
  const refresh = () => qc.invalidateQueries({ queryKey: viewKeys.list(module) });
  return {
    create: useMutation({ mutationFn: (body: ViewCreate) => api.post<View>('/views', body), onSuccess: refresh }),
    update: useMutation({ mutationFn: ({ id, ...body }: ViewUpdate & { id: string }) => api.patch<View>(`/views/${id}`, body), onSuccess: refresh }),
    remove: useMutation({ mutationFn: (id: string) => api.delete(`/views/${id}`), onSuccess: refresh }),
    setDefault: useMutation({ mutationFn: (viewId: string | null) => api.put<void>(`/views/default/${module}`, { viewId }), onSuccess: refresh }),
  };
}

// ---- jobs ----------------------------------------------------------------------------------------------------------

export const jobFinished = (j: Job | undefined): boolean => j !== undefined && (j.status === 'done' || j.status === 'failed' || j.status === 'cancelled');

/** A job, polled every second until it has finished. */
export function useJob(id: string | null, initial?: Job) {
  return useQuery({
    queryKey: viewKeys.job(id ?? ''),
    queryFn: () => api.get<Job>(`/jobs/${id ?? ''}`),
    enabled: id !== null,
    initialData: initial && initial.id === id ? initial : undefined,
    refetchInterval: (q) => (jobFinished(q.state.data) ? false : 1000),
  });
}

export function useCancelJob() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<Job>(`/jobs/${id}/cancel`),
    onSuccess: (job) => qc.setQueryData(viewKeys.job(job.id), job),
  });
}

/** Starts a mass action (`POST /{module}/bulk`); the answer is the job to follow. */
export function useStartBulk(module: Module) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: BulkRequest) => api.post<Job>(`/${module}/bulk`, body),
    onSuccess: (job) => qc.setQueryData(viewKeys.job(job.id), job),
  });
}

export interface ExportOptions {
  format: 'csv' | 'xlsx' | 'vcf';
  /** `columns`: the table's columns; `full`: every field, custom field and contact point (imports back as it is). */
  layout: 'columns' | 'full';
  delimiter: 'comma' | 'semicolon' | 'tab';
  bom: boolean;
  columns: string[];
  sort: string;
}

/** Starts an export as a job (large sets, or a set of picked records); the finished job has a download link. */
export function useStartExport(module: Module) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ selection, options }: { selection: Selection; options: ExportOptions }) =>
      api.post<Job>(`/${module}/export`, { selection, format: options.format, layout: options.layout, delimiter: options.delimiter, bom: options.bom, columns: options.columns, sort: options.sort }),
    onSuccess: (job) => qc.setQueryData(viewKeys.job(job.id), job),
  });
}

/** The address of a streamed export of what the list shows (the session cookie authenticates the download). */
export function exportUrl(module: Module, view: { view?: string; filter?: Filter; q?: string; letter?: string }, options: ExportOptions): string {
  const params: Record<string, QueryValue> = {
    format: options.format,
    layout: options.layout,
    delimiter: options.format === 'csv' ? options.delimiter : undefined,
    bom: options.format === 'csv' ? String(options.bom) : undefined,
    columns: options.layout === 'columns' ? options.columns.join(',') : undefined,
    sort: options.sort,
    view: view.view,
    filter: view.filter ? JSON.stringify(view.filter) : undefined,
    q: view.q,
    letter: view.letter,
  };
  return `/api/v1/${module}/export${toQuery(params)}`;
}

/** After a mass action: every list, count and record of the module is stale. */
export function useRefreshModule(module: Module) {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: recordKeys.module(module) });
}
