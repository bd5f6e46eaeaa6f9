/**
 * 会签 / 或签 / 票签 as Camunda 8 element templates for user tasks. Each is a parallel
 * multi-instance user task over `approvers` (person ids): one task per approver
 * (`assignee = approver`), each completed with `approved` (true / false), collected in `votes`;
 * the FEEL completion condition ends the round as soon as its outcome is known. After the task,
 * a gateway reads `votes`: `all(votes)` (会签), `any(votes)` (或签), or counts them (票签).
 */
export type VoteKind = 'all' | 'any' | 'count' | 'share';

/** The loop every vote template puts on the task (element templates cannot bind loops). */
export const VOTE_LOOP = {
  inputCollection: '=approvers',
  inputElement: 'approver',
  outputCollection: 'votes',
  outputElement: '=approved',
} as const;

const REJECTIONS = 'sum(for v in votes return if v = false then 1 else 0)';

/** The completion condition of each kind: decided once enough approve, or too many reject. */
export const COMPLETION: Record<VoteKind, string> = {
  all: '=list contains(votes, false)',
  any: '=list contains(votes, true)',
  count: `=count(votes[item = true]) >= voteThreshold or ${REJECTIONS} > numberOfInstances - voteThreshold`,
  share: `=count(votes[item = true]) >= voteShare * numberOfInstances or ${REJECTIONS} > numberOfInstances - voteShare * numberOfInstances`,
};

export const TEMPLATE_PREFIX = 'orglife.vote.';

interface TemplateProperty {
  label?: string;
  description?: string;
  type: 'Hidden' | 'String';
  value?: string;
  optional?: boolean;
  feel?: 'optional' | 'required';
  binding: { type: string; key?: string; name?: string; property?: string };
}

export interface ElementTemplate {
  $schema: string;
  id: string;
  name: string;
  description: string;
  version: number;
  category: { id: string; name: string };
  appliesTo: string[];
  elementType: { value: string };
  properties: TemplateProperty[];
}

const COMMON: TemplateProperty[] = [
  { type: 'Hidden', value: '', binding: { type: 'zeebe:userTask' } },
  {
    type: 'Hidden',
    value: 'orglife:vote',
    binding: { type: 'zeebe:formDefinition', property: 'externalReference' },
  },
  {
    type: 'Hidden',
    value: '=approver',
    binding: { type: 'zeebe:assignmentDefinition', property: 'assignee' },
  },
  {
    label: '抄送角色 Copy to roles',
    description: '完成后抄送给这些角色（逗号分隔，如 committee_secretary,organizer）',
    type: 'String',
    optional: true,
    binding: { type: 'zeebe:taskHeader', key: 'orglife.cc' },
  },
];

function template(
  kind: VoteKind,
  name: string,
  description: string,
  extra: TemplateProperty[] = [],
): ElementTemplate {
  return {
    $schema: 'https://unpkg.com/@camunda/zeebe-element-templates-json-schema/resources/schema.json',
    id: `${TEMPLATE_PREFIX}${kind}`,
    name,
    description,
    version: 1,
    category: { id: 'orglife-approvals', name: '审批 Approvals' },
    appliesTo: ['bpmn:Task'],
    elementType: { value: 'bpmn:UserTask' },
    properties: [
      { type: 'Hidden', value: kind, binding: { type: 'zeebe:taskHeader', key: 'orglife.vote' } },
      ...COMMON,
      ...extra,
    ],
  };
}

export const VOTE_TEMPLATES: ElementTemplate[] = [
  template(
    'all',
    '会签（全部同意） Countersign',
    '审批人列表 approvers 中每人一票，全部同意才通过；有人不同意即结束。网关：=all(votes)',
  ),
  template(
    'any',
    '或签（一人同意） Any one approves',
    '审批人列表 approvers 中任一人同意即通过。网关：=any(votes)',
  ),
  template(
    'count',
    '票签（按票数） Vote by count',
    '同意票达到通过票数即通过；不可能达到时提前结束。网关：=count(votes[item = true]) >= 票数',
    [
      {
        label: '通过票数 Votes needed',
        type: 'String',
        feel: 'optional',
        value: '=2',
        binding: { type: 'zeebe:input', name: 'voteThreshold' },
      },
    ],
  ),
  template(
    'share',
    '票签（按比例） Vote by share',
    '同意票占比达到通过比例（如 0.5、0.67）即通过。网关：=count(votes[item = true]) >= 比例 * count(votes)',
    [
      {
        label: '通过比例 Share needed',
        type: 'String',
        feel: 'optional',
        value: '=0.5',
        binding: { type: 'zeebe:input', name: 'voteShare' },
      },
    ],
  ),
];

export function voteKindOfTemplate(id: string | undefined): VoteKind | null {
  if (!id?.startsWith(TEMPLATE_PREFIX)) return null;
  const kind = id.slice(TEMPLATE_PREFIX.length);
  return kind === 'all' || kind === 'any' || kind === 'count' || kind === 'share' ? kind : null;
}
