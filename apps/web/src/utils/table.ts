/**
 * ElTableColumn types its slot row as `Record<PropertyKey, any>`; this gives a template one
 * typed accessor per table so property reads stay checked: `const task = rowAs<TaskSummary>()`.
 */
export function rowAs<T>(): (row: unknown) => T {
  return (row) => row as T;
}
