import {
  type CallHandler,
  createParamDecorator,
  type ExecutionContext,
  type NestInterceptor,
  type Type,
  mixin,
} from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Observable } from 'rxjs';
import { DomainError, InvalidInput, TooLarge } from '../common/errors.js';
import { bilingual } from '../common/locale.js';

/** A file sent as multipart/form-data, as `@ReceivedUpload()` hands it to a handler. */
export interface ReceivedFile {
  originalname: string;
  mimetype: string;
  size: number;
  buffer: Buffer;
}

type UploadRequest = FastifyRequest & { receivedFile?: ReceivedFile | null };

/**
 * Reads a multipart/form-data request before the handler: the one file in `field` (at most
 * `maxBytes`, else 413) for `@ReceivedUpload()`, and the text fields as the body, for `@Body()` and
 * its validation. A request that is not multipart passes on with no file.
 */
export function FileUpload(field: string, maxBytes: number): Type<NestInterceptor> {
  class FileUploadInterceptor implements NestInterceptor {
    async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
      const request = context.switchToHttp().getRequest<UploadRequest>();
      if (!request.isMultipart()) return next.handle();
      const fields: Record<string, string> = {};
      try {
        for await (const part of request.parts({ limits: { fileSize: maxBytes, files: 1 } })) {
          if (part.type === 'field') {
            if (typeof part.value === 'string') fields[part.fieldname] = part.value;
          } else if (part.fieldname === field) {
            const buffer = await part.toBuffer();
            request.receivedFile = {
              originalname: part.filename,
              mimetype: part.mimetype,
              size: buffer.length,
              buffer,
            };
          } else {
            await part.toBuffer();
          }
        }
      } catch (error) {
        if (isLimitError(error)) {
          const mb = Math.round(maxBytes / 1024 / 1024);
          throw new TooLarge(
            bilingual(
              `${field}：只能上传一个文件，最大 ${mb} MB`,
              `${field}: one file of at most ${mb} MB`,
            ),
          );
        }
        if (error instanceof DomainError || hasClientStatus(error)) throw error;
        // The parser's own errors (no boundary, a cut-off or malformed part) mean the body is not
        // readable multipart: the client's mistake, not the server's.
        throw new InvalidInput(
          bilingual(
            '请求体不是有效的 multipart/form-data',
            `the body is not valid multipart/form-data: ${message(error).replace(/[()]/g, '')}`,
          ),
          {
            errors: [
              {
                field,
                message: bilingual(
                  '请以带 boundary 的 multipart/form-data 上传文件',
                  'send the file as multipart/form-data with a boundary',
                ),
              },
            ],
          },
        );
      }
      (request as { body: unknown }).body = fields;
      return next.handle();
    }
  }
  return mixin(FileUploadInterceptor);
}

function isLimitError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'FST_REQ_FILE_TOO_LARGE' || code === 'FST_FILES_LIMIT';
}

function hasClientStatus(error: unknown): boolean {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 500;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The file `FileUpload` read from the request, or undefined when none was sent. */
export const ReceivedUpload = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): ReceivedFile | undefined =>
    ctx.switchToHttp().getRequest<UploadRequest>().receivedFile ?? undefined,
);

/** The 400 for an import sent without its .xlsx file. */
export function missingXlsx(field: string): InvalidInput {
  const message = bilingual(
    `请在表单字段 ${field} 中上传 .xlsx 文件`,
    `an .xlsx file is required in the multipart field "${field}"`,
  );
  return new InvalidInput(message, { errors: [{ field, message }] });
}
