import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../auth/auth-user.js';
import { CurrentUser } from '../../auth/current-user.decorator.js';
import { Transactions } from '../../database/transactions.js';
import { TaskCommandService, type TaskOutcome } from './task-command.service.js';
import { WorkflowTaskComment } from './task-comment.entity.js';
import { TaskInboxService } from './task-inbox.service.js';
import {
  CompleteTaskDto,
  CreateCommentDto,
  DelegateTaskDto,
  InboxFilterDto,
  InboxQueryDto,
  TaskCommentDto,
  TaskCountsDto,
  TaskDetailDto,
  TaskPageDto,
  toCommentDto,
  toTaskDto,
} from './task.dto.js';
import { TaskDetails } from './task-details.js';
import { TaskEntrustingService } from './task-entrusting.service.js';
import { TaskUrgingService } from './task-urging.service.js';
import { EntrustTaskDto, ResolveTaskDto, UrgeTaskDto } from './task-verbs.dto.js';
import { isUuid } from '../instances/org-unit-of.js';

@ApiTags('tasks')
@ApiBearerAuth()
@Controller('tasks')
export class TaskController {
  constructor(
    private readonly inbox: TaskInboxService,
    private readonly commands: TaskCommandService,
    private readonly entrusting: TaskEntrustingService,
    private readonly urging: TaskUrgingService,
    private readonly tx: Transactions,
    private readonly details: TaskDetails,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Inbox tab (待办 mine / 可签收 claimable / 已办 done), filtered and paged',
  })
  @ApiOkResponse({ type: TaskPageDto })
  async list(@CurrentUser() user: AuthUser, @Query() query: InboxQueryDto): Promise<TaskPageDto> {
    const page = await this.inbox.page(user, query);
    return { items: page.items.map(toTaskDto), total: page.total, totalCapped: page.totalCapped };
  }

  @Get('counts')
  @ApiOperation({ summary: 'Number of tasks in each inbox tab, with the same filters' })
  @ApiOkResponse({ type: TaskCountsDto })
  counts(@CurrentUser() user: AuthUser, @Query() filter: InboxFilterDto): Promise<TaskCountsDto> {
    return this.inbox.counts(user, filter);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One task with its variables' })
  @ApiOkResponse({ type: TaskDetailDto })
  async get(@CurrentUser() user: AuthUser, @Param('id') id: string): Promise<TaskDetailDto> {
    return this.outcomeDto(await this.commands.visibleTaskWithActions(user, id));
  }

  @Post(':id/claim')
  @HttpCode(200)
  @ApiOperation({ summary: 'Claim (签收) a task offered to me or my group' })
  @ApiOkResponse({ type: TaskDetailDto })
  async claim(@CurrentUser() user: AuthUser, @Param('id') id: string): Promise<TaskDetailDto> {
    return this.outcomeDto(await this.commands.claim(user, id));
  }

  @Post(':id/unclaim')
  @HttpCode(200)
  @ApiOperation({ summary: 'Give a claimed task back to its candidates' })
  @ApiOkResponse({ type: TaskDetailDto })
  async unclaim(@CurrentUser() user: AuthUser, @Param('id') id: string): Promise<TaskDetailDto> {
    return this.outcomeDto(await this.commands.unclaim(user, id));
  }

  @Post(':id/complete')
  @HttpCode(200)
  @ApiOperation({ summary: 'Complete (办结) the task; 409 when it is no longer open' })
  @ApiOkResponse({ type: TaskDetailDto })
  async complete(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Body() body: CompleteTaskDto,
  ): Promise<TaskDetailDto> {
    return this.outcomeDto(
      await this.commands.complete(user, id, body.variables, undefined, null, {
        copyTo: body.copyTo,
      }),
    );
  }

  @Post(':id/delegate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reassign (转办) the task: by its assignee or OD/committee leadership' })
  @ApiOkResponse({ type: TaskDetailDto })
  async delegate(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Body() body: DelegateTaskDto,
  ): Promise<TaskDetailDto> {
    return this.outcomeDto(await this.commands.delegate(user, id, body.assignee));
  }

  @Post(':id/entrust')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Delegate (委派) the task: the delegate acts and hands it back; by its assignee',
  })
  @ApiOkResponse({ type: TaskDetailDto })
  async entrust(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Body() body: EntrustTaskDto,
  ): Promise<TaskDetailDto> {
    return this.outcomeDto(await this.entrusting.entrust(user, id, body.assignee, body.reason));
  }

  @Post(':id/resolve')
  @HttpCode(200)
  @ApiOperation({ summary: 'Hand a delegated task back to its owner (交回); by the delegate' })
  @ApiOkResponse({ type: TaskDetailDto })
  async resolve(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Body() body: ResolveTaskDto,
  ): Promise<TaskDetailDto> {
    return this.outcomeDto(await this.entrusting.resolve(user, id, body.comment));
  }

  @Post(':id/urge')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Urge (催办) the holder of an open task; OD/committee leadership; once an hour',
  })
  @ApiOkResponse({ type: TaskDetailDto })
  async urge(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Body() body: UrgeTaskDto,
  ): Promise<TaskDetailDto> {
    return this.outcomeDto(await this.urging.urge(user, id, body.message));
  }

  @Get(':id/comments')
  @ApiOperation({ summary: 'Comments on a task, oldest first' })
  @ApiOkResponse({ type: [TaskCommentDto] })
  async comments(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
  ): Promise<TaskCommentDto[]> {
    const task = await this.commands.visibleTask(user, id);
    const rows = await this.tx
      .reader()
      .find(WorkflowTaskComment, { where: { taskId: task.id }, order: { createdAt: 'ASC' } });
    const names = await this.namesOf(rows.map((row) => row.authorId));
    return rows.map((row) => toCommentDto(row, names));
  }

  @Post(':id/comments')
  @ApiOperation({ summary: 'Comment on a task' })
  @ApiOkResponse({ type: TaskCommentDto })
  async addComment(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Body() body: CreateCommentDto,
  ): Promise<TaskCommentDto> {
    const comment = await this.commands.comment(user, id, body.body);
    return toCommentDto(comment, await this.namesOf([comment.authorId]));
  }

  private outcomeDto(outcome: TaskOutcome): Promise<TaskDetailDto> {
    return this.details.of(outcome);
  }

  /** Names of the people among `authorIds` (a reminder's author is `system`, not a person). */
  private async namesOf(authorIds: string[]): Promise<Map<string, string>> {
    const personIds = authorIds.filter(isUuid);
    if (personIds.length === 0) return new Map();
    const rows = await this.tx
      .reader()
      .query<{ id: string; name: string }[]>(`SELECT id, name FROM person WHERE id = ANY($1)`, [
        [...new Set(personIds)],
      ]);
    return new Map(rows.map((row) => [row.id, row.name]));
  }
}
