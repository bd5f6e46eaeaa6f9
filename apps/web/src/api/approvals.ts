import { api, type Schemas } from './typed';

export type VoteRound = Schemas['VoteRoundDto'];
export type Voter = Schemas['VoterDto'];
export type TaskCopy = Schemas['TaskCopyDto'];

/** The vote round of a 会签 / 或签 / 票签 task; `round` is null for any other task. */
export function getVoteRound(id: string) {
  return api.get('/tasks/{id}/votes', { path: { id } });
}

/** 并行加签: the person votes in the task's round too. */
export function addApprover(id: string, assignee: string, reason?: string) {
  return api.post(
    '/tasks/{id}/approvers',
    { assignee, ...(reason ? { reason } : {}) },
    { path: { id }, options: { silent: true } },
  );
}

/** 减签: the pending approver's task `id` leaves its round. */
export function removeApprover(id: string, reason: string) {
  return api.post('/tasks/{id}/remove-approver', { reason }, { path: { id } });
}

/** 抄送我的: the steps copied to me, with the unread count. */
export function listCopies(unread = false) {
  return api.get('/task-copies', { query: unread ? { unread: true } : {} });
}

export function readCopy(id: string) {
  return api.post('/task-copies/{id}/read', undefined as never, { path: { id } });
}

export type AddedApprover = Schemas['AddedApproverDto'];

/** The people added before or after the approver of a task (前加签 / 后加签). */
export function listAddedApprovers(id: string) {
  return api.get('/tasks/{id}/added-approvers', { path: { id } });
}

/** 前加签 (`before`) or 后加签 (`after`) on the task I hold. */
export function addSequentialApprover(
  id: string,
  assignee: string,
  position: 'before' | 'after',
  reason?: string,
) {
  return api.post(
    '/tasks/{id}/added-approvers',
    { assignee, position, ...(reason ? { reason } : {}) },
    { path: { id }, options: { silent: true } },
  );
}

/** The added approver's opinion (加签意见). */
export function actAsAddedApprover(id: string, approved: boolean, comment?: string) {
  return api.post(
    '/tasks/{id}/added-approval',
    { approved, ...(comment ? { comment } : {}) },
    { path: { id } },
  );
}

export type BatchApprovalItem = Schemas['BatchApprovalItemResponse'];
export type BatchApprovalResult = Schemas['BatchApprovalResultResponse'];

/** 批量审批: the plans awaiting my committee approval, each against its branch's month before. */
export function listBatchApprovals() {
  return api.get('/plan-approvals/batch');
}

/** 批量审批: approves the chosen plans; each result says approved or why not. */
export function approveBatch(taskIds: string[]) {
  return api.post('/plan-approvals/batch', { taskIds });
}
