/**
 * Camunda 7 models: their `camunda:` attributes and extension elements mean nothing to a
 * Camunda 8 engine. They are read past, so say so instead of dropping them in silence.
 */
import type { ModdleElement } from 'bpmn-moddle';
import { child, children } from './moddle-access.js';
import { Problems } from './problems.js';

/** Camunda 7's namespace, and Activiti's, which Camunda 7 reads as its own. */
const CAMUNDA_7 = new Set(['http://camunda.org/schema/1.0/bpmn', 'http://activiti.org/bpmn']);

function prefixOf(definitions: ModdleElement): string | null {
  const attrs = (definitions['$attrs'] ?? {}) as Record<string, string>;
  const key = Object.keys(attrs).find(
    (k) => k.startsWith('xmlns:') && CAMUNDA_7.has(attrs[k] ?? ''),
  );
  return key ? key.slice('xmlns:'.length) : null;
}

function camunda7Settings(el: ModdleElement, prefix: string): string[] {
  const attrs = Object.keys((el['$attrs'] ?? {}) as Record<string, string>);
  const extensions = children(child(el, 'extensionElements'), 'values').map((v) => v.$type);
  return [...attrs, ...extensions].filter((name) => name.startsWith(`${prefix}:`));
}

function visit(container: ModdleElement, prefix: string, found: Problems): void {
  for (const el of [container, ...children(container, 'flowElements')]) {
    const settings = camunda7Settings(el, prefix);
    if (settings.length > 0) {
      found.add(
        el.id ?? null,
        `${settings.join(', ')} ${settings.length > 1 ? 'are Camunda 7 settings and are' : 'is a Camunda 7 setting and is'} ` +
          'ignored here; Camunda 8 sets this with zeebe: extensions (e.g. zeebe:assignmentDefinition, zeebe:taskDefinition, zeebe:ioMapping)',
      );
    }
    if (el !== container && (el.$type === 'bpmn:SubProcess' || el.$type === 'bpmn:AdHocSubProcess'))
      visit(el, prefix, found);
  }
}

export function warnCamunda7(
  definitions: ModdleElement,
  processes: ModdleElement[],
  warnings: Problems,
): void {
  const prefix = prefixOf(definitions);
  if (!prefix) return;
  const found = new Problems();
  for (const process of processes) visit(process, prefix, found);
  if (found.empty) return;
  warnings.add(
    null,
    `this is a Camunda 7 model (it uses the Camunda 7 namespace, as ${prefix}:): this engine runs Camunda 8 ` +
      `models, so ${prefix}: settings are ignored and JUEL expressions ($\{…}) are not evaluated; ` +
      'expressions in Camunda 8 are FEEL, starting with =',
  );
  warnings.list.push(...found.list);
}
