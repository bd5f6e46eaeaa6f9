import type { Component } from 'vue';

type FormLoader = () => Promise<{ default: Component }>;

/**
 * Task forms by form key (zeebe:formDefinition externalReference of the Camunda user tasks in
 * workflows/*.bpmn), each a lazy chunk.
 * These are domain forms: their data comes from GET /task-forms/:taskId and they submit there.
 */
export const TASK_FORMS: Readonly<Record<string, FormLoader>> = {
  'orglife:plan-draft': () => import('./plan/PlanDraftForm.vue'),
  'orglife:plan-approval': () => import('./approval/PlanApprovalForm.vue'),
  'orglife:self-study-confirm': () => import('./session/SelfStudyForm.vue'),
  'orglife:session-record': () => import('./session/SessionRecordForm.vue'),
  'orglife:session-summary': () => import('./session/SessionSummaryForm.vue'),
  'orglife:member-review': () => import('./evaluation/MemberReviewForm.vue'),
  'orglife:secretary-comments': () => import('./evaluation/MemberCommentsForm.vue'),
  'orglife:vanguard-comments': () => import('./evaluation/MemberCommentsForm.vue'),
  'orglife:study-content-publish': () => import('./study/StudyForm.vue'),
  'orglife:study-arrangement': () => import('./study/StudyForm.vue'),
  'orglife:spot-check-inspect': () => import('./supervision/SpotCheckInspectForm.vue'),
  'orglife:spot-check-notice': () => import('./supervision/SpotCheckNoticeForm.vue'),
  'orglife:onsite-supervision-record': () => import('./supervision/InspectionRecordForm.vue'),
  'orglife:annual-inspection': () => import('./supervision/InspectionRecordForm.vue'),
  'orglife:rectification-plan': () => import('./rectification/RectificationForm.vue'),
  'orglife:rectification-plan-review': () => import('./rectification/RectificationForm.vue'),
  'orglife:rectification-evidence': () => import('./rectification/RectificationForm.vue'),
  'orglife:rectification-evidence-review': () => import('./rectification/RectificationForm.vue'),
  'orglife:follow-up-check': () => import('./rectification/RectificationForm.vue'),
};

/** Any other form key (or none) completes with plain variables. */
export const genericForm: FormLoader = () => import('./GenericVariablesForm.vue');

export function isDomainForm(formKey: string | null | undefined): formKey is string {
  return !!formKey && Object.hasOwn(TASK_FORMS, formKey);
}

export function formLoader(formKey: string | null | undefined): FormLoader {
  return isDomainForm(formKey) ? (TASK_FORMS[formKey] ?? genericForm) : genericForm;
}
