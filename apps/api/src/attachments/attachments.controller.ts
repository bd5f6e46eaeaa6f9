import {
  Body,
  Controller,
  Get,
  Param,
  ParseUUIDPipe,
  Post,
  Res,
  StreamableFile,
  UseInterceptors,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiProperty,
  ApiTags,
} from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import type { FastifyReply } from 'fastify';
import type { AuthUser } from '../auth/auth-user.js';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { FileUpload, ReceivedUpload } from '../http/file-upload.interceptor.js';
import type { Attachment } from './attachment.entity.js';
import { MAX_ATTACHMENT_BYTES } from './attachment.policy.js';
import { AttachmentResponse } from './attachment.response.js';
import { AttachmentService, type UploadedFile as Upload } from './attachment.service.js';

export class UploadAttachmentDto {
  @ApiProperty({
    format: 'uuid',
    description: 'The unit the file belongs to (the branch for session photos)',
  })
  @IsUUID()
  orgUnitId: string;
}

@ApiTags('attachments')
@ApiBearerAuth()
@Controller('attachments')
export class AttachmentsController {
  constructor(private readonly attachments: AttachmentService) {}

  @Post()
  @UseInterceptors(FileUpload('file', MAX_ATTACHMENT_BYTES))
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file', 'orgUnitId'],
      properties: {
        file: { type: 'string', format: 'binary' },
        orgUnitId: { type: 'string', format: 'uuid' },
      },
    },
  })
  @ApiOperation({
    summary: 'Upload a photo, minutes or material (≤10 MB; images, PDF, office documents)',
  })
  @ApiCreatedResponse({ type: AttachmentResponse })
  upload(
    @CurrentUser() user: AuthUser,
    @Body() body: UploadAttachmentDto,
    @ReceivedUpload() file: Upload | undefined,
  ): Promise<Attachment> {
    return this.attachments.upload(user, body.orgUnitId, file);
  }

  @Get(':id')
  @ApiOperation({ summary: "An attachment's metadata" })
  @ApiOkResponse({ type: AttachmentResponse })
  meta(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<Attachment> {
    return this.attachments.meta(user, id);
  }

  @Get(':id/thumbnail')
  @ApiOperation({
    summary: "An image's thumbnail (JPEG, at most 320 px, turned upright); 404 for other files",
  })
  @ApiProduces('image/jpeg')
  @ApiOkResponse({ description: 'The thumbnail', schema: { type: 'string', format: 'binary' } })
  async thumbnail(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    const thumbnail = await this.attachments.thumbnail(user, id);
    void reply
      .header('Content-Type', 'image/jpeg')
      .header('Cache-Control', 'private, max-age=3600');
    return new StreamableFile(thumbnail);
  }

  @Get(':id/content')
  @ApiOperation({ summary: 'Download an attachment' })
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({
    description: 'The file, with its own Content-Type (image, PDF, office document)',
    schema: { type: 'string', format: 'binary' },
  })
  async content(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    const { meta, content } = await this.attachments.content(user, id);
    void reply
      .header('Content-Type', meta.mimeType)
      .header(
        'Content-Disposition',
        `attachment; filename*=UTF-8''${encodeURIComponent(meta.fileName)}`,
      );
    return new StreamableFile(content);
  }
}
