import { Module } from '@nestjs/common';
import { RectificationController } from './rectification.controller.js';
import { RectificationForms } from './rectification.forms.js';
import { RectificationJobs } from './rectification.jobs.js';
import { RectificationService } from './rectification.service.js';

/** Rectification items (整改), their flow's forms and service tasks, and the board. */
@Module({
  controllers: [RectificationController],
  providers: [RectificationService, RectificationForms, RectificationJobs],
  exports: [RectificationService],
})
export class RectificationModule {}
