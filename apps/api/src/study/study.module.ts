import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { StudyContent } from './study-content.entity.js';
import { StudyArrangement } from './study-arrangement.entity.js';
import { PlansModule } from '../plans/plans.module.js';
import { StudyController } from './study.controller.js';
import { StudyForms } from './study.forms.js';
import { StudyJobs } from './study.jobs.js';
import { StudyService } from './study.service.js';

/** Monthly study content: OD publishes, committees arrange, each branch's plan flow starts. */
@Module({
  imports: [TypeOrmModule.forFeature([StudyContent, StudyArrangement]), PlansModule],
  controllers: [StudyController],
  providers: [StudyService, StudyForms, StudyJobs],
})
export class StudyModule {}
