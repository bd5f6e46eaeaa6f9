import { Module } from '@nestjs/common';
import { AttachmentService } from './attachment.service.js';
import { AttachmentsController } from './attachments.controller.js';

/** File uploads (session photos and minutes, study materials) with size and type limits. */
@Module({
  controllers: [AttachmentsController],
  providers: [AttachmentService],
})
export class AttachmentsModule {}
