import type { ClassConstructor } from 'class-transformer';
import { describe, expect, it } from 'vitest';
import { PlanDraftDto, PlanReviewDto } from '../src/plans/plan.dto.js';
import {
  PlanApprovalContextResponse,
  PlanDraftContextResponse,
} from '../src/plans/plan.response.js';
import { type TaskForm, TaskFormRegistry } from '../src/task-forms/task-form.registry.js';
import { FormOnlyKeys } from '../src/workflow/tasks/form-only-keys.js';

function form<P extends object, C extends object>(
  formKey: string,
  payload: ClassConstructor<P>,
  contextType: ClassConstructor<C>,
): TaskForm<P, C> {
  return {
    formKey,
    payload,
    contextType,
    submit: async () => ({}),
    context: async () => new contextType(),
  };
}

describe('registering a domain task form', () => {
  it('takes a form whose payload and context type are the classes marked with its key', () => {
    const registry = new TaskFormRegistry(new FormOnlyKeys());
    expect(() =>
      registry.register(form('orglife:plan-draft', PlanDraftDto, PlanDraftContextResponse)),
    ).not.toThrow();
  });

  it('refuses a payload the OpenAPI document would not show for that key', () => {
    const registry = new TaskFormRegistry(new FormOnlyKeys());
    expect(() =>
      registry.register(form('orglife:plan-draft', PlanReviewDto, PlanDraftContextResponse)),
    ).toThrow(
      "Form orglife:plan-draft: its payload is not marked @TaskFormBody('orglife:plan-draft')",
    );
    expect(() =>
      registry.register(form('orglife:unknown', PlanDraftDto, PlanDraftContextResponse)),
    ).toThrow('orglife:unknown');
  });

  it('refuses a context type the OpenAPI document would not show for that key', () => {
    const registry = new TaskFormRegistry(new FormOnlyKeys());
    expect(() =>
      registry.register(form('orglife:plan-draft', PlanDraftDto, PlanApprovalContextResponse)),
    ).toThrow(
      "Form orglife:plan-draft: its context type is not marked @TaskFormContext('orglife:plan-draft')",
    );
  });
});
