/** What a submitted task form did, in the words of the toast after it (已提交 / 已批准 / 已退回). */
export type TaskOutcome = 'submitted' | 'approved' | 'returned';

/**
 * Reads the decision out of a form's payload: approvals send `decision: 'approve' | 'return'`,
 * rectification reviews `approved: true | false`; every other form just submits.
 */
export function taskOutcome(payload: object): TaskOutcome {
  if ('decision' in payload) {
    if (payload.decision === 'approve') return 'approved';
    if (payload.decision === 'return') return 'returned';
  }
  if ('approved' in payload && typeof payload.approved === 'boolean')
    return payload.approved ? 'approved' : 'returned';
  return 'submitted';
}
