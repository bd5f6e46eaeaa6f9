/**
 * Approver rules a user task carries as zeebe task headers (OrgLife's runtime applies them when
 * the task is created; the engine only checks their values):
 *
 * - `orglife.skipIfSubmitter`: `true` skips the step when its approver is the one who submitted
 *   (started the instance or completed the step before);
 * - `orglife.skipIfApprovedBefore`: `true` skips it when its approver already approved an earlier
 *   step of the instance (去重);
 * - `orglife.fallback`: `unitSecretary` sends a task no one can take (nobody holds its candidate
 *   role on the unit) to the unit's secretary, up the org tree if that is empty too;
 * - `orglife.skipVariables`: a JSON object of the variables a skipped step completes with
 *   (besides `approved: true`), e.g. `{"approvalDecision":"approve"}`.
 */
import type { Problems } from './problems.js';

export const APPROVER_RULE_HEADERS = {
  skipIfSubmitter: 'orglife.skipIfSubmitter',
  skipIfApprovedBefore: 'orglife.skipIfApprovedBefore',
  fallback: 'orglife.fallback',
  skipVariables: 'orglife.skipVariables',
} as const;

/** The values `orglife.fallback` may take. */
export const APPROVER_FALLBACKS = ['unitSecretary'] as const;

const FLAGS = ['true', 'false'];

/** Reports each approver-rule header of `id` whose value the runtime could not apply. */
export function checkApproverRules(
  headers: Record<string, string>,
  id: string,
  problems: Problems,
): void {
  for (const key of [
    APPROVER_RULE_HEADERS.skipIfSubmitter,
    APPROVER_RULE_HEADERS.skipIfApprovedBefore,
  ]) {
    const value = headers[key];
    if (value !== undefined && !FLAGS.includes(value.trim())) {
      problems.add(id, `the task header '${key}' must be 'true' or 'false', not '${value}'`);
    }
  }
  const fallback = headers[APPROVER_RULE_HEADERS.fallback];
  if (
    fallback !== undefined &&
    fallback.trim() !== '' &&
    !(APPROVER_FALLBACKS as readonly string[]).includes(fallback.trim())
  ) {
    problems.add(
      id,
      `the task header '${APPROVER_RULE_HEADERS.fallback}' must be one of ${APPROVER_FALLBACKS.join(', ')}, not '${fallback}'`,
    );
  }
  const skipVariables = headers[APPROVER_RULE_HEADERS.skipVariables];
  if (skipVariables !== undefined && skipVariables.trim() !== '') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(skipVariables);
    } catch {
      parsed = undefined;
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      problems.add(
        id,
        `the task header '${APPROVER_RULE_HEADERS.skipVariables}' must be a JSON object such as {"approvalDecision":"approve"}, not '${skipVariables}'`,
      );
    }
  }
  const skips =
    headers[APPROVER_RULE_HEADERS.skipIfSubmitter]?.trim() === 'true' ||
    headers[APPROVER_RULE_HEADERS.skipIfApprovedBefore]?.trim() === 'true';
  if (skips && headers['orglife.vote'] !== undefined) {
    problems.add(
      id,
      'a vote task (orglife.vote) cannot be skipped by an approver rule: each approver votes',
    );
  }
}
