import fc from 'fast-check';

import { compile } from '../../src/index.js';
import type { HistoryEvent } from '../../src/contract.js';
import type { Model } from './block.model.js';
import { outline } from './model.outline.js';
import type { ModelOutline } from './model.outline.js';
import { toBpmnXml } from './model.xml.js';

export const choicesArbitrary = fc.array(fc.nat(1000), { minLength: 1, maxLength: 40 });

export type Compiled = Extract<Awaited<ReturnType<typeof compile>>, { ok: true }>['definition'];

/** Writes the model as BPMN XML and compiles it; a generated model that does not compile is a failure. */
export async function compileModel(
  model: Model,
): Promise<{ outline: ModelOutline; xml: string; definition: Compiled }> {
  const labelled = outline(model);
  const xml = toBpmnXml(labelled);
  const result = await compile(xml);
  if (!result.ok)
    throw new Error(`generated model rejected: ${JSON.stringify(result.problems)}\n${xml}`);
  return { outline: labelled, xml, definition: result.definition };
}

export function completionCounts(history: readonly HistoryEvent[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const event of history) {
    if (event.kind === 'completed')
      counts.set(event.elementId, (counts.get(event.elementId) ?? 0) + 1);
  }
  return counts;
}

/** Element instances whose history is not `activated` followed by exactly one `completed` or `terminated`. */
export function unbalancedElementInstances(history: readonly HistoryEvent[]): string[] {
  const lives = new Map<string, string[]>();
  for (const event of history) {
    if (event.kind !== 'activated' && event.kind !== 'completed' && event.kind !== 'terminated')
      continue;
    lives.set(event.elementInstanceId, [...(lives.get(event.elementInstanceId) ?? []), event.kind]);
  }
  return [...lives.entries()]
    .filter(
      ([, kinds]) => kinds.length !== 2 || kinds[0] !== 'activated' || kinds[1] === 'activated',
    )
    .map(([id, kinds]) => `${id}: ${kinds.join(' → ')}`);
}
