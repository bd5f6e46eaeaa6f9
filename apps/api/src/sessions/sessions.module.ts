import { Module } from '@nestjs/common';
import { PlansModule } from '../plans/plans.module.js';
import { SessionCorrectionService } from './session-correction.service.js';
import { MySessionsService } from './my-sessions.service.js';
import { SessionForms } from './session.forms.js';
import { SessionJobs } from './session.jobs.js';
import { SessionService } from './session.service.js';
import { SessionsController } from './sessions.controller.js';

/** Sessions: the `session` flow's forms and service tasks, session reads and the printable record. */
@Module({
  imports: [PlansModule],
  controllers: [SessionsController],
  providers: [
    SessionService,
    SessionCorrectionService,
    MySessionsService,
    SessionForms,
    SessionJobs,
  ],
})
export class SessionsModule {}
