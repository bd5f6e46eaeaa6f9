import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../auth/auth-user.js';
import { CurrentUser } from '../../auth/current-user.decorator.js';
import { PersonNames } from './person-names.js';
import type { TaskOutcome } from '../tasks/task-command.service.js';
import { TaskDetailDto } from '../tasks/task.dto.js';
import { TaskDetails } from '../tasks/task-details.js';
import {
  ReturnTargetDto,
  ReturnTaskDto,
  toReturnTargetDto,
  WithdrawTaskDto,
} from './task-moves.dto.js';
import { TaskMovingService } from './task-moving.service.js';

/** 撤回 and 退回: moving the work of an instance back, with the engine's `modify` command. */
@ApiTags('tasks')
@ApiBearerAuth()
@Controller('tasks')
export class TaskMovesController {
  constructor(
    private readonly moving: TaskMovingService,
    private readonly details: TaskDetails,
    private readonly names: PersonNames,
  ) {}

  @Post(':id/withdraw')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Take a completed task back (撤回): by whoever completed it, while the next step has not been acted on; the task is created again for them and the next step cancelled',
  })
  @ApiOkResponse({ type: TaskDetailDto, description: 'The completed task that was taken back' })
  async withdraw(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Body() body: WithdrawTaskDto,
  ): Promise<TaskDetailDto> {
    return this.outcomeDto(await this.moving.withdraw(user, id, body.reason));
  }

  @Get(':id/return-targets')
  @ApiOperation({
    summary: 'Earlier user tasks this open task may be sent back to (退回), most recent first',
  })
  @ApiOkResponse({ type: [ReturnTargetDto] })
  async returnTargets(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
  ): Promise<ReturnTargetDto[]> {
    const targets = await this.moving.returnTargets(user, id);
    const names = await this.names.of(targets.map((t) => t.completedBy));
    return targets.map((t) => toReturnTargetDto(t, names));
  }

  @Post(':id/return')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Send the work back (退回) to an earlier user task on the path taken, with a reason; by whoever may complete the task; the target is created again for who did it before',
  })
  @ApiOkResponse({ type: TaskDetailDto, description: 'This task, now cancelled' })
  async returnTo(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Body() body: ReturnTaskDto,
  ): Promise<TaskDetailDto> {
    return this.outcomeDto(await this.moving.returnTo(user, id, body.target, body.reason.trim()));
  }

  private outcomeDto(outcome: TaskOutcome): Promise<TaskDetailDto> {
    return this.details.of(outcome);
  }
}
