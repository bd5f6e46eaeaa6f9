import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { createSecretKey, randomBytes } from 'node:crypto';
import { AccessModule } from './access/access.module.js';
import { APP_OPTIONS, type AppOptions } from './app.options.js';
import { AuthModule } from './auth/auth.module.js';
import { ClockModule } from './clock/clock.module.js';
import { ProblemFilter } from './common/problem.filter.js';
import { createValidationPipe } from './common/validation.pipe.js';
import { DatabaseModule } from './database/database.module.js';
import { databaseOptions } from './database/database.options.js';
import { PrivateDataDir } from './database/private-data-dir.js';
import { HealthController } from './health/health.controller.js';
import { APP_LOGGER, createAppLogger } from './logging/app-logger.js';
import { OrgModule } from './org/org.module.js';
import { SeedModule } from './seed/seed.module.js';
import { SecurityEventsModule } from './security-events/security-events.module.js';
import { SsoModule } from './sso/sso.module.js';
import { WorkflowModule } from './workflow/workflow.module.js';
import { ApprovalsModule } from './workflow/approvals/approvals.module.js';
import { AttachmentsModule } from './attachments/attachments.module.js';
import { EvaluationsModule } from './evaluations/evaluations.module.js';
import { PlansModule } from './plans/plans.module.js';
import { SessionsModule } from './sessions/sessions.module.js';
import { StudyModule } from './study/study.module.js';
import { TaskFormsModule } from './task-forms/task-forms.module.js';
import { LedgerModule } from './ledger/ledger.module.js';
import { MetricsModule } from './metrics/metrics.module.js';
import { RectificationModule } from './rectification/rectification.module.js';
import { SupervisionModule } from './supervision/supervision.module.js';
import { NotificationsModule } from './notifications/notifications.module.js';

export type { AppOptions } from './app.options.js';

@Module({})
export class AppModule {
  static forRoot(options: AppOptions): DynamicModule {
    const jwtSecret = options.jwtSecret ?? randomBytes(32).toString('hex');
    return {
      module: AppModule,
      imports: [
        ClockModule.forRoot(options.clock),
        TypeOrmModule.forRoot({ ...databaseOptions(options), autoLoadEntities: true }),
        DatabaseModule,
        // A KeyObject, not a string: given a string, jsonwebtoken first tries (and fails) to
        // parse it as a PEM public key on every verify, which cost more than the rest of auth.
        JwtModule.register({ global: true, secret: createSecretKey(Buffer.from(jwtSecret)) }),
        AccessModule,
        SecurityEventsModule,
        AuthModule,
        SsoModule,
        OrgModule,
        SeedModule,
        WorkflowModule.forRoot(options.workflow),
        ApprovalsModule,
        NotificationsModule,
        TaskFormsModule,
        AttachmentsModule,
        StudyModule,
        PlansModule,
        SessionsModule,
        EvaluationsModule,
        RectificationModule,
        SupervisionModule,
        LedgerModule,
        MetricsModule,
      ],
      controllers: [HealthController],
      providers: [
        { provide: APP_OPTIONS, useValue: options },
        { provide: APP_LOGGER, useValue: createAppLogger(options.logLevel ?? 'info') },
        { provide: APP_FILTER, useClass: ProblemFilter },
        { provide: APP_PIPE, useFactory: createValidationPipe },
        PrivateDataDir,
      ],
      exports: [APP_OPTIONS, APP_LOGGER],
      global: true,
    };
  }
}
