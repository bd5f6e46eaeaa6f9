/** Typed reads from the loosely typed moddle tree. */
import type { ModdleElement } from 'bpmn-moddle';

export function str(el: ModdleElement | undefined, prop: string): string | undefined {
  const value = el?.[prop];
  return typeof value === 'string' ? value : undefined;
}

export function bool(el: ModdleElement | undefined, prop: string): boolean | undefined {
  const value = el?.[prop];
  return typeof value === 'boolean' ? value : undefined;
}

export function child(el: ModdleElement | undefined, prop: string): ModdleElement | undefined {
  const value = el?.[prop];
  return value !== null && typeof value === 'object' && '$type' in value
    ? (value as ModdleElement)
    : undefined;
}

export function children(el: ModdleElement | undefined, prop: string): ModdleElement[] {
  const value = el?.[prop];
  return Array.isArray(value) ? (value as ModdleElement[]) : [];
}

/** The zeebe extension element of a type (e.g. 'zeebe:TaskDefinition'), if present. */
export function extension(el: ModdleElement | undefined, type: string): ModdleElement | undefined {
  return children(child(el, 'extensionElements'), 'values').find((v) => v.$type === type);
}

/** Text body of a formal expression (condition, timer value). */
export function body(el: ModdleElement | undefined): string | undefined {
  return str(el, 'body')?.trim();
}
