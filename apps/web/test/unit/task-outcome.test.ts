import { describe, expect, it } from 'vitest';
import { taskOutcome } from '@/modules/tasks/task-outcome';

describe('the toast after a task form is submitted', () => {
  it('says 已批准 for an approval and 已退回 for a return', () => {
    expect(taskOutcome({ decision: 'approve' })).toBe('approved');
    expect(taskOutcome({ decision: 'return', comment: '请补充' })).toBe('returned');
  });

  it('reads a rectification review the same way', () => {
    expect(taskOutcome({ approved: true })).toBe('approved');
    expect(taskOutcome({ approved: false, comment: '证据不足' })).toBe('returned');
  });

  it('says 已提交 for every other form', () => {
    expect(taskOutcome({ summary: '按计划完成' })).toBe('submitted');
    expect(taskOutcome({})).toBe('submitted');
  });
});
