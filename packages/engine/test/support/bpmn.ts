/** Test support: wraps flow elements into a Camunda-8 style BPMN file, and loads fixtures. */
import { readFileSync } from 'node:fs';
import { compile, type CompiledDefinition } from '../../src/index.js';

export function bpmn(body: string, extra = '', processId = 'Process_1'): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
  xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="Definitions_1" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="${processId}" isExecutable="true">
${body}
  </bpmn:process>
${extra}
</bpmn:definitions>`;
}

export function fixture(dir: string, name: string): string {
  return readFileSync(new URL(name, dir), 'utf8');
}

export async function compiled(xml: string): Promise<CompiledDefinition> {
  const result = await compile(xml);
  if (!result.ok)
    throw new Error(result.problems.map((p) => `${p.elementId}: ${p.message}`).join('\n'));
  return result.definition;
}
