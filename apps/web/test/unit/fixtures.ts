import type { PlanDraftContext } from '@/api/forms';
import type { TaskDetail } from '@/api/tasks';

export const members = [
  { id: '11111111-1111-4111-8111-111111111111', name: '张三' },
  { id: '22222222-2222-4222-8222-222222222222', name: '李四' },
  { id: '33333333-3333-4333-8333-333333333333', name: '王五' },
];

export function draftTask(): TaskDetail {
  return {
    id: 'task-1',
    name: '起草月度计划',
    processId: 'monthly-plan',
    instanceId: 'i-1',
    definitionId: 'd-1',
    candidateUsers: [],
    candidateGroups: ['branch_secretary@b-1'],
    followUpAt: null,
    priority: 50,
    completedBy: null,
    returnComment: null,
    owner: null,
    delegation: null,
    addedStep: null,
    urgedAt: null,
    onBehalfOf: null,
    onBehalfOfName: null,
    headers: {},
    elementId: 'Task_DraftPlan',
    formKey: 'orglife:plan-draft',
    orgUnitId: 'b-1',
    orgUnitName: '教工第一党支部',
    assignee: members[0]!.id,
    dueAt: null,
    createdAt: '2026-11-27T08:00:00.000Z',
    completedAt: null,
    status: 'open',
    variables: { planId: 'p-1' },
    // as the API answers its assignee
    actions: {
      claim: false,
      unclaim: true,
      delegate: true,
      entrust: true,
      resolve: false,
      urge: false,
      complete: true,
      addSequential: true,
      actAsAdded: false,
    },
    domainForm: true,
  };
}

export function draftContext(overrides: Partial<PlanDraftContext['plan']> = {}): PlanDraftContext {
  return {
    plan: {
      id: 'p-1',
      branchId: 'b-1',
      committeeId: 'c-1',
      month: '2026-12',
      studyContentId: null,
      instanceId: 'i-1',
      status: 'pending',
      topic: '学习贯彻全会精神',
      plannedAt: '2026-12-10T06:30:00.000Z',
      place: '党员活动室',
      meetingTypes: ['member_assembly'],
      segments: [],
      activity: null,
      revision: 0,
      createdAt: '2026-11-27T08:00:00.000Z',
      updatedAt: '2026-11-27T08:00:00.000Z',
      approvedAt: null,
      ...overrides,
    },
    reviews: [],
    studyContent: null,
    arrangement: null,
    members,
    meetingTypes: ['branch_committee', 'group_meeting', 'member_assembly', 'party_lecture'],
  };
}
