import { describe, expect, it } from 'vitest';
import { compile } from '../../src/index.js';
import { bpmn } from '../support/bpmn.js';

function approval(headers: Record<string, string>, id = 'Approve'): string {
  const values = Object.entries(headers)
    .map(([key, value]) => `<zeebe:header key="${key}" value="${value.replace(/"/g, '&quot;')}" />`)
    .join('');
  return bpmn(`
    <bpmn:startEvent id="Start" />
    <bpmn:userTask id="${id}">
      <bpmn:extensionElements>
        <zeebe:userTask />
        <zeebe:assignmentDefinition candidateGroups="=&quot;committee_secretary@&quot; + committeeId" />
        <zeebe:taskHeaders>${values}</zeebe:taskHeaders>
      </bpmn:extensionElements>
    </bpmn:userTask>
    <bpmn:endEvent id="End" />
    <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="${id}" />
    <bpmn:sequenceFlow id="F2" sourceRef="${id}" targetRef="End" />`);
}

async function problemsOf(xml: string): Promise<{ elementId: string | null; message: string }[]> {
  const result = await compile(xml);
  return result.ok ? [] : result.problems;
}

describe('approver rules in task headers', () => {
  it('accepts the rules with good values and keeps them on the task', async () => {
    const result = await compile(
      approval({
        'orglife.skipIfSubmitter': 'true',
        'orglife.skipIfApprovedBefore': 'false',
        'orglife.fallback': 'unitSecretary',
        'orglife.skipVariables': '{"approvalDecision":"approve"}',
      }),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const node = result.definition.processes.get('Process_1')?.nodes.get('Approve');
    expect(node?.userTask?.headers['orglife.fallback']).toBe('unitSecretary');
  });

  it('names the element of each bad value', async () => {
    expect(await problemsOf(approval({ 'orglife.skipIfSubmitter': 'yes' }, 'Review1'))).toEqual([
      {
        elementId: 'Review1',
        message: "the task header 'orglife.skipIfSubmitter' must be 'true' or 'false', not 'yes'",
      },
    ]);
    const dedupe = await problemsOf(approval({ 'orglife.skipIfApprovedBefore': '1' }));
    expect(dedupe[0]?.elementId).toBe('Approve');
    expect(dedupe[0]?.message).toMatch(/orglife.skipIfApprovedBefore/);
    const fallback = await problemsOf(approval({ 'orglife.fallback': 'boss' }));
    expect(fallback[0]?.elementId).toBe('Approve');
    expect(fallback[0]?.message).toMatch(
      /orglife.fallback' must be one of unitSecretary, not 'boss'/,
    );
    const variables = await problemsOf(approval({ 'orglife.skipVariables': '[1]' }));
    expect(variables[0]?.message).toMatch(/must be a JSON object/);
  });

  it('refuses a skip rule on a vote task', async () => {
    const problems = await problemsOf(
      approval({ 'orglife.vote': 'all', 'orglife.skipIfSubmitter': 'true' }),
    );
    expect(problems[0]?.message).toMatch(/vote task/);
  });
});
