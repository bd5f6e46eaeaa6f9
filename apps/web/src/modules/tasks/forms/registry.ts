import type { Component } from 'vue';

type FormLoader = () => Promise<{ default: Component }>;

/**
 * Task forms by form key (zeebe:formDefinition formKey in workflows/*.bpmn), each a lazy chunk.
 * These are domain forms: their data comes from GET /task-forms/:taskId and they submit there.
 */
export const TASK_FORMS: Readonly<Record<string, FormLoader>> = {
  'orglife:plan-draft': () => import('./plan/PlanDraftForm.vue'),
  'orglife:plan-approval': () => import('./approval/PlanApprovalForm.vue'),
};

/** Any other form key (or none) completes with plain variables. */
export const genericForm: FormLoader = () => import('./GenericVariablesForm.vue');

export function isDomainForm(formKey: string | null | undefined): formKey is string {
  return !!formKey && Object.hasOwn(TASK_FORMS, formKey);
}

export function formLoader(formKey: string | null | undefined): FormLoader {
  return isDomainForm(formKey) ? (TASK_FORMS[formKey] ?? genericForm) : genericForm;
}
