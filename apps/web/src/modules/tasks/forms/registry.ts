import type { Component } from 'vue';
import type { Schemas } from '@/api/typed';

type FormLoader = () => Promise<{ default: Component }>;

/** A domain form's key: the API's one list (`TaskFormKey` in its OpenAPI document). */
export type TaskFormKey = Schemas['TaskFormKey'];

/**
 * Task forms by form key (zeebe:formDefinition externalReference of the Camunda user tasks in
 * workflows/*.bpmn), each a lazy chunk.
 * These are domain forms: their data comes from GET /task-forms/:taskId and they submit there.
 * Typed by the API's list, so a form key the API gains or drops fails the type check here.
 */
export const TASK_FORMS: Readonly<Record<TaskFormKey, FormLoader>> = {
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

/** The task header of a 会签 / 或签 / 票签 step (set by the modeler's vote templates). */
export const VOTE_HEADER = 'orglife.vote';

export function isVoteTask(task: { headers: Record<string, string> }): boolean {
  return VOTE_HEADER in task.headers;
}

/**
 * The form a task opens: its domain form when the API says it has one (`domainForm`), the vote
 * form on a vote step, else the plain variables form.
 */
export function formLoader(task: {
  formKey: string | null;
  domainForm: boolean;
  headers: Record<string, string>;
}): FormLoader {
  const loader =
    task.domainForm && task.formKey ? TASK_FORMS[task.formKey as TaskFormKey] : undefined;
  if (loader) return loader;
  return isVoteTask(task) ? () => import('../approvals/VoteForm.vue') : genericForm;
}
