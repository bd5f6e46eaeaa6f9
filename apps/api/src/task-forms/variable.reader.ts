import type { Variables } from '@orglife/engine';

/** A string process variable the flow must have set; a clear error names it when it is missing. */
export function stringVar(variables: Variables, name: string): string {
  const value = variables[name];
  if (typeof value !== 'string' || value === '') {
    throw new Error(`Process variable "${name}" is missing or not a string (流程变量缺失)`);
  }
  return value;
}

/** A string process variable the flow may leave unset. */
export function optionalStringVar(variables: Variables, name: string): string | null {
  const value = variables[name];
  return typeof value === 'string' && value !== '' ? value : null;
}
