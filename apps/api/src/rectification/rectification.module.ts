import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Rectification } from './rectification.entity.js';
import { RectificationEvent } from './rectification-event.entity.js';
import { RectificationController } from './rectification.controller.js';
import { RectificationForms } from './rectification.forms.js';
import { RectificationJobs } from './rectification.jobs.js';
import { RectificationService } from './rectification.service.js';

/** Rectification items (整改), their flow's forms and service tasks, and the board. */
@Module({
  imports: [TypeOrmModule.forFeature([Rectification, RectificationEvent])],
  controllers: [RectificationController],
  providers: [RectificationService, RectificationForms, RectificationJobs],
  exports: [RectificationService],
})
export class RectificationModule {}
