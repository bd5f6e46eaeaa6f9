export type VariableType = 'string' | 'number' | 'boolean' | 'json';

export interface VariableRow {
  name: string;
  type: VariableType;
  value: string;
}

type Translate = (key: string, values?: Record<string, unknown>) => string;

/** Turns edited rows into variables; errors are keyed `variables.<index>.<part>`. */
export function rowsToVariables(
  rows: readonly VariableRow[],
  t: Translate,
): { variables: Record<string, unknown>; errors: Record<string, string> } {
  const variables: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  rows.forEach((row, i) => {
    const name = row.name.trim();
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
      errors[`variables.${i}.name`] = t('generic.badName');
      return;
    }
    if (Object.hasOwn(variables, name)) {
      errors[`variables.${i}.name`] = t('generic.duplicate');
      return;
    }
    switch (row.type) {
      case 'string':
        variables[name] = row.value;
        break;
      case 'number': {
        const n = Number(row.value);
        if (row.value.trim() === '' || Number.isNaN(n))
          errors[`variables.${i}.value`] = t('generic.badNumber');
        else variables[name] = n;
        break;
      }
      case 'boolean':
        variables[name] = row.value === 'true';
        break;
      case 'json':
        try {
          variables[name] = JSON.parse(row.value) as unknown;
        } catch {
          errors[`variables.${i}.value`] = t('generic.badJson');
        }
        break;
    }
  });
  return { variables, errors };
}

/** Editable rows from a task's variables (so the user sees what the flow already knows). */
export function variablesToRows(variables: Record<string, unknown>): VariableRow[] {
  return Object.entries(variables).map(([name, value]): VariableRow => {
    if (typeof value === 'number') return { name, type: 'number', value: String(value) };
    if (typeof value === 'boolean') return { name, type: 'boolean', value: String(value) };
    if (typeof value === 'string') return { name, type: 'string', value };
    return { name, type: 'json', value: JSON.stringify(value) };
  });
}
