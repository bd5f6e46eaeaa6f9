import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../auth/auth-user.js';
import { CurrentUser } from '../../auth/current-user.decorator.js';
import { CopyQueryDto, TaskCopyDto, TaskCopyPageDto, toCopyDto } from './approval.dto.js';
import { TaskCopyService } from './task-copy.service.js';

/** 抄送我的: the steps copied to the caller, read-only, read or unread. */
@ApiTags('tasks')
@ApiBearerAuth()
@Controller('task-copies')
export class TaskCopyController {
  constructor(private readonly copies: TaskCopyService) {}

  @Get()
  @ApiOperation({ summary: 'Steps copied to me (抄送我的), newest first, with the unread count' })
  @ApiOkResponse({ type: TaskCopyPageDto })
  async mine(
    @CurrentUser() user: AuthUser,
    @Query() query: CopyQueryDto,
  ): Promise<TaskCopyPageDto> {
    const { rows, unread } = await this.copies.mine(user, query.unread === true);
    return { items: rows.map(toCopyDto), unread };
  }

  @Post(':id/read')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark a copy of mine read' })
  @ApiOkResponse({ type: TaskCopyDto })
  async read(@CurrentUser() user: AuthUser, @Param('id') id: string): Promise<TaskCopyDto> {
    const copy = await this.copies.markRead(user, id);
    return toCopyDto({ copy, taskName: null, copiedByName: null });
  }
}
