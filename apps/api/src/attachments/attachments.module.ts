import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Attachment } from './attachment.entity.js';
import { AttachmentService } from './attachment.service.js';
import { AttachmentsController } from './attachments.controller.js';

/** File uploads (session photos and minutes, study materials) with size and type limits. */
@Module({
  imports: [TypeOrmModule.forFeature([Attachment])],
  controllers: [AttachmentsController],
  providers: [AttachmentService],
})
export class AttachmentsModule {}
