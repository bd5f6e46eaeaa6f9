import { Injectable } from '@nestjs/common';
import type { Variables } from '@orglife/engine';
import type { AuthUser } from '../../auth/auth-user.js';
import type { CommandContext } from '../instances/command-context.js';
import type { WorkflowTask } from './task.entity.js';

/** What the person completing a task chose beside its variables. */
export interface CompletionChoices {
  /** 抄送: person ids the approver copies the step to. */
  copyTo?: string[];
}

/**
 * Domain work when a user task is completed, in the completion's transaction before the engine
 * moves on; a hook may refuse the completion by throwing.
 */
export type TaskCompletionHook = (
  ctx: CommandContext,
  user: AuthUser,
  task: WorkflowTask,
  variables: Variables,
  choices: CompletionChoices,
) => Promise<void>;

/** Modules register what a completion also does (votes are counted, copies sent). */
@Injectable()
export class TaskCompletionHooks {
  private readonly hooks: TaskCompletionHook[] = [];

  onCompleting(hook: TaskCompletionHook): void {
    this.hooks.push(hook);
  }

  async completing(...args: Parameters<TaskCompletionHook>): Promise<void> {
    for (const hook of this.hooks) await hook(...args);
  }
}
