import type { ErrorBody } from '../../shared/errors';
import { ApiError, csrfToken } from './client';

/** Uploads one file as multipart; the server checks it by content and answers its id. */
export async function uploadFile(kind: string, file: Blob, name = 'upload'): Promise<{ id: string; mimeType: string }> {
  const form = new FormData();
  form.append('file', file, name);
  const response = await fetch(`/api/files?kind=${kind}`, { method: 'POST', body: form, credentials: 'same-origin', headers: { 'x-csrf-token': csrfToken() } });
  const body = (await response.json().catch(() => ({}))) as ErrorBody & { id: string; mimeType: string };
  if (!response.ok) throw new ApiError(response.status, body.error?.code ?? 'INTERNAL', body.error?.message ?? '上传失败，请稍后再试', body.error?.field);
  return body;
}

export const fileUrl = (id: string) => `/api/files/${id}`;

/** Delivers a study snapshot to the capture the server asked for. */
export async function uploadCapture(captureId: string, blob: Blob): Promise<void> {
  const form = new FormData();
  form.append('file', blob, 'capture.jpg');
  const response = await fetch(`/api/study/captures/${captureId}`, { method: 'POST', body: form, credentials: 'same-origin', headers: { 'x-csrf-token': csrfToken() } });
  if (!response.ok) {
    const body = (await response.json().catch(() => ({}))) as ErrorBody;
    throw new ApiError(response.status, body.error?.code ?? 'INTERNAL', body.error?.message ?? '上传失败');
  }
}
