import { ApiProperty } from '@nestjs/swagger';
import type { TaskStatus } from '../workflow/tasks/task.entity.js';
import type { TaskFormView } from './task-form.service.js';

const TASK_STATUSES: Record<TaskStatus, true> = { open: true, completed: true, cancelled: true };

/** What a domain task form shows. */
export class TaskFormViewResponse implements TaskFormView {
  taskId: string;

  @ApiProperty({ example: 'orglife:plan-draft' })
  formKey: string;

  name: string | null;

  @ApiProperty({ description: 'The BPMN user task id' })
  elementId: string;

  @ApiProperty({ enum: Object.keys(TASK_STATUSES) })
  status: TaskStatus;

  /** The document lists the `@TaskFormContext` class of each form key here (openapi.ts). */
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: "The form key's data (plan, members, session…)",
  })
  context: object;
}

/** The task after a form was submitted. */
export class TaskFormSubmittedResponse {
  taskId: string;

  @ApiProperty({ enum: Object.keys(TASK_STATUSES) })
  status: string;
}
