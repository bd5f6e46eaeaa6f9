import { ApiError, NetworkError } from './errors';
import { request } from './request';
import { localTokenStore } from './tokens';

export interface UploadProgress {
  loaded: number;
  total: number;
  percent: number;
}

function sendOnce(
  url: string,
  form: FormData,
  onProgress: (progress: UploadProgress) => void,
): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader('Accept', 'application/json');
    const token = localTokenStore.get()?.accessToken;
    if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    xhr.upload.onprogress = (event) => {
      if (!event.lengthComputable) return;
      onProgress({
        loaded: event.loaded,
        total: event.total,
        percent: Math.round((event.loaded / event.total) * 100),
      });
    };
    xhr.onload = () => {
      let body: unknown = xhr.responseText;
      try {
        body = JSON.parse(xhr.responseText) as unknown;
      } catch {
        /* a non-JSON answer stays text */
      }
      resolve({ status: xhr.status, body });
    };
    xhr.onerror = () => reject(new NetworkError(new Error('upload failed')));
    xhr.send(form);
  });
}

/**
 * Multipart upload with progress (fetch cannot report upload progress), sharing the client's
 * token and its single refresh on 401.
 */
export async function uploadWithProgress<T>(
  path: string,
  form: FormData,
  onProgress: (progress: UploadProgress) => void,
): Promise<T> {
  const url = request.url(path);
  let result = await sendOnce(url, form, onProgress);
  if (result.status === 401 && (await request.refresh())) {
    result = await sendOnce(url, form, onProgress);
  }
  if (result.status < 200 || result.status >= 300) throw new ApiError(result.status, result.body);
  return result.body as T;
}
