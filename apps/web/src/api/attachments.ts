import type { Attachment } from './forms';
import { request } from './request';
import { uploadWithProgress, type UploadProgress } from './upload';

/** Uploads one file for an org unit (≤10 MB; images, PDF, office documents). */
export function uploadAttachment(
  file: File,
  orgUnitId: string,
  onProgress: (p: UploadProgress) => void,
) {
  const form = new FormData();
  form.append('orgUnitId', orgUnitId);
  form.append('file', file);
  return uploadWithProgress<Attachment>('/attachments', form, onProgress);
}

export function getAttachment(id: string) {
  return request.get<Attachment>(`/attachments/${encodeURIComponent(id)}`);
}

export function attachmentUrl(id: string) {
  return request.url(`/attachments/${encodeURIComponent(id)}/content`);
}

/** The file itself, read with the caller's token (to save or open it). */
export function downloadAttachment(id: string) {
  return request.get<Blob>(`/attachments/${encodeURIComponent(id)}/content`, undefined, {
    responseType: 'blob',
  });
}

/** An image's thumbnail (JPEG, ≤320 px, upright), read with the caller's token. */
export function thumbnailOf(id: string) {
  return request.get<Blob>(`/attachments/${encodeURIComponent(id)}/thumbnail`, undefined, {
    responseType: 'blob',
  });
}
