/** Uploads: at most 10 MB of images, PDF or office documents, recognised by their first bytes. */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

type Family = 'jpeg' | 'png' | 'gif' | 'webp' | 'pdf' | 'ooxml' | 'ole';

/** Accepted MIME types and the signature family their content must have. */
export const ACCEPTED_TYPES: Record<string, Family> = {
  'image/jpeg': 'jpeg',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'application/pdf': 'pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'ooxml',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'ooxml',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'ooxml',
  'application/msword': 'ole',
  'application/vnd.ms-excel': 'ole',
  'application/vnd.ms-powerpoint': 'ole',
};

function startsWith(content: Buffer, bytes: number[], offset = 0): boolean {
  return bytes.every((b, i) => content[offset + i] === b);
}

const SIGNATURES: Record<Family, (c: Buffer) => boolean> = {
  jpeg: (c) => startsWith(c, [0xff, 0xd8, 0xff]),
  png: (c) => startsWith(c, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  gif: (c) => startsWith(c, [0x47, 0x49, 0x46, 0x38]),
  webp: (c) =>
    startsWith(c, [0x52, 0x49, 0x46, 0x46]) && startsWith(c, [0x57, 0x45, 0x42, 0x50], 8),
  pdf: (c) => startsWith(c, [0x25, 0x50, 0x44, 0x46, 0x2d]),
  ooxml: (c) => startsWith(c, [0x50, 0x4b, 0x03, 0x04]),
  ole: (c) => startsWith(c, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
};

/** Why a file is refused, or null when it is acceptable. */
export function refusalOf(mimeType: string, content: Buffer): string | null {
  if (content.length === 0) return '文件为空 (the file is empty)';
  if (content.length > MAX_ATTACHMENT_BYTES) return '文件超过10MB (the file is larger than 10 MB)';
  const family = ACCEPTED_TYPES[mimeType];
  if (!family)
    return `不支持的文件类型 ${mimeType}：仅限图片、PDF和Office文档 (only images, PDF and office documents)`;
  if (!SIGNATURES[family](content))
    return `文件内容与类型 ${mimeType} 不符 (the content does not match its type)`;
  return null;
}
