import {
  Body,
  Controller,
  Get,
  Param,
  ParseUUIDPipe,
  Post,
  Res,
  StreamableFile,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
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
import type { Response } from 'express';
import type { AuthUser } from '../auth/auth-user.js';
import { CurrentUser } from '../auth/current-user.decorator.js';
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
  @UseInterceptors(
    FileInterceptor('file', { limits: { fileSize: MAX_ATTACHMENT_BYTES, files: 1 } }),
  )
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
    @UploadedFile() file: Upload | undefined,
  ): Promise<Attachment> {
    return this.attachments.upload(user, body.orgUnitId, file);
  }

  @Get(':id')
  @ApiOperation({ summary: "An attachment's metadata" })
  @ApiOkResponse({ type: AttachmentResponse })
  meta(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<Attachment> {
    return this.attachments.meta(user, id);
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
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const { meta, content } = await this.attachments.content(user, id);
    res.setHeader('Content-Type', meta.mimeType);
    res.setHeader(
      'Content-Disposition',
      `attachment; filename*=UTF-8''${encodeURIComponent(meta.fileName)}`,
    );
    return new StreamableFile(content);
  }
}
