import type { Variables } from '@orglife/engine';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The `orgUnitId` process variable when it holds an org unit id, else null. */
export function orgUnitOf(variables: Variables | undefined): string | null {
  const value = variables?.['orgUnitId'];
  return typeof value === 'string' && UUID.test(value) ? value.toLowerCase() : null;
}

export function isUuid(value: string): boolean {
  return UUID.test(value);
}
