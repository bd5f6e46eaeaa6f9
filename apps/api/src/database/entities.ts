import { Account } from '../auth/account.entity.js';
import { RefreshToken } from '../auth/refresh-token.entity.js';
import { OrgUnit } from '../org/org-unit.entity.js';
import { Person } from '../org/person.entity.js';
import { RoleAssignment } from '../org/role-assignment.entity.js';
import { WorkflowDefinition } from '../workflow/definitions/definition.entity.js';
import { WorkflowAuditEntry } from '../workflow/history/audit.entity.js';
import { WorkflowHistoryEvent } from '../workflow/history/history.entity.js';
import { WorkflowIncident } from '../workflow/incidents/incident.entity.js';
import { WorkflowInstance } from '../workflow/instances/instance.entity.js';
import { WorkflowSubscription } from '../workflow/instances/subscription.entity.js';
import { WorkflowJob } from '../workflow/jobs/job.entity.js';
import { WorkflowTaskCandidate } from '../workflow/tasks/task-candidate.entity.js';
import { WorkflowTaskComment } from '../workflow/tasks/task-comment.entity.js';
import { WorkflowTask } from '../workflow/tasks/task.entity.js';

/** Every TypeORM entity. Append new ones here. */
export const entities = [
  OrgUnit,
  Person,
  RoleAssignment,
  Account,
  RefreshToken,
  WorkflowDefinition,
  WorkflowInstance,
  WorkflowSubscription,
  WorkflowTask,
  WorkflowTaskCandidate,
  WorkflowTaskComment,
  WorkflowJob,
  WorkflowIncident,
  WorkflowHistoryEvent,
  WorkflowAuditEntry,
];
