import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { WorkflowTask } from './task.entity.js';

/** Domain work when a user task is created, in the step's transaction (e.g. telling its people). */
export type TaskCreatedHook = (em: EntityManager, task: WorkflowTask) => Promise<void>;

/** Modules register what follows a new task; the notifications tell its assignee or candidates. */
@Injectable()
export class TaskCreatedHooks {
  private readonly hooks: TaskCreatedHook[] = [];

  onCreated(hook: TaskCreatedHook): void {
    this.hooks.push(hook);
  }

  async created(em: EntityManager, task: WorkflowTask): Promise<void> {
    for (const hook of this.hooks) await hook(em, task);
  }
}
