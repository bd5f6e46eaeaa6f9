import { describe, expect, it } from 'vitest';
import { elementNames, historySteps } from '@/modules/instances/history-steps';
import type { HistoryEvent } from '@/modules/instances/instances.api';

const XML = `<?xml version="1.0"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL">
  <bpmn:process id="monthly-plan" name="月度组织生活计划 Monthly plan">
    <bpmn:startEvent id="Start" />
    <bpmn:userTask id="Task_DraftPlan" name="起草月度计划 Draft plan" />
    <bpmn:exclusiveGateway id="Gw" name="是否通过" />
    <bpmn:userTask id="Task_Confirm" name="确认自学 Confirm self-study" />
    <bpmn:endEvent id="End" />
  </bpmn:process>
</bpmn:definitions>`;

let n = 0;
const event = (
  elementId: string,
  elementType: string,
  kind: HistoryEvent['kind'],
  actorName: string | null = null,
): HistoryEvent => ({
  at: `2026-11-0${++n}T02:00:00.000Z`,
  elementId,
  elementType,
  elementInstanceId: `${elementId}-1`,
  kind,
  actorName,
});

describe('an instance history as steps a person can follow (办理过程)', () => {
  const names = elementNames(XML);
  const steps = historySteps(
    [
      event('monthly-plan', 'process', 'activated'),
      event('Start', 'startEvent', 'activated'),
      event('Start', 'startEvent', 'completed'),
      event('Task_DraftPlan', 'userTask', 'activated'),
      event('Task_DraftPlan', 'userTask', 'completed', '陈晓东'),
      event('Gw', 'exclusiveGateway', 'completed'),
      event('Task_Confirm#multiInstanceBody', 'multiInstanceBody', 'activated'),
      event('Task_Confirm', 'userTask', 'activated'),
    ],
    names,
  );

  it('names each step from the BPMN in Chinese and says who completed it', () => {
    expect(steps.map((s) => [s.name, s.kind, s.actorName])).toEqual([
      [null, 'completed', null],
      ['起草月度计划', 'activated', null],
      ['起草月度计划', 'completed', '陈晓东'],
      ['确认自学', 'activated', null],
    ]);
  });

  it('leaves out the process, gateways and the multi-instance body', () => {
    expect(steps.map((s) => s.type)).toEqual(['startEvent', 'userTask', 'userTask', 'userTask']);
  });
});
