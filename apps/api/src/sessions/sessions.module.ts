import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OrgSession } from './session.entity.js';
import {
  SessionAttachment,
  SessionAttendance,
  SessionDecision,
  SessionLecture,
  SessionReport,
  SessionSegment,
  SessionSelfStudy,
  SessionSpeech,
} from './session-parts.entity.js';
import { SessionSignIn } from './sign-in/sign-in.entity.js';
import { SessionCorrection } from './session-correction.entity.js';
import { PlansModule } from '../plans/plans.module.js';
import { SessionCorrectionService } from './session-correction.service.js';
import { MySessionsService } from './my-sessions.service.js';
import { SessionForms } from './session.forms.js';
import { SessionJobs } from './session.jobs.js';
import { SessionService } from './session.service.js';
import { SessionsController } from './sessions.controller.js';
import { CheckInCodes } from './sign-in/check-in-codes.js';
import { SignInController } from './sign-in/sign-in.controller.js';
import { SignInService } from './sign-in/sign-in.service.js';

/** Sessions: the `session` flow's forms and service tasks, session reads, the printable record, QR sign-in. */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      OrgSession,
      SessionAttachment,
      SessionAttendance,
      SessionDecision,
      SessionLecture,
      SessionReport,
      SessionSegment,
      SessionSelfStudy,
      SessionSpeech,
      SessionSignIn,
      SessionCorrection,
    ]),
    PlansModule,
  ],
  controllers: [SessionsController, SignInController],
  providers: [
    SessionService,
    SessionCorrectionService,
    MySessionsService,
    SessionForms,
    SessionJobs,
    SignInService,
    CheckInCodes,
  ],
})
export class SessionsModule {}
