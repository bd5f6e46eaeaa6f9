import { CreateOrgAndAuth1764230400000 } from './1764230400000-create-org-and-auth.js';
import { CreateWorkflowRuntime1764300000000 } from './1764300000000-create-workflow-runtime.js';
import { CreateMonthlyCycle1764400000000 } from './1764400000000-create-monthly-cycle.js';
import { CreateSupervision1764500000000 } from './1764500000000-create-supervision.js';
import { CreateSavedCheck1764600000000 } from './1764600000000-create-saved-check.js';
import { CreateLoginFailures1764700000000 } from './1764700000000-create-login-failures.js';
import { HistoryWithoutForeignKey1764800000000 } from './1764800000000-history-without-foreign-key.js';
import { HistoryKeyedByInstance1764900000000 } from './1764900000000-history-keyed-by-instance.js';
import { AccountsAndSecurityEvents1765000000000 } from './1765000000000-accounts-and-security-events.js';
import { SpotCheckNoticePerBranch1765200000000 } from './1765200000000-spot-check-notice-per-branch.js';
import { SessionSignInSheet1765210000000 } from './1765210000000-session-sign-in-sheet.js';
import { CreateSsoSignIn1765300000000 } from './1765300000000-create-sso-sign-in.js';
import { DefinitionVersionNote1765400000000 } from './1765400000000-definition-version-note.js';
import { OnePlanAndOneDrawAMonth1765500000000 } from './1765500000000-one-plan-and-one-draw-a-month.js';
import { EndedSession1765700000000 } from './1765700000000-ended-session.js';
import { SsoAutoCreate1765710000000 } from './1765710000000-sso-auto-create.js';
import { SessionCorrectionsAndMemberships1765800000000 } from './1765800000000-session-corrections-and-memberships.js';
import { SessionSignIn1766100000000 } from './1766100000000-session-sign-in.js';
import { Notifications1766100100000 } from './1766100100000-notifications.js';
import { TaskEntrustAndUrge1766300000000 } from './1766300000000-task-entrust-and-urge.js';
import { StandIns1766400000000 } from './1766400000000-stand-ins.js';
import { CancelledWithTheirFlow1766500000000 } from './1766500000000-cancelled-with-their-flow.js';
import { NotificationDeadlinesAndDigest1766900000000 } from './1766900000000-notification-deadlines-and-digest.js';
import { AttachmentPhotos1767000000000 } from './1767000000000-attachment-photos.js';
import { VotesAndCopies1767300000000 } from './1767300000000-votes-and-copies.js';
import { SequentialApprovers1767400000000 } from './1767400000000-sequential-approvers.js';
import { DecisionDeployments1767600000000 } from './1767600000000-decision-deployments.js';

/** Every migration, oldest first. Append new ones at the end (class refs work in vitest and dist). */
export const migrations = [
  CreateOrgAndAuth1764230400000,
  CreateWorkflowRuntime1764300000000,
  CreateMonthlyCycle1764400000000,
  CreateSupervision1764500000000,
  CreateSavedCheck1764600000000,
  CreateLoginFailures1764700000000,
  HistoryWithoutForeignKey1764800000000,
  HistoryKeyedByInstance1764900000000,
  AccountsAndSecurityEvents1765000000000,
  SpotCheckNoticePerBranch1765200000000,
  SessionSignInSheet1765210000000,
  CreateSsoSignIn1765300000000,
  DefinitionVersionNote1765400000000,
  OnePlanAndOneDrawAMonth1765500000000,
  EndedSession1765700000000,
  SsoAutoCreate1765710000000,
  SessionCorrectionsAndMemberships1765800000000,
  SessionSignIn1766100000000,
  Notifications1766100100000,
  TaskEntrustAndUrge1766300000000,
  StandIns1766400000000,
  CancelledWithTheirFlow1766500000000,
  NotificationDeadlinesAndDigest1766900000000,
  AttachmentPhotos1767000000000,
  VotesAndCopies1767300000000,
  SequentialApprovers1767400000000,
  DecisionDeployments1767600000000,
];
