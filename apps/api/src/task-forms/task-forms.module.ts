import { Global, Module } from '@nestjs/common';
import { TaskFormRegistry } from './task-form.registry.js';
import { TaskFormService } from './task-form.service.js';
import { TaskFormsController } from './task-forms.controller.js';
import { TaskReminderJob } from './task-reminder.job.js';

/** Domain task forms (by form key): registry, view and submit. Global so each domain module registers into it. */
@Global()
@Module({
  controllers: [TaskFormsController],
  providers: [TaskFormRegistry, TaskFormService, TaskReminderJob],
  exports: [TaskFormRegistry, TaskFormService],
})
export class TaskFormsModule {}
