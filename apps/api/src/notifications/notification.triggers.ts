import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { TaskCreatedHooks } from '../workflow/tasks/task-created.hooks.js';
import type { WorkflowTask } from '../workflow/tasks/task.entity.js';
import { Notifier } from './notifier.js';
import { taskLabel, toldOf } from './task-people.js';

/**
 * New work for a person: a task assigned to them, or one they may claim (a candidate user, or a
 * holder of a candidate group's role on its unit or above). A task made by a return (退回) says
 * so with the comment. Written in the step's transaction, with the task.
 */
@Injectable()
export class NotificationTriggers implements OnModuleInit {
  constructor(
    private readonly taskHooks: TaskCreatedHooks,
    private readonly notifier: Notifier,
  ) {}

  onModuleInit(): void {
    this.taskHooks.onCreated((em, task) => this.taskCreated(em, task));
  }

  private async taskCreated(em: EntityManager, task: WorkflowTask): Promise<void> {
    const name = taskLabel(task);
    const returned = task.variables['approvalDecision'] === 'return';
    const comment = task.variables['approvalComment'];
    await this.notifier.notify(em, {
      kind: returned ? 'task_returned' : 'task_new',
      ...toldOf(task),
      title: returned ? `已退回：${name}` : `新待办：${name}`,
      body: returned
        ? `「${name}」已退回，请修改后重新提交。${typeof comment === 'string' && comment ? `退回意见：${comment}` : ''}`
        : task.assignee
          ? `您有一项新的待办「${name}」，请及时办理。`
          : `有一项可签收的待办「${name}」，请签收办理。`,
      link: `/tasks/${task.id}`,
      orgUnitId: task.orgUnitId,
    });
  }
}
