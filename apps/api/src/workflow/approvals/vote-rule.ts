import type { Variables } from '@orglife/engine';
import { InvalidInput } from '../../common/errors.js';
import { bilingual } from '../../common/locale.js';
import type { TaskOutcomeVote, WorkflowTask } from '../tasks/task.entity.js';

/** The task header the vote element templates set: how the step's votes decide. */
export const VOTE_HEADER = 'orglife.vote';

/** 会签 all must approve, 或签 any one, 票签 a count or a share of the votes. */
export const VOTE_KINDS = ['all', 'any', 'count', 'share'] as const;
export type VoteKind = (typeof VOTE_KINDS)[number];

/** The completion variable a vote task's approver sets. */
export const VOTE_VARIABLE = 'approved';

export function voteKindOf(task: WorkflowTask): VoteKind | null {
  const kind = task.headers[VOTE_HEADER];
  return VOTE_KINDS.find((k) => k === kind) ?? null;
}

/** The vote in a completion of a vote task; 400 naming `approved` when it is not a yes or no. */
export function voteIn(variables: Variables): TaskOutcomeVote {
  const value = variables[VOTE_VARIABLE];
  if (typeof value !== 'boolean') {
    const message = bilingual(
      'approved：会签/或签/票签须表明同意（true）或不同意（false）',
      'approved: a vote must say approve (true) or reject (false)',
    );
    throw new InvalidInput(message, {
      type: 'urn:orglife:problem:validation',
      errors: [{ field: VOTE_VARIABLE, message }],
    });
  }
  return value ? 'approved' : 'rejected';
}
