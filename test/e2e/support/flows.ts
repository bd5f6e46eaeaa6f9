import type { Page } from 'playwright-core';
import { apiCall, apiGet } from './api';

/**
 * Small flows a test deploys for itself (start → one step → end, with diagram layout so the
 * instance page can draw it), so its instances and tasks never mix with the demo flows' data.
 */
export type FlowStep =
  | {
      kind: 'userTask';
      id: string;
      name: string;
      /** FEEL expression of the candidate groups, e.g. `="branch_secretary@" + branchId`. */
      candidateGroups?: string;
      /** FEEL expression of the assignee, e.g. `=ownerId`. */
      assignee?: string;
    }
  | { kind: 'serviceTask'; id: string; name: string; jobType: string; retries: number };

export interface Instance {
  id: string;
  processId: string;
  status: string;
  orgUnitId: string | null;
}

export interface Task {
  id: string;
  instanceId: string;
  name: string | null;
  orgUnitId: string | null;
  assignee: string | null;
  status: string;
}

export interface Me {
  id: string;
  name: string;
  roles: { role: string; orgUnitId: string }[];
}

const escape = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

function stepXml(step: FlowStep): string {
  if (step.kind === 'userTask') {
    const assignment = [
      step.candidateGroups ? `candidateGroups="${escape(step.candidateGroups)}"` : '',
      step.assignee ? `assignee="${escape(step.assignee)}"` : '',
    ].join(' ');
    return `<bpmn:userTask id="${step.id}" name="${escape(step.name)}">
      <bpmn:extensionElements>
        <zeebe:assignmentDefinition ${assignment} />
      </bpmn:extensionElements>
      <bpmn:incoming>Flow_In</bpmn:incoming><bpmn:outgoing>Flow_Out</bpmn:outgoing>
    </bpmn:userTask>`;
  }
  return `<bpmn:serviceTask id="${step.id}" name="${escape(step.name)}">
      <bpmn:extensionElements>
        <zeebe:taskDefinition type="${escape(step.jobType)}" retries="${step.retries}" />
      </bpmn:extensionElements>
      <bpmn:incoming>Flow_In</bpmn:incoming><bpmn:outgoing>Flow_Out</bpmn:outgoing>
    </bpmn:serviceTask>`;
}

/** BPMN XML of `processId`: a start event, `step`, an end event. */
export function oneStepFlow(processId: string, name: string, step: FlowStep): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="${processId}_definitions" targetNamespace="https://orglife.example/e2e">
  <bpmn:process id="${processId}" name="${escape(name)}" isExecutable="true">
    <bpmn:startEvent id="Start"><bpmn:outgoing>Flow_In</bpmn:outgoing></bpmn:startEvent>
    ${stepXml(step)}
    <bpmn:endEvent id="End"><bpmn:incoming>Flow_Out</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="Flow_In" sourceRef="Start" targetRef="${step.id}" />
    <bpmn:sequenceFlow id="Flow_Out" sourceRef="${step.id}" targetRef="End" />
  </bpmn:process>
  <bpmndi:BPMNDiagram id="${processId}_diagram">
    <bpmndi:BPMNPlane id="${processId}_plane" bpmnElement="${processId}">
      <bpmndi:BPMNShape id="Start_di" bpmnElement="Start"><dc:Bounds x="100" y="102" width="36" height="36" /></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="${step.id}_di" bpmnElement="${step.id}"><dc:Bounds x="190" y="80" width="100" height="80" /></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="End_di" bpmnElement="End"><dc:Bounds x="342" y="102" width="36" height="36" /></bpmndi:BPMNShape>
      <bpmndi:BPMNEdge id="Flow_In_di" bpmnElement="Flow_In"><di:waypoint x="136" y="120" /><di:waypoint x="190" y="120" /></bpmndi:BPMNEdge>
      <bpmndi:BPMNEdge id="Flow_Out_di" bpmnElement="Flow_Out"><di:waypoint x="290" y="120" /><di:waypoint x="342" y="120" /></bpmndi:BPMNEdge>
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>
`;
}

export interface Person {
  id: string;
  name: string;
  username: string | null;
  orgUnitId: string;
}

/** The person who signs in as `username`, looked up as the signed-in user. */
export async function personByUsername(page: Page, username: string): Promise<Person> {
  const { items } = await apiGet<{ items: Person[] }>(page, `/people?q=${username}&pageSize=20`);
  const found = items.find((p) => p.username === username);
  if (!found) throw new Error(`no person with the username ${username}`);
  return found;
}

/** Deploys the flow as a new version (OD only). */
export async function deployFlow(od: Page, xml: string): Promise<void> {
  await apiCall(od, 'POST', '/definitions', { xml });
}

/** Starts the latest version of `processId` for `orgUnitId`. */
export function startInstance(
  page: Page,
  processId: string,
  orgUnitId: string,
  options: { variables?: Record<string, unknown>; businessKey?: string } = {},
): Promise<Instance> {
  return apiCall<Instance>(page, 'POST', '/instances', { processId, orgUnitId, ...options });
}

/** The signed-in user, with their person id (`id`) and roles. */
export function me(page: Page): Promise<Me> {
  return apiGet<Me>(page, '/me');
}

/** The unit on which the signed-in user holds `role`. */
export async function unitOfRole(page: Page, role: string): Promise<string> {
  const unit = (await me(page)).roles.find((r) => r.role === role)?.orgUnitId;
  if (!unit) throw new Error(`the signed-in user holds no ${role} role`);
  return unit;
}

/** The open task of `instanceId` in the signed-in user's inbox tab. */
export async function taskOfInstance(
  page: Page,
  tab: 'mine' | 'claimable',
  processId: string,
  instanceId: string,
): Promise<Task | undefined> {
  const { items } = await apiGet<{ items: Task[] }>(
    page,
    `/tasks?tab=${tab}&processId=${encodeURIComponent(processId)}&pageSize=100`,
  );
  return items.find((task) => task.instanceId === instanceId);
}

/** Claims the open task of `instanceId` from the signed-in user's 待签收 tab. */
export async function claimTaskOf(
  page: Page,
  processId: string,
  instanceId: string,
): Promise<Task> {
  const claimable = await taskOfInstance(page, 'claimable', processId, instanceId);
  if (!claimable) throw new Error(`no claimable task for instance ${instanceId}`);
  return apiCall<Task>(page, 'POST', `/tasks/${claimable.id}/claim`);
}
