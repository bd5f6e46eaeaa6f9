import { describe, expect, it } from 'vitest';
import { MAX_ATTACHMENT_BYTES, refusalOf } from '../src/attachments/attachment.policy.js';

const PDF = Buffer.from('%PDF-1.7\n', 'latin1');
const DOCX = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]);
const XLS = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0x00]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0]);

describe('attachment policy', () => {
  it('accepts images, PDF and office documents whose bytes match their type', () => {
    expect(refusalOf('application/pdf', PDF)).toBeNull();
    expect(
      refusalOf('application/vnd.openxmlformats-officedocument.wordprocessingml.document', DOCX),
    ).toBeNull();
    expect(refusalOf('application/vnd.ms-excel', XLS)).toBeNull();
    expect(refusalOf('image/jpeg', JPEG)).toBeNull();
  });

  it('refuses other types, naming the type', () => {
    expect(refusalOf('text/html', Buffer.from('<html>'))).toContain('text/html');
    expect(refusalOf('application/zip', DOCX)).toContain('application/zip');
  });

  it('refuses content that does not match the declared type (a renamed file)', () => {
    expect(refusalOf('application/pdf', JPEG)).toContain('不符');
    expect(refusalOf('image/png', PDF)).toContain('不符');
  });

  it('refuses empty files and files over 10 MB', () => {
    expect(refusalOf('application/pdf', Buffer.alloc(0))).toContain('为空');
    const tooBig = Buffer.concat([PDF, Buffer.alloc(MAX_ATTACHMENT_BYTES)]);
    expect(refusalOf('application/pdf', tooBig)).toContain('10MB');
    const justFits = Buffer.concat([PDF, Buffer.alloc(MAX_ATTACHMENT_BYTES - PDF.length)]);
    expect(refusalOf('application/pdf', justFits)).toBeNull();
  });
});
