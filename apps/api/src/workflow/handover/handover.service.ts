import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AccessService } from '../../access/access.service.js';
import { ROLE_LABELS, type RoleName } from '../../access/role-name.js';
import type { AuthUser } from '../../auth/auth-user.js';
import { PersonRoles } from '../../auth/person-roles.js';
import { CLOCK, type Clock } from '../../clock/clock.js';
import { Transactions } from '../../database/transactions.js';
import { GRANTERS } from '../../org/role-grant.policy.js';
import { fieldError } from '../../task-forms/field-error.js';
import type {
  HandoverDraftDto,
  HandoverPreviewDto,
  HandoverRecordDto,
  HandoverTaskDto,
} from './handover.dto.js';

/** Flow variables that name the person drafting for a role (a returned draft goes back to them). */
const DRAFT_VARIABLES: Partial<Record<RoleName, string[]>> = {
  branch_secretary: ['drafter'],
};

interface Assignment {
  id: string;
  role: RoleName;
  org_unit_id: string;
  unit_name: string;
  path: string;
  person_id: string;
  person_name: string;
}

interface TaskRow {
  id: string;
  name: string | null;
  instance_id: string;
  process_id: string;
  assignee: string | null;
  on_behalf_of: string | null;
  owner: string | null;
  by_role: boolean;
}

/**
 * 换届 / 职务交接: a role on a unit passes from its holder to a new one. The open tasks the old
 * holder has in that role (their candidate groups name the role on the unit or below, or they
 * were named to the old holder alone in a flow of the unit or below), the drafts of running
 * flows they draft in it, and the unpublished records they own in it follow to the new holder;
 * the role moves; each move leaves an audit row (the instance trail shows who held the task
 * before). What the old holder completed stays theirs to read.
 */
@Injectable()
export class HandoverService {
  constructor(
    private readonly tx: Transactions,
    private readonly access: AccessService,
    private readonly personRoles: PersonRoles,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async preview(
    user: AuthUser,
    assignmentId: string,
    toPersonId: string,
  ): Promise<HandoverPreviewDto> {
    return this.tx.run(async (em) => {
      const { assignment, toName } = await this.checked(em, user, assignmentId, toPersonId);
      return this.plan(em, assignment, toPersonId, toName);
    });
  }

  async handOver(
    user: AuthUser,
    assignmentId: string,
    toPersonId: string,
    note: string | undefined,
  ): Promise<HandoverPreviewDto> {
    const result = await this.tx.run(async (em) => {
      const { assignment, toName } = await this.checked(em, user, assignmentId, toPersonId, true);
      const moved = await this.plan(em, assignment, toPersonId, toName, true);
      const from = assignment.person_id;
      const now = this.clock.now();
      const reason = `换届：${ROLE_LABELS[assignment.role]}由${assignment.person_name}交接给${toName}${note ? `（${note}）` : ''}`;
      const audit = (
        action: string,
        instanceId: string | null,
        taskId: string | null,
        detail: Record<string, unknown>,
      ) =>
        em.query(
          `INSERT INTO wf_audit (at, actor, action, instance_id, task_id, detail)
           VALUES ($1, $2, $3, $4, $5, $6::jsonb)`,
          [now, user.personId, action, instanceId, taskId, JSON.stringify(detail)],
        );

      for (const task of moved.tasks) {
        if (task.holds === 'owner') {
          await em.query(`UPDATE wf_task SET owner = $2 WHERE id = $1`, [task.id, toPersonId]);
        } else {
          await em.query(`UPDATE wf_task SET assignee = $2, on_behalf_of = NULL WHERE id = $1`, [
            task.id,
            toPersonId,
          ]);
        }
        await audit('task.handed-over', task.instanceId, task.id, { from, to: toPersonId, reason });
      }
      for (const draft of moved.drafts) {
        await em.query(
          `UPDATE wf_instance SET state = jsonb_set(state, $2::text[], to_jsonb($3::text)) WHERE id = $1`,
          [draft.instanceId, ['variables', draft.variable], toPersonId],
        );
        await audit('draft.handed-over', draft.instanceId, null, {
          from,
          to: toPersonId,
          variable: draft.variable,
          reason,
        });
      }
      for (const record of moved.records) {
        await em.query(`UPDATE ${record.kind} SET created_by = $2 WHERE id = $1`, [
          record.id,
          toPersonId,
        ]);
      }
      await em.query(`DELETE FROM role_assignment WHERE id = $1`, [assignment.id]);
      await em.query(
        `INSERT INTO role_assignment (person_id, role, org_unit_id) VALUES ($1, $2, $3)
         ON CONFLICT ON CONSTRAINT uq_role_assignment DO NOTHING`,
        [toPersonId, assignment.role, assignment.org_unit_id],
      );
      await audit('role.handed-over', null, null, {
        role: assignment.role,
        orgUnitId: assignment.org_unit_id,
        from,
        to: toPersonId,
        tasks: moved.tasks.length,
        drafts: moved.drafts.length,
        records: moved.records.map((r) => ({ kind: r.kind, id: r.id })),
        reason,
      });
      return moved;
    });
    this.personRoles.forget(result.fromPersonId);
    this.personRoles.forget(toPersonId);
    return result;
  }

  /** The assignment, checked: the user may grant its role; the new holder is another person of the unit. */
  private async checked(
    em: EntityManager,
    user: AuthUser,
    assignmentId: string,
    toPersonId: string,
    lock = false,
  ): Promise<{ assignment: Assignment; toName: string }> {
    const [assignment] = await em.query<Assignment[]>(
      `SELECT r.id, r.role, r.org_unit_id, u.name AS unit_name, u.path, r.person_id, p.name AS person_name
         FROM role_assignment r JOIN org_unit u ON u.id = r.org_unit_id JOIN person p ON p.id = r.person_id
        WHERE r.id = $1 ${lock ? 'FOR UPDATE OF r' : ''}`,
      [assignmentId],
    );
    if (!assignment) throw new NotFoundException('该职务任职记录不存在 (no such role assignment)');
    await this.access.assertRole(user, assignment.org_unit_id, GRANTERS[assignment.role]);
    if (assignment.person_id === toPersonId) {
      throw fieldError('toPersonId', '新任与原任是同一人，无需交接');
    }
    const [to] = await em.query<{ name: string; path: string }[]>(
      `SELECT p.name, u.path FROM person p JOIN org_unit u ON u.id = p.org_unit_id WHERE p.id = $1`,
      [toPersonId],
    );
    if (!to) throw fieldError('toPersonId', '新任人员不存在');
    if (!to.path.startsWith(assignment.path)) {
      throw fieldError(
        'toPersonId',
        `${to.name}不在${assignment.unit_name}，只能交接给本组织的人员`,
      );
    }
    return { assignment, toName: to.name };
  }

  private async plan(
    em: EntityManager,
    assignment: Assignment,
    toPersonId: string,
    toName: string,
    lock = false,
  ): Promise<HandoverPreviewDto> {
    const from = assignment.person_id;
    const units = await em.query<{ id: string }[]>(`SELECT id FROM org_unit WHERE path LIKE $1`, [
      `${assignment.path}%`,
    ]);
    const groups = units.map((u) => `${assignment.role}@${u.id}`);
    // A task named to the old holder alone (no candidates) in a flow of the unit's subtree is
    // the role's work too; one of a multi-instance round (a vote, a member's own step) is theirs.
    const tasks = await em.query<TaskRow[]>(
      `SELECT t.id, t.name, t.instance_id, t.process_id, t.assignee, t.on_behalf_of, t.owner,
              t.candidate_groups && $1::text[] AS by_role
         FROM wf_task t JOIN wf_instance i ON i.id = t.instance_id
        WHERE t.status = 'open'
          AND (t.assignee = $2 OR t.on_behalf_of::text = $2 OR t.owner = $2)
          AND (t.candidate_groups && $1::text[]
               OR (cardinality(t.candidate_groups) = 0 AND cardinality(t.candidate_users) = 0
                   AND t.mi_body_id IS NULL AND i.org_unit_id = ANY($3::uuid[])))
        ORDER BY t.created_at, t.id ${lock ? 'FOR UPDATE OF t' : ''}`,
      [groups, from, units.map((u) => u.id)],
    );
    const movedTasks: HandoverTaskDto[] = tasks.map((t) => ({
      id: t.id,
      name: t.name,
      instanceId: t.instance_id,
      processId: t.process_id,
      holds: t.owner === from && t.assignee !== from ? 'owner' : 'assignee',
      via: t.by_role ? 'role' : 'name',
    }));
    const drafts: HandoverDraftDto[] = [];
    for (const variable of DRAFT_VARIABLES[assignment.role] ?? []) {
      const rows = await em.query<{ id: string; process_id: string }[]>(
        `SELECT i.id, i.process_id FROM wf_instance i JOIN org_unit u ON u.id = i.org_unit_id
          WHERE i.status = 'active' AND u.path LIKE $1 AND i.state->'variables'->>$2 = $3
          ORDER BY i.id ${lock ? 'FOR UPDATE OF i' : ''}`,
        [`${assignment.path}%`, variable, from],
      );
      drafts.push(...rows.map((r) => ({ instanceId: r.id, processId: r.process_id, variable })));
    }
    return {
      assignmentId: assignment.id,
      role: assignment.role,
      orgUnitId: assignment.org_unit_id,
      orgUnitName: assignment.unit_name,
      fromPersonId: from,
      fromName: assignment.person_name,
      toPersonId,
      toName,
      tasks: movedTasks,
      drafts,
      records: await this.records(em, assignment),
    };
  }

  /** Unpublished study content (草稿) an OD administrator owns. */
  private async records(em: EntityManager, assignment: Assignment): Promise<HandoverRecordDto[]> {
    const like = `${assignment.path}%`;
    if (assignment.role === 'od_admin') {
      const rows = await em.query<{ id: string; title: string }[]>(
        `SELECT c.id, c.title FROM study_content c JOIN org_unit u ON u.id = c.university_id
          WHERE c.created_by = $1 AND c.status = 'draft' AND u.path LIKE $2 ORDER BY c.created_at`,
        [assignment.person_id, like],
      );
      return rows.map((r) => ({ kind: 'study_content', id: r.id, title: r.title }));
    }
    return [];
  }
}
