import { Injectable } from '@nestjs/common';
import type { Variables } from '@orglife/engine';
import type { EntityManager } from 'typeorm';
import type { ClassConstructor } from 'class-transformer';
import { InvalidInput } from '../common/errors.js';
import type { AuthUser } from '../auth/auth-user.js';
import { taskFormBody } from './task-form-body.js';
import { taskFormContext } from './task-form-context.js';
import { FormOnlyKeys } from '../workflow/tasks/form-only-keys.js';
import type { WorkflowTask } from '../workflow/tasks/task.entity.js';

/**
 * A domain form behind a user task: the payload class the body must satisfy, the rows it
 * writes in the completion's transaction, and the data the form shows.
 */
export interface TaskForm<P extends object = object, C extends object = object> {
  formKey: string;
  /** The class marked `@TaskFormBody(formKey)`, which the OpenAPI document lists. */
  payload: ClassConstructor<P>;
  /** The class marked `@TaskFormContext(formKey)`, which the OpenAPI document lists. */
  contextType: ClassConstructor<C>;
  /** Writes the domain rows; returns variables for the flow (they win over the client's). */
  submit(
    em: EntityManager,
    user: AuthUser,
    task: WorkflowTask,
    payload: P,
  ): Promise<Variables | void>;
  /**
   * What the form needs to render (plan, members, session…). `C` comes from `contextType` alone,
   * so a context missing a documented property does not compile.
   */
  context(em: EntityManager, user: AuthUser, task: WorkflowTask): Promise<NoInfer<C>>;
}

/** Domain forms by form key; each module registers its own when it starts. */
@Injectable()
export class TaskFormRegistry {
  private readonly forms = new Map<string, TaskForm>();

  constructor(private readonly formOnly: FormOnlyKeys) {}

  register<P extends object, C extends object>(form: TaskForm<P, C>): void {
    if (this.forms.has(form.formKey)) throw new Error(`Form ${form.formKey} is registered twice`);
    if (taskFormBody(form.formKey) !== form.payload) {
      throw new Error(
        `Form ${form.formKey}: its payload is not marked @TaskFormBody('${form.formKey}')`,
      );
    }
    if (taskFormContext(form.formKey) !== form.contextType) {
      throw new Error(
        `Form ${form.formKey}: its context type is not marked @TaskFormContext('${form.formKey}')`,
      );
    }
    this.forms.set(form.formKey, form as unknown as TaskForm);
    this.formOnly.add(form.formKey);
  }

  get(task: WorkflowTask): TaskForm {
    const form = task.formKey ? this.forms.get(task.formKey) : undefined;
    if (!form) {
      throw new InvalidInput(
        `Task ${task.id} has no domain form (form key ${task.formKey ?? 'none'}); complete it through POST /api/tasks/${task.id}/complete.`,
      );
    }
    return form;
  }
}
