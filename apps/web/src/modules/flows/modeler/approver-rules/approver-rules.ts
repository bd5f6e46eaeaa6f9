/**
 * 审批人规则: the approver rules a user task carries as zeebe task headers (the engine checks
 * their values; the API applies them when the task is created).
 */
export const APPROVER_RULES = {
  skipIfSubmitter: 'orglife.skipIfSubmitter',
  skipIfApprovedBefore: 'orglife.skipIfApprovedBefore',
  fallback: 'orglife.fallback',
} as const;

export type ApproverFlag = 'skipIfSubmitter' | 'skipIfApprovedBefore';

interface Moddle {
  $type: string;
  [key: string]: unknown;
}

/** The task's `zeebe:TaskHeaders`, if any. */
export function taskHeadersOf(businessObject: Moddle): Moddle | undefined {
  const extensions = businessObject['extensionElements'] as Moddle | undefined;
  const values = (extensions?.['values'] as Moddle[] | undefined) ?? [];
  return values.find((v) => v.$type === 'zeebe:TaskHeaders');
}

/** The value of the header `key`, or undefined. */
export function headerValue(businessObject: Moddle, key: string): string | undefined {
  const headers = (taskHeadersOf(businessObject)?.['values'] as Moddle[] | undefined) ?? [];
  const header = headers.find((h) => h['key'] === key);
  return header ? String(header['value'] ?? '') : undefined;
}
