import { Account } from '../auth/account.entity.js';
import { RefreshToken } from '../auth/refresh-token.entity.js';
import { OrgUnit } from '../org/org-unit.entity.js';
import { Person } from '../org/person.entity.js';
import { RoleAssignment } from '../org/role-assignment.entity.js';
import { OrgMembership } from '../org/membership/membership.entity.js';
import { SessionCorrection } from '../sessions/session-correction.entity.js';
import { WorkflowDefinition } from '../workflow/definitions/definition.entity.js';
import { WorkflowAuditEntry } from '../workflow/history/audit.entity.js';
import { WorkflowStandIn } from '../workflow/stand-ins/stand-in.entity.js';
import { DecisionDeployment } from '../workflow/decisions/decision-deployment.entity.js';
import { WorkflowHistoryEvent } from '../workflow/history/history.entity.js';
import { WorkflowIncident } from '../workflow/incidents/incident.entity.js';
import { WorkflowInstance } from '../workflow/instances/instance.entity.js';
import { WorkflowSubscription } from '../workflow/instances/subscription.entity.js';
import { WorkflowJob } from '../workflow/jobs/job.entity.js';
import { WorkflowTaskCandidate } from '../workflow/tasks/task-candidate.entity.js';
import { WorkflowTaskComment } from '../workflow/tasks/task-comment.entity.js';
import { WorkflowTaskCopy } from '../workflow/tasks/task-copy.entity.js';
import { WorkflowTaskAddedApprover } from '../workflow/tasks/task-added-approver.entity.js';
import { WorkflowTaskNotification } from '../workflow/tasks/task-notification.entity.js';
import { WorkflowTask } from '../workflow/tasks/task.entity.js';
import { Attachment } from '../attachments/attachment.entity.js';
import {
  BranchReview,
  PeerReview,
  SecretaryComment,
  VanguardComment,
  VanguardRound,
} from '../evaluations/evaluation.entity.js';
import { PlanReview } from '../plans/plan-review.entity.js';
import { MonthlyPlan } from '../plans/plan.entity.js';
import { WeakBranch } from '../plans/weak-branch.entity.js';
import {
  SessionAttachment,
  SessionAttendance,
  SessionDecision,
  SessionLecture,
  SessionReport,
  SessionSegment,
  SessionSelfStudy,
  SessionSpeech,
} from '../sessions/session-parts.entity.js';
import { OrgSession } from '../sessions/session.entity.js';
import { SessionSignIn } from '../sessions/sign-in/sign-in.entity.js';
import { StudyArrangement } from '../study/study-arrangement.entity.js';
import { StudyContent } from '../study/study-content.entity.js';
import { LedgerRequirement } from '../ledger/ledger-requirement.entity.js';
import { RectificationEvent } from '../rectification/rectification-event.entity.js';
import { Rectification } from '../rectification/rectification.entity.js';
import { AnnualInspection } from '../supervision/annual-inspection.entity.js';
import { OnsiteSupervision } from '../supervision/onsite-supervision.entity.js';
import { SpotCheckBatch } from '../supervision/spot-check-batch.entity.js';
import { SpotCheckItem } from '../supervision/spot-check-item.entity.js';

/** Every TypeORM entity. Append new ones here. */
export const entities = [
  OrgUnit,
  Person,
  RoleAssignment,
  OrgMembership,
  Account,
  RefreshToken,
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
  // monthly cycle (study, plans, sessions, evaluations)
  Attachment,
  StudyContent,
  StudyArrangement,
  WeakBranch,
  MonthlyPlan,
  PlanReview,
  OrgSession,
  SessionSelfStudy,
  SessionAttendance,
  SessionSegment,
  SessionSpeech,
  SessionLecture,
  SessionReport,
  SessionDecision,
  SessionAttachment,
  SessionSignIn,
  SessionCorrection,
  BranchReview,
  PeerReview,
  SecretaryComment,
  VanguardRound,
  VanguardComment,
  // supervision, rectification, ledger
  SpotCheckBatch,
  SpotCheckItem,
  OnsiteSupervision,
  AnnualInspection,
  Rectification,
  RectificationEvent,
  LedgerRequirement,
];
