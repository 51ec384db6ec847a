import type { ErrorBody } from '../../shared/errors';
import { ApiError, csrfToken } from './client';

/** Uploads one file as multipart; the server checks it by content and answers its id. */
export async function uploadFile(kind: string, file: Blob, name = 'upload'): Promise<{ id: string; mimeType: string }> {
  const form = new FormData();
  form.append('file', file, name);
  const response = await fetch(`/api/files?kind=${kind}`, {
    method: 'POST',
    body: form,
    credentials: 'same-origin',
    headers: { 'x-csrf-token': csrfToken() },
  });
  const body = (await response.json().catch(() => ({}))) as ErrorBody & { id: string; mimeType: string };
  if (!response.ok)
    throw new ApiError(
      response.status,
      body.error?.code ?? 'INTERNAL',
      body.error?.message ?? '上传失败，请稍后再试',
      body.error?.field,
    );
  return body;
}

export const fileUrl = (id: string) => `/api/files/${id}`;

/** Delivers a study snapshot to the capture the server asked for. */
export async function uploadCapture(captureId: string, blob: Blob): Promise<void> {
  const form = new FormData();
  form.append('file', blob, 'capture.jpg');
  const response = await fetch(`/api/study/captures/${captureId}`, {
    method: 'POST',
    body: form,
    credentials: 'same-origin',
    headers: { 'x-csrf-token': csrfToken() },
  });
  if (!response.ok) {
    const body = (await response.json().catch(() => ({}))) as ErrorBody;
    throw new ApiError(response.status, body.error?.code ?? 'INTERNAL', body.error?.message ?? '上传失败');
  }
}

/**
 * Posts one file as multipart and reports upload progress (0–100), so a large
 * import shows how far it is; after 100 the server is still reading the rows.
 */
export function postFileWithProgress<T>(url: string, file: File, onProgress: (percent: number) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.withCredentials = true;
    xhr.setRequestHeader('x-csrf-token', csrfToken());
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.floor((e.loaded / e.total) * 100));
    };
    xhr.onerror = () => reject(new ApiError(0, 'UNAVAILABLE', '网络连接失败，请检查网络后重试'));
    xhr.onload = () => {
      let body: (T & Partial<ErrorBody>) | null = null;
      try {
        body = JSON.parse(xhr.responseText) as T & Partial<ErrorBody>;
      } catch {
        /* not JSON */
      }
      if (xhr.status >= 200 && xhr.status < 300 && body) resolve(body);
      else
        reject(
          new ApiError(
            xhr.status,
            body?.error?.code ?? 'INTERNAL',
            body?.error?.message ?? `服务器错误（${xhr.status}），请稍后再试`,
            body?.error?.field,
          ),
        );
    };
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}
