import type { ClassConstructor } from 'class-transformer';
import { describe, expect, it } from 'vitest';
import { PlanDraftDto, PlanReviewDto } from '../src/plans/plan.dto.js';
import { type TaskForm, TaskFormRegistry } from '../src/task-forms/task-form.registry.js';
import { FormOnlyKeys } from '../src/workflow/tasks/form-only-keys.js';

function form<P extends object>(formKey: string, payload: ClassConstructor<P>): TaskForm<P> {
  return { formKey, payload, submit: async () => ({}), context: async () => ({}) };
}

describe('registering a domain task form', () => {
  it('takes a form whose payload is the class marked @TaskFormBody with its key', () => {
    const registry = new TaskFormRegistry(new FormOnlyKeys());
    expect(() => registry.register(form('orglife:plan-draft', PlanDraftDto))).not.toThrow();
  });

  it('refuses a payload the OpenAPI document would not show for that key', () => {
    const registry = new TaskFormRegistry(new FormOnlyKeys());
    expect(() => registry.register(form('orglife:plan-draft', PlanReviewDto))).toThrow(
      "Form orglife:plan-draft: its payload is not marked @TaskFormBody('orglife:plan-draft')",
    );
    expect(() => registry.register(form('orglife:unknown', PlanDraftDto))).toThrow(
      'orglife:unknown',
    );
  });
});
