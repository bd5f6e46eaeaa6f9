import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { AuthUser } from '../auth/auth-user.js';
import { createValidationPipe } from '../common/validation.pipe.js';
import type { WorkflowTask } from '../workflow/tasks/task.entity.js';
import { TaskCommandService } from '../workflow/tasks/task-command.service.js';
import { TaskFormRegistry } from './task-form.registry.js';
import { TaskCompletionHooks } from '../workflow/tasks/task-completion.hooks.js';

export interface TaskFormView {
  taskId: string;
  formKey: string;
  name: string | null;
  elementId: string;
  status: WorkflowTask['status'];
  context: object;
}

/** Shows and submits domain task forms: validate the payload, then complete the task with the rows. */
@Injectable()
export class TaskFormService {
  private readonly pipe = createValidationPipe();

  constructor(
    private readonly registry: TaskFormRegistry,
    private readonly tasks: TaskCommandService,
    @InjectDataSource() private readonly db: DataSource,
    hooks: TaskCompletionHooks,
  ) {
    // 后加签: the approver's held form goes through once the added approver agrees.
    hooks.formReplayer = async (em, user, task, payload) => {
      const form = this.registry.get(task);
      const valid: object = await this.pipe.transform(payload, {
        type: 'body',
        metatype: form.payload,
      });
      return form.submit(em, user, task, valid);
    };
  }

  async view(user: AuthUser, taskId: string): Promise<TaskFormView> {
    const task = await this.tasks.visibleTask(user, taskId);
    const form = this.registry.get(task);
    return {
      taskId: task.id,
      formKey: form.formKey,
      name: task.name,
      elementId: task.elementId,
      status: task.status,
      context: await form.context(this.db.manager, user, task),
    };
  }

  /** Validates `body` against the task's form and completes the task with the form's rows. */
  async submit(user: AuthUser, taskId: string, body: unknown): Promise<WorkflowTask> {
    const task = await this.tasks.visibleTask(user, taskId);
    const form = this.registry.get(task);
    const payload: object = await this.pipe.transform(body ?? {}, {
      type: 'body',
      metatype: form.payload,
    });
    const { task: completed } = await this.tasks.complete(
      user,
      taskId,
      {},
      (em, locked) => form.submit(em, user, locked, payload),
      null,
      { formPayload: body ?? {} },
    );
    return completed;
  }
}
