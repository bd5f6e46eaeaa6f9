import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../auth/auth-user.js';
import { CurrentUser } from '../../auth/current-user.decorator.js';
import type { TaskOutcome } from '../tasks/task-command.service.js';
import { TaskDetails } from '../tasks/task-details.js';
import { TaskDetailDto } from '../tasks/task.dto.js';
import {
  AddApproverDto,
  AddedApprovalDto,
  AddedApproverDto,
  AddSequentialApproverDto,
  toAddedApproverDto,
  RemoveApproverDto,
  toVoteRoundDto,
  VoteRoundResponseDto,
} from './approval.dto.js';
import { TaskCosignService } from './task-cosign.service.js';
import { TaskSequentialService } from './task-sequential.service.js';
import { TaskVoteService } from './task-vote.service.js';

/** 会签 / 或签 / 票签 rounds, 加签 and 减签 on a task. */
@ApiTags('tasks')
@ApiBearerAuth()
@Controller('tasks')
export class ApprovalController {
  constructor(
    private readonly votes: TaskVoteService,
    private readonly cosign: TaskCosignService,
    private readonly details: TaskDetails,
    private readonly sequential: TaskSequentialService,
  ) {}

  @Get(':id/added-approvers')
  @ApiOperation({ summary: 'The people added before or after the approver (前加签 / 后加签)' })
  @ApiOkResponse({ type: [AddedApproverDto] })
  async added(@CurrentUser() user: AuthUser, @Param('id') id: string): Promise<AddedApproverDto[]> {
    return (await this.sequential.list(user, id)).map(toAddedApproverDto);
  }

  @Post(':id/added-approvers')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Add a person before (前加签) or after (后加签) the current holder of this single-assignee task; by its holder',
  })
  @ApiOkResponse({ type: TaskDetailDto })
  async addSequential(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Body() body: AddSequentialApproverDto,
  ): Promise<TaskDetailDto> {
    return this.dto(await this.sequential.add(user, id, body.assignee, body.position, body.reason));
  }

  @Post(':id/added-approval')
  @HttpCode(200)
  @ApiOperation({
    summary:
      "The added approver's opinion (加签意见): 前加签 returns the task to the approver; 后加签 agreed lets the held decision go through",
  })
  @ApiOkResponse({ type: TaskDetailDto })
  async act(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Body() body: AddedApprovalDto,
  ): Promise<TaskDetailDto> {
    return this.dto(await this.sequential.act(user, id, body.approved, body.comment));
  }

  @Get(':id/votes')
  @ApiOperation({ summary: 'The vote round of a 会签/或签/票签 task: each approver and vote' })
  @ApiOkResponse({ type: VoteRoundResponseDto })
  async round(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
  ): Promise<VoteRoundResponseDto> {
    const round = await this.votes.round(user, id);
    return { round: round ? toVoteRoundDto(round) : null };
  }

  @Post(':id/approvers')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Add an approver (并行加签) to the open vote round; by its approver or leadership',
  })
  @ApiOkResponse({ type: TaskDetailDto })
  async add(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Body() body: AddApproverDto,
  ): Promise<TaskDetailDto> {
    return this.dto(await this.cosign.add(user, id, body.assignee, body.reason));
  }

  @Post(':id/remove-approver')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Remove this pending approver from its round (减签); by who added them or leadership',
  })
  @ApiOkResponse({ type: TaskDetailDto })
  async remove(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Body() body: RemoveApproverDto,
  ): Promise<TaskDetailDto> {
    return this.dto(await this.cosign.remove(user, id, body.reason));
  }

  private dto(outcome: TaskOutcome): Promise<TaskDetailDto> {
    return this.details.of(outcome);
  }
}
