import { Injectable } from '@nestjs/common';
import { APPROVER_RULE_HEADERS, type UserTaskInfo, type Variables } from '@orglife/engine';
import type { EntityManager } from 'typeorm';
import { parseGroup } from '../../access/access.service.js';
import type { RoleName } from '../../access/role-name.js';
import type { OrgUnitType } from '../../org/org-unit-type.js';
import type { WorkflowInstance } from '../instances/instance.entity.js';
import { isUuid } from '../instances/org-unit-of.js';

/** Why a step was skipped by its model's approver rules. */
export type SkipRule = 'submitter' | 'approvedBefore';

export interface SkipDecision {
  rule: SkipRule;
  /** The approver the rule matched. */
  approver: string;
  reason: string;
  variables: Variables;
}

export interface FallbackDecision {
  /** The candidate groups nobody holds. */
  from: string[];
  /** `<secretary role>@<unit>`: the first unit up the tree whose secretary is held. */
  to: string;
  /** The secretary (one holder) the audit row names. */
  holder: string;
  reason: string;
}

/** The unit's secretary roles by unit type (a 直属党支部 is a branch, its secretary first). */
const SECRETARY_ROLES: Record<OrgUnitType, RoleName[]> = {
  branch: ['branch_secretary'],
  committee: ['committee_secretary'],
  group: [],
  university: ['committee_secretary', 'od_admin'],
};

const on = (headers: Record<string, string>, key: string) => headers[key]?.trim() === 'true';

/**
 * 审批人规则: the approver rules a user task's model sets in its task headers
 * (`orglife.skipIfSubmitter`, `orglife.skipIfApprovedBefore`, `orglife.fallback`), worked out
 * in the step's transaction when the task is created.
 *
 * - The approver of a task named to a person is that person; of a task for candidates, the
 *   people who hold its candidate groups (on the unit or above) and its candidate users.
 * - The submitter is who completed the step before (the command's actor) or started the
 *   instance. A step is skipped when each of its approvers is a submitter (a task only the
 *   submitter could take).
 * - 去重: a step is skipped when its approver (for candidates: any of them) completed an earlier
 *   step of this instance (another element) with no rejecting vote.
 */
@Injectable()
export class ApproverRules {
  async skip(
    em: EntityManager,
    instance: WorkflowInstance,
    info: UserTaskInfo,
    actor: string,
  ): Promise<SkipDecision | null> {
    const submitterRule = on(info.headers, APPROVER_RULE_HEADERS.skipIfSubmitter);
    const dedupeRule = on(info.headers, APPROVER_RULE_HEADERS.skipIfApprovedBefore);
    if (!submitterRule && !dedupeRule) return null;
    const approvers = await this.approversOf(em, info);
    if (approvers.length === 0) return null;
    const variables = { ...skipVariables(info.headers), approved: true };
    if (submitterRule) {
      const submitters = new Set([actor, instance.startedBy].filter((p): p is string => !!p));
      if (approvers.every((p) => submitters.has(p))) {
        const approver = approvers[0] as string;
        return {
          rule: 'submitter',
          approver,
          reason: '审批人即提交人，按规则跳过',
          variables: { ...variables, skippedByRule: 'submitter' },
        };
      }
    }
    if (dedupeRule) {
      const rows = await em.query<{ completed_by: string }[]>(
        `SELECT DISTINCT completed_by FROM wf_task
          WHERE instance_id = $1 AND status = 'completed' AND element_id <> $2
            AND completed_by = ANY($3::text[]) AND outcome IS DISTINCT FROM 'rejected'`,
        [instance.id, info.elementId, approvers],
      );
      const approver = approvers.find((p) => rows.some((r) => r.completed_by === p));
      if (approver) {
        return {
          rule: 'approvedBefore',
          approver,
          reason: '审批人已在前序环节审批同意，按规则跳过（去重）',
          variables: { ...variables, skippedByRule: 'approvedBefore' },
        };
      }
    }
    return null;
  }

  /**
   * With `orglife.fallback=unitSecretary`: a task for candidate groups nobody holds (and no
   * person named) goes to the secretary of its group's unit, up the org tree until one is held.
   */
  async fallback(em: EntityManager, info: UserTaskInfo): Promise<FallbackDecision | null> {
    if (info.headers[APPROVER_RULE_HEADERS.fallback]?.trim() !== 'unitSecretary') return null;
    if (info.assignee || info.candidateUsers.length > 0 || info.candidateGroups.length === 0) {
      return null;
    }
    if ((await this.holdersOfGroups(em, info.candidateGroups)).length > 0) return null;
    const unitId = info.candidateGroups
      .map(parseGroup)
      .find((g) => g && isUuid(g.orgUnitId))?.orgUnitId;
    if (!unitId) return null;
    const up = await em.query<{ id: string; type: OrgUnitType; depth: number }[]>(
      `SELECT a.id, a.type, a.depth FROM org_unit u
         JOIN org_unit a ON u.path LIKE a.path || '%'
        WHERE u.id = $1 ORDER BY a.depth DESC`,
      [unitId],
    );
    for (const unit of up) {
      for (const role of SECRETARY_ROLES[unit.type]) {
        const [holder] = await em.query<{ person_id: string }[]>(
          `SELECT person_id FROM role_assignment WHERE role = $1 AND org_unit_id = $2
            ORDER BY created_at LIMIT 1`,
          [role, unit.id],
        );
        if (holder) {
          return {
            from: info.candidateGroups,
            to: `${role}@${unit.id}`,
            holder: holder.person_id,
            reason: '无人担任审批角色，按规则转由组织书记办理',
          };
        }
      }
    }
    return null;
  }

  private async approversOf(em: EntityManager, info: UserTaskInfo): Promise<string[]> {
    if (info.assignee) return [info.assignee];
    const holders = await this.holdersOfGroups(em, info.candidateGroups);
    return [...new Set([...info.candidateUsers, ...holders])];
  }

  /** People holding any of the groups' roles on the group's unit or an ancestor of it. */
  private async holdersOfGroups(em: EntityManager, groups: string[]): Promise<string[]> {
    const people = new Set<string>();
    for (const group of groups) {
      const parsed = parseGroup(group);
      if (!parsed || !isUuid(parsed.orgUnitId)) continue;
      const rows = await em.query<{ person_id: string }[]>(
        `SELECT DISTINCT r.person_id FROM org_unit u
           JOIN org_unit a ON u.path LIKE a.path || '%'
           JOIN role_assignment r ON r.org_unit_id = a.id AND r.role = $2
          WHERE u.id = $1`,
        [parsed.orgUnitId, parsed.role],
      );
      for (const r of rows) people.add(r.person_id);
    }
    return [...people];
  }
}

/** The model's `orglife.skipVariables` (the engine checked it is a JSON object). */
function skipVariables(headers: Record<string, string>): Variables {
  const raw = headers[APPROVER_RULE_HEADERS.skipVariables]?.trim();
  if (!raw) return {};
  try {
    const parsed: unknown = JSON.parse(raw);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Variables)
      : {};
  } catch {
    return {};
  }
}
