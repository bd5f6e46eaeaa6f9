import { Injectable } from '@nestjs/common';
import type { Variables } from '@orglife/engine';
import type { EntityManager } from 'typeorm';
import type { AuthUser } from '../../auth/auth-user.js';
import type { CommandContext } from '../instances/command-context.js';
import type { WorkflowTask } from './task.entity.js';

/** What the person completing a task chose beside its variables. */
export interface CompletionChoices {
  /** 抄送: person ids the approver copies the step to. */
  copyTo?: string[];
  /** The domain form's payload (a 后加签 holds it to replay through the form). */
  formPayload?: object;
  /** The completion is one of a 批量审批 (batch approval). */
  batch?: boolean;
}

/** Writes a domain form's rows for `payload` again, as `user`: a held 后加签 decision goes through. */
export type FormReplayer = (
  em: EntityManager,
  user: AuthUser,
  task: WorkflowTask,
  payload: object,
) => Promise<Variables | void>;

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

/**
 * Domain work when the approver rules skip a user task (completed as approved by rule), in the
 * step's transaction.
 */
export type TaskSkippedHook = (ctx: CommandContext, task: WorkflowTask) => Promise<void>;

/** Modules register what a completion also does (votes are counted, copies sent). */
@Injectable()
export class TaskCompletionHooks {
  private readonly hooks: TaskCompletionHook[] = [];
  private readonly skippedHooks: TaskSkippedHook[] = [];
  /** The domain forms' replayer (set by the task-forms module). */
  formReplayer: FormReplayer | null = null;

  onCompleting(hook: TaskCompletionHook): void {
    this.hooks.push(hook);
  }

  async completing(...args: Parameters<TaskCompletionHook>): Promise<void> {
    for (const hook of this.hooks) await hook(...args);
  }

  onSkipped(hook: TaskSkippedHook): void {
    this.skippedHooks.push(hook);
  }

  async skipped(ctx: CommandContext, task: WorkflowTask): Promise<void> {
    for (const hook of this.skippedHooks) await hook(ctx, task);
  }
}
