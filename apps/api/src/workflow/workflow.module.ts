import { fileURLToPath } from 'node:url';
import { InstanceEndHooks } from './instances/instance-end.hooks.js';
import { TaskCreatedHooks } from './tasks/task-created.hooks.js';
import { TaskCompletionHooks } from './tasks/task-completion.hooks.js';
import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { WorkflowDefinition } from './definitions/definition.entity.js';
import { WorkflowInstance } from './instances/instance.entity.js';
import { WorkflowSubscription } from './instances/subscription.entity.js';
import { WorkflowTask } from './tasks/task.entity.js';
import { WorkflowTaskCandidate } from './tasks/task-candidate.entity.js';
import { WorkflowTaskComment } from './tasks/task-comment.entity.js';
import { WorkflowTaskCopy } from './tasks/task-copy.entity.js';
import { WorkflowTaskAddedApprover } from './tasks/task-added-approver.entity.js';
import { WorkflowTaskNotification } from './tasks/task-notification.entity.js';
import { WorkflowJob } from './jobs/job.entity.js';
import { WorkflowIncident } from './incidents/incident.entity.js';
import { WorkflowHistoryEvent } from './history/history.entity.js';
import { WorkflowAuditEntry } from './history/audit.entity.js';
import { WorkflowStandIn } from './stand-ins/stand-in.entity.js';
import { DecisionDeployment } from './decisions/decision-deployment.entity.js';
import { ScheduleModule } from '@nestjs/schedule';
import { DEFAULT_MAX_ACTIVATIONS, DEFAULT_TIME_ZONE } from '@orglife/engine';
import { DefaultDefinitions } from './definitions/default-definitions.js';
import { DefinitionCache } from './definitions/definition.cache.js';
import { DefinitionController } from './definitions/definition.controller.js';
import { DefinitionDeployer } from './definitions/definition.deployer.js';
import { DefinitionFilesLoader } from './definitions/definition-files.loader.js';
import { DecisionController } from './decisions/decision.controller.js';
import { DecisionDeployer } from './decisions/decision.deployer.js';
import { DecisionRegistry } from './decisions/decision.registry.js';
import { DefinitionRepository } from './definitions/definition.repository.js';
import { StartEventRegistrar } from './definitions/start-event.registrar.js';
import { IncidentController } from './incidents/incident.controller.js';
import { IncidentService } from './incidents/incident.service.js';
import { CommandScope } from './instances/command.scope.js';
import { EffectApplier } from './instances/effect.applier.js';
import { EventController } from './instances/event.controller.js';
import { EventCorrelator } from './instances/event.correlator.js';
import { FollowUpProcessor } from './instances/follow-up.processor.js';
import { OrchestrationStores } from './instances/orchestration.store.js';
import { InstanceCommandRunner } from './instances/instance-command.runner.js';
import { InstanceController } from './instances/instance.controller.js';
import { InstanceMigrator } from './migration/instance-migrator.js';
import { AuditController } from './audit/audit.controller.js';
import { AuditQueryService } from './audit/audit-query.service.js';
import { PersonNames } from './moves/person-names.js';
import { TaskDetails } from './tasks/task-details.js';
import { TaskMovesController } from './moves/task-moves.controller.js';
import { TaskMovingService } from './moves/task-moving.service.js';
import { MigrationController } from './migration/migration.controller.js';
import { MigrationService } from './migration/migration.service.js';
import { StandInController } from './stand-ins/stand-in.controller.js';
import { StandInLookup } from './stand-ins/stand-in.lookup.js';
import { ApproverRules } from './approvals/approver-rules.js';
import { HandoverController } from './handover/handover.controller.js';
import { HandoverService } from './handover/handover.service.js';
import { AuthModule } from '../auth/auth.module.js';
import { StandInService } from './stand-ins/stand-in.service.js';
import { InstanceQueryService } from './instances/instance-query.service.js';
import { WorkflowRuntimeService } from './instances/workflow-runtime.service.js';
import { JobClaimer } from './jobs/job.claimer.js';
import { JobExecutor } from './jobs/job.executor.js';
import { JobHandlerRegistry } from './jobs/job-handler.registry.js';
import { JobRunner } from './jobs/job.runner.js';
import { FormOnlyKeys } from './tasks/form-only-keys.js';
import { DomainRecordGuard } from './instances/domain-record.guard.js';
import { TaskAccessPolicy } from './tasks/task-access.policy.js';
import { TaskCandidateIndex } from './tasks/task-candidate.index.js';
import { TaskCommandService } from './tasks/task-command.service.js';
import { TaskEntrustingService } from './tasks/task-entrusting.service.js';
import { TaskNotificationController } from './tasks/task-notification.controller.js';
import { TaskUrgingService } from './tasks/task-urging.service.js';
import { TaskController } from './tasks/task.controller.js';
import { TaskInboxService } from './tasks/task-inbox.service.js';
import { WorkflowAccess } from './workflow-access.js';
import {
  WORKFLOW_OPTIONS,
  DEFAULT_JOB_EXECUTOR,
  type WorkflowModuleOptions,
  type WorkflowOptions,
} from './workflow.options.js';

/** The repository's `workflows/` folder, from `apps/api/{src,dist}/workflow/`. */
const REPOSITORY_WORKFLOWS = fileURLToPath(new URL('../../../../workflows', import.meta.url));

/**
 * The durable workflow runtime. Other modules use the exported services:
 * `WorkflowRuntimeService` (start, message, signal, cancel), `TaskCommandService`
 * (complete with domain rows in the same transaction), `JobHandlerRegistry` (service tasks).
 */
@Module({})
export class WorkflowModule {
  static forRoot(options: WorkflowModuleOptions = {}): DynamicModule {
    const resolved: WorkflowOptions = {
      workflowsDir:
        options.workflowsDir === undefined ? REPOSITORY_WORKFLOWS : options.workflowsDir,
      jobExecutor: { ...DEFAULT_JOB_EXECUTOR, ...options.jobExecutor },
      maxActivationsPerStep: options.maxActivationsPerStep ?? DEFAULT_MAX_ACTIVATIONS,
      timeZone: options.timeZone ?? DEFAULT_TIME_ZONE,
    };
    const exported = [
      WorkflowRuntimeService,
      TaskCommandService,
      JobHandlerRegistry,
      JobExecutor,
      DefinitionDeployer,
      FormOnlyKeys,
      TaskDetails,
      InstanceEndHooks,
      TaskCreatedHooks,
      TaskCompletionHooks,
      InstanceCommandRunner,
      TaskAccessPolicy,
      InstanceQueryService,
      PersonNames,
    ];
    return {
      module: WorkflowModule,
      global: true,
      imports: [
        ScheduleModule.forRoot(),
        TypeOrmModule.forFeature([
          WorkflowDefinition,
          WorkflowInstance,
          WorkflowSubscription,
          WorkflowTask,
          WorkflowTaskCandidate,
          WorkflowTaskComment,
          WorkflowTaskCopy,
          WorkflowTaskAddedApprover,
          WorkflowTaskNotification,
          WorkflowJob,
          WorkflowIncident,
          WorkflowHistoryEvent,
          WorkflowAuditEntry,
          WorkflowStandIn,
          DecisionDeployment,
        ]),
        AuthModule,
      ],
      controllers: [
        DefinitionController,
        InstanceController,
        EventController,
        TaskController,
        TaskMovesController,
        AuditController,
        TaskNotificationController,
        IncidentController,
        MigrationController,
        StandInController,
        HandoverController,
        DecisionController,
      ],
      providers: [
        { provide: WORKFLOW_OPTIONS, useValue: resolved },
        FormOnlyKeys,
        DomainRecordGuard,
        WorkflowAccess,
        DefinitionCache,
        DefaultDefinitions,
        DefinitionRepository,
        DefinitionDeployer,
        DefinitionFilesLoader,
        DecisionRegistry,
        DecisionDeployer,
        StartEventRegistrar,
        EffectApplier,
        InstanceEndHooks,
        TaskCreatedHooks,
        TaskCompletionHooks,
        InstanceCommandRunner,
        InstanceMigrator,
        MigrationService,
        StandInLookup,
        ApproverRules,
        HandoverService,
        StandInService,
        EventCorrelator,
        FollowUpProcessor,
        OrchestrationStores,
        CommandScope,
        WorkflowRuntimeService,
        InstanceQueryService,
        TaskAccessPolicy,
        TaskMovingService,
        PersonNames,
        TaskDetails,
        AuditQueryService,
        TaskCandidateIndex,
        TaskCommandService,
        TaskEntrustingService,
        TaskUrgingService,
        TaskInboxService,
        JobHandlerRegistry,
        JobClaimer,
        JobRunner,
        JobExecutor,
        IncidentService,
      ],
      exports: exported,
    };
  }
}
