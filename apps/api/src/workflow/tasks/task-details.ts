import { Injectable } from '@nestjs/common';
import { Transactions } from '../../database/transactions.js';
import { FormOnlyKeys } from './form-only-keys.js';
import type { TaskOutcome } from './task-command.service.js';
import { TaskDetailDto, toTaskDetailDto } from './task.dto.js';

/**
 * A task as its page shows it: with whether a domain form exists, the name of the person it is
 * handled for (代理) and the name of its org unit,
 * which the caller may not reach in the org tree (a member holds a role in a party group, the
 * branch's task belongs to the branch above it).
 */
@Injectable()
export class TaskDetails {
  constructor(
    private readonly tx: Transactions,
    private readonly domainForms: FormOnlyKeys,
  ) {}

  async of({ task, actions, unitName }: TaskOutcome): Promise<TaskDetailDto> {
    const [unit, [standingFor]] = await Promise.all([
      unitName !== undefined ? unitName : this.unitNameOf(task.orgUnitId),
      task.onBehalfOf
        ? this.tx
            .reader()
            .query<{ name: string }[]>(`SELECT name FROM person WHERE id = $1`, [task.onBehalfOf])
        : [],
    ]);
    const names = new Map(
      standingFor && task.onBehalfOf ? [[task.onBehalfOf, standingFor.name]] : [],
    );
    return toTaskDetailDto(task, actions, this.domainForms.has(task.formKey), unit, names);
  }

  private async unitNameOf(orgUnitId: string | null): Promise<string | null> {
    if (!orgUnitId) return null;
    const [unit] = await this.tx
      .reader()
      .query<{ name: string }[]>(`SELECT name FROM org_unit WHERE id = $1`, [orgUnitId]);
    return unit?.name ?? null;
  }
}
