import {
  type CallHandler,
  createParamDecorator,
  type ExecutionContext,
  type NestInterceptor,
  PayloadTooLargeException,
  type Type,
  mixin,
} from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Observable } from 'rxjs';

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
          throw new PayloadTooLargeException(
            `${field}: one file of at most ${Math.round(maxBytes / 1024 / 1024)} MB`,
          );
        }
        throw error;
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

/** The file `FileUpload` read from the request, or undefined when none was sent. */
export const ReceivedUpload = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): ReceivedFile | undefined =>
    ctx.switchToHttp().getRequest<UploadRequest>().receivedFile ?? undefined,
);
