import type { QueryClient } from '@tanstack/react-query';
import type { Attachment } from '@kontor/contract/attachments';
import type { ItemModule } from '@kontor/contract/notes';
import type { Session } from '@kontor/contract/users';
import { api, ApiError } from '../../lib/api';
import { sessionKey } from '../auth/session';
import { recordKeys, usePagedList } from '../records/api';

/** A record's files, newest first, page by page (under the record's detail key). */
export const attachmentsKey = (module: ItemModule, id: string) => recordKeys.related(module, id, 'attachments', {});

export function useAttachments(module: ItemModule, id: string) {
  return usePagedList<Attachment>(attachmentsKey(module, id), `/${module}/${id}/attachments`, {});
}

/** Where the browser downloads a file (the session cookie authenticates a plain link). */
export const downloadUrl = (a: Attachment) => `/api/v1/attachments/${a.id}/download`;

export const deleteAttachment = (a: Attachment) => api.delete(`/attachments/${a.id}`);

/** After a file comes or goes: the record's files and its timeline (which shows files) load again. */
export function refreshAttachments(qc: QueryClient, module: ItemModule, id: string): void {
  void qc.invalidateQueries({ queryKey: attachmentsKey(module, id) });
  void qc.invalidateQueries({ queryKey: [...recordKeys.detail(module, id), 'timeline'] });
}

function errorOf(xhr: XMLHttpRequest): ApiError {
  let body: unknown;
  try {
    body = JSON.parse(xhr.responseText);
  } catch {
    body = null;
  }
  return ApiError.fromBody(xhr.status, body, xhr.statusText);
}

/**
 * Uploads one file onto a record with progress (0..1). XMLHttpRequest, because fetch reports no upload progress;
 * failures are ApiErrors like every other call (413 `payload_too_large` carries `details.maxBytes`).
 */
export function uploadAttachment(qc: QueryClient, module: ItemModule, id: string, file: File, onProgress: (fraction: number) => void): Promise<Attachment> {
  const csrf = qc.getQueryData<Session | null>(sessionKey)?.csrfToken;
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/v1/${module}/${id}/attachments`);
    xhr.setRequestHeader('accept', 'application/json');
    if (csrf) xhr.setRequestHeader('x-csrf-token', csrf);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      if (xhr.status === 201) resolve(JSON.parse(xhr.responseText) as Attachment);
      else reject(errorOf(xhr));
    };
    xhr.onerror = () => reject(new ApiError(0, 'network', 'network error'));
    const form = new FormData();
    form.append('file', file);
    xhr.send(form);
  });
}
