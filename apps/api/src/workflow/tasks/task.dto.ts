import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDate,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import type { WorkflowTaskComment } from './task-comment.entity.js';
import {
  INBOX_COUNT_CAP,
  INBOX_SORTS,
  INBOX_TABS,
  type InboxSort,
  type InboxTab,
} from './task-inbox.service.js';
import type { WorkflowTask } from './task.entity.js';
import { MAX_PAGE } from '../../common/paging.js';

export class InboxFilterDto {
  @ApiPropertyOptional({ description: 'Only tasks of this process id' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  processId?: string;

  @ApiPropertyOptional({ description: 'Only tasks of this org unit and its subtree' })
  @IsOptional()
  @IsUUID()
  orgUnitId?: string;

  @ApiPropertyOptional({ description: 'Only tasks past their due date' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => value === true || value === 'true' || value === '1')
  @IsBoolean()
  overdue?: boolean;

  @ApiPropertyOptional({
    description: 'Only tasks due before this instant',
    type: String,
    format: 'date-time',
  })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  dueBefore?: Date;
}

export class InboxQueryDto extends InboxFilterDto {
  @ApiPropertyOptional({ enum: INBOX_TABS, default: 'mine' })
  @IsOptional()
  @IsIn(INBOX_TABS)
  tab: InboxTab = 'mine';

  @ApiPropertyOptional({ enum: INBOX_SORTS, description: 'Default dueAt; -completedAt on done' })
  @IsOptional()
  @IsIn(INBOX_SORTS)
  sort?: InboxSort;

  @ApiPropertyOptional({ default: 1, minimum: 1, maximum: MAX_PAGE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE)
  page: number = 1;

  @ApiPropertyOptional({ default: 20, minimum: 1, maximum: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  pageSize: number = 20;
}

export class CompleteTaskDto {
  @ApiPropertyOptional({
    description: 'Process variables (JSON object, names like identifiers, ≤ 256 KiB)',
    type: 'object',
    additionalProperties: true,
  })
  @IsOptional()
  @IsObject()
  variables?: Record<string, unknown>;

  @ApiPropertyOptional({
    type: [String],
    maxItems: 50,
    description: '抄送: person ids the approver copies the completed step to (read-only)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  copyTo?: string[];
}

export class DelegateTaskDto {
  @ApiProperty({ description: 'Person id of the new assignee' })
  @IsUUID()
  assignee: string;
}

export class CreateCommentDto {
  @ApiProperty({ minLength: 1, maxLength: 4000 })
  @IsString()
  @MinLength(1)
  @MaxLength(4000)
  body: string;
}

export class TaskDto {
  id: string;
  instanceId: string;
  definitionId: string;
  processId: string;
  @ApiProperty({ description: 'BPMN element id of the user task' }) elementId: string;
  name: string | null;
  orgUnitId: string | null;
  @ApiProperty({ type: String, description: 'Person id' }) assignee: string | null;
  @ApiProperty({ type: [String], description: 'Person ids' }) candidateUsers: string[];
  @ApiProperty({ type: [String], example: ['committee_secretary@<orgUnitId>'] })
  candidateGroups: string[];
  @ApiProperty({ type: String, format: 'date-time' }) dueAt: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) followUpAt: string | null;
  formKey: string | null;
  priority: number;
  @ApiProperty({ enum: ['open', 'completed', 'cancelled'] }) status: string;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time' }) completedAt: string | null;
  completedBy: string | null;
  @ApiProperty({
    type: String,
    description: 'Set (退回意见, may be empty) when a return sent the work back as this task',
  })
  returnComment: string | null;
  @ApiProperty({
    type: String,
    description: '委派: person id of the owner who delegated it and finishes it',
  })
  owner: string | null;
  @ApiProperty({ nullable: true, enum: ['pending', 'resolved'], type: String })
  delegation: string | null;
  @ApiProperty({
    enum: ['before', 'after', 'after_acting'],
    type: String,
    description:
      '前加签 / 后加签: before — the added person holds it first; after — the approver decides, then the added person acts; after_acting — the added person acts on the decision',
  })
  addedStep: string | null;
  @ApiProperty({ type: String, format: 'date-time', description: 'Last 催办' })
  urgedAt: string | null;
  @ApiProperty({
    type: String,
    description: '代理: the person the assignee stands in for on this task ("代 X 办理")',
  })
  onBehalfOf: string | null;
  @ApiProperty({ type: String, description: "代理: that person's name" })
  onBehalfOfName: string | null;
}

export class TaskActionsDto {
  @ApiProperty({ description: 'May claim it (签收)' }) claim: boolean;
  @ApiProperty({ description: 'May hand it back to its candidates (取消签收)' }) unclaim: boolean;
  @ApiProperty({ description: 'May hand it to someone else (转办)' }) delegate: boolean;
  @ApiProperty({ description: 'May have someone act on it and get it back (委派)' })
  entrust: boolean;
  @ApiProperty({ description: 'May hand a delegated task back to its owner (交回)' })
  resolve: boolean;
  @ApiProperty({ description: 'May urge its holder (催办)' }) urge: boolean;
  @ApiProperty({ description: 'May complete it (办理)' }) complete: boolean;
  @ApiProperty({ description: 'May add a person before or after themselves (前加签 / 后加签)' })
  addSequential: boolean;
  @ApiProperty({ description: 'Holds the task as an added approver: gives their opinion' })
  actAsAdded: boolean;
}

export class TaskDetailDto extends TaskDto {
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'Variables the task sees',
  })
  variables: Record<string, unknown>;

  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } })
  headers: Record<string, string>;

  @ApiProperty({ type: TaskActionsDto, description: 'What the caller may do with the task now' })
  actions: TaskActionsDto;

  @ApiProperty({
    description:
      'True when the form key has a domain form (GET/POST /api/task-forms/{taskId}); false: complete it with variables (POST /api/tasks/{id}/complete)',
  })
  domainForm: boolean;

  @ApiProperty({
    type: String,
    description:
      "Name of the task's org unit (readable here even when the caller's org tree does not reach it)",
  })
  orgUnitName: string | null;
}

export class TaskPageDto {
  items: TaskDto[];
  @ApiProperty({ description: `Tasks in the tab, counted up to ${INBOX_COUNT_CAP}` }) total: number;
  @ApiProperty({
    description: `True when the tab holds more than ${INBOX_COUNT_CAP} (show "${INBOX_COUNT_CAP}+")`,
  })
  totalCapped: boolean;
}

export class TaskCountsDto {
  mine: number;
  claimable: number;
  done: number;
  @ApiProperty({
    enum: INBOX_TABS,
    isArray: true,
    description: `Tabs holding more than ${INBOX_COUNT_CAP} tasks; their number is ${INBOX_COUNT_CAP}`,
  })
  capped: InboxTab[];
}

export class TaskCommentDto {
  id: string;
  taskId: string;
  authorId: string;
  @ApiProperty({ type: String, description: 'The author’s name' })
  authorName: string | null;
  body: string;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: string;
}

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

/** The comment of the return that made this task (the flow's last approval returned the work). */
function returnCommentOf(t: WorkflowTask): string | null {
  if (t.variables['approvalDecision'] !== 'return') return null;
  const comment = t.variables['approvalComment'];
  return typeof comment === 'string' ? comment : '';
}

/** `names`: the names of the people tasks are handled for (代理), by person id. */
export function toTaskDto(t: WorkflowTask, names?: ReadonlyMap<string, string>): TaskDto {
  return {
    id: t.id,
    instanceId: t.instanceId,
    definitionId: t.definitionId,
    processId: t.processId,
    elementId: t.elementId,
    name: t.name,
    orgUnitId: t.orgUnitId,
    assignee: t.assignee,
    candidateUsers: t.candidateUsers,
    candidateGroups: t.candidateGroups,
    dueAt: iso(t.dueAt),
    followUpAt: iso(t.followUpAt),
    formKey: t.formKey,
    priority: t.priority,
    status: t.status,
    createdAt: t.createdAt.toISOString(),
    completedAt: iso(t.completedAt),
    completedBy: t.completedBy,
    returnComment: returnCommentOf(t),
    owner: t.owner,
    delegation: t.delegation,
    addedStep: t.addedStep ?? null,
    urgedAt: iso(t.urgedAt),
    onBehalfOf: t.onBehalfOf ?? null,
    onBehalfOfName: (t.onBehalfOf && names?.get(t.onBehalfOf)) || null,
  };
}

export function toTaskDetailDto(
  t: WorkflowTask,
  actions: TaskActionsDto,
  domainForm: boolean,
  orgUnitName: string | null,
  names?: ReadonlyMap<string, string>,
): TaskDetailDto {
  // Not a spread: V8 copies a spread of this many fields on a slow path, and every task command
  // answers with this (a spread made building and serialising it take 2.5 times as long).
  return Object.assign(toTaskDto(t, names), {
    variables: t.variables,
    headers: t.headers,
    actions,
    domainForm,
    orgUnitName,
  });
}

export function toCommentDto(
  c: WorkflowTaskComment,
  authorNames: ReadonlyMap<string, string>,
): TaskCommentDto {
  return {
    ...c,
    authorName: authorNames.get(c.authorId) ?? null,
    createdAt: c.createdAt.toISOString(),
  };
}
