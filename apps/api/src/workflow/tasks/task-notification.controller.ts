import { Controller, Get, HttpCode, NotFoundException, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../auth/auth-user.js';
import { CurrentUser } from '../../auth/current-user.decorator.js';
import { Transactions } from '../../database/transactions.js';
import { isUuid } from '../instances/org-unit-of.js';
import { TaskUrgingService } from './task-urging.service.js';
import { TaskNotificationDto, toNotificationDto } from './task-verbs.dto.js';

@ApiTags('tasks')
@ApiBearerAuth()
@Controller('task-notifications')
export class TaskNotificationController {
  constructor(
    private readonly urging: TaskUrgingService,
    private readonly tx: Transactions,
  ) {}

  @Get()
  @ApiOperation({ summary: 'My in-app notices about tasks (催办), newest first' })
  @ApiOkResponse({ type: [TaskNotificationDto] })
  async mine(@CurrentUser() user: AuthUser): Promise<TaskNotificationDto[]> {
    const rows = await this.urging.mine(user);
    const actors = [...new Set(rows.map((row) => row.actor))];
    const names = actors.length
      ? await this.tx
          .reader()
          .query<{ id: string; name: string }[]>(
            `SELECT id::text, name FROM person WHERE id::text = ANY($1)`,
            [actors],
          )
      : [];
    const byId = new Map(names.map((row) => [row.id, row.name]));
    return rows.map((row) => toNotificationDto(row, byId));
  }

  @Post(':id/read')
  @HttpCode(204)
  @ApiOperation({ summary: 'Mark one of my notices read' })
  async read(@CurrentUser() user: AuthUser, @Param('id') id: string): Promise<void> {
    if (!isUuid(id) || !(await this.urging.markRead(user, id))) {
      throw new NotFoundException(`Notice ${id} does not exist (通知不存在).`);
    }
  }
}
