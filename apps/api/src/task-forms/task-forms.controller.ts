import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user.js';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { TaskFormSubmittedResponse, TaskFormViewResponse } from './task-form.response.js';
import { TaskFormService, type TaskFormView } from './task-form.service.js';

@ApiTags('task-forms')
@ApiBearerAuth()
@Controller('task-forms')
export class TaskFormsController {
  constructor(private readonly forms: TaskFormService) {}

  @Get(':taskId')
  @ApiOperation({ summary: 'The data a domain task form shows (plan, members, session…)' })
  @ApiOkResponse({ type: TaskFormViewResponse })
  view(@CurrentUser() user: AuthUser, @Param('taskId') taskId: string): Promise<TaskFormView> {
    return this.forms.view(user, taskId);
  }

  @Post(':taskId')
  @HttpCode(200)
  @ApiOperation({
    summary:
      "Submit a domain task form: the body is the form key's payload; the task completes with the rows",
  })
  @ApiOkResponse({ type: TaskFormSubmittedResponse })
  async submit(
    @CurrentUser() user: AuthUser,
    @Param('taskId') taskId: string,
    @Body() body: unknown,
  ): Promise<{ taskId: string; status: string }> {
    const task = await this.forms.submit(user, taskId, body);
    return { taskId: task.id, status: task.status };
  }
}
