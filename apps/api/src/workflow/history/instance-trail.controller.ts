import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../auth/auth-user.js';
import { CurrentUser } from '../../auth/current-user.decorator.js';
import { Transactions } from '../../database/transactions.js';
import { InstanceQueryService } from '../instances/instance-query.service.js';

export class TrailEntryDto {
  @ApiProperty({ type: String, format: 'date-time' }) at: string;
  @ApiProperty({ description: 'Person id, or system' }) actor: string;
  @ApiProperty({ type: String, nullable: true }) actorName: string | null;
  @ApiProperty({ example: 'task.approver-added' }) action: string;
  @ApiProperty({ type: String, nullable: true }) taskId: string | null;
  @ApiProperty({ type: String, nullable: true }) taskName: string | null;
  @ApiProperty({ type: [String], description: 'Names of the people the action was done to' })
  toNames: string[];
  @ApiProperty({ type: String, nullable: true, description: 'Why (理由, 意见)' })
  reason: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) detail: Record<string, unknown>;
}

interface TrailRow {
  at: Date;
  actor: string;
  actorName: string | null;
  action: string;
  taskId: string | null;
  taskName: string | null;
  detail: Record<string, unknown>;
}

/** The people a verb was done to: `detail.to` holds a person id or a list of them. */
function targets(detail: Record<string, unknown>): string[] {
  const to = detail['to'];
  if (typeof to === 'string') return [to];
  return Array.isArray(to) ? to.filter((p): p is string => typeof p === 'string') : [];
}

/** The instance's audit trail: who did what to whom, when and why (审批记录). */
@ApiTags('instances')
@ApiBearerAuth()
@Controller('instances')
export class InstanceTrailController {
  constructor(
    private readonly queries: InstanceQueryService,
    private readonly tx: Transactions,
  ) {}

  @Get(':id/trail')
  @ApiOperation({ summary: 'Audit trail of an instance: each verb, its actor, target and reason' })
  @ApiOkResponse({ type: [TrailEntryDto] })
  async trail(@CurrentUser() user: AuthUser, @Param('id') id: string): Promise<TrailEntryDto[]> {
    const instance = await this.queries.get(user, id);
    const reader = this.tx.reader();
    const rows = await reader.query<TrailRow[]>(
      `SELECT a.at, a.actor, p.name AS "actorName", a.action, a.task_id AS "taskId",
              t.name AS "taskName", a.detail
         FROM wf_audit a LEFT JOIN person p ON p.id::text = a.actor
         LEFT JOIN wf_task t ON t.id = a.task_id
        WHERE a.instance_id = $1 ORDER BY a.id`,
      [instance.id],
    );
    const people = [...new Set(rows.flatMap((r) => targets(r.detail)))];
    const names = new Map(
      (
        await reader.query<{ id: string; name: string }[]>(
          `SELECT id::text, name FROM person WHERE id::text = ANY($1)`,
          [people],
        )
      ).map((r) => [r.id, r.name]),
    );
    return rows.map((r) => ({
      at: new Date(r.at).toISOString(),
      actor: r.actor,
      actorName: r.actorName,
      action: r.action,
      taskId: r.taskId,
      taskName: r.taskName,
      toNames: targets(r.detail).map((p) => names.get(p) ?? p),
      reason: typeof r.detail['reason'] === 'string' ? r.detail['reason'] : null,
      detail: r.detail,
    }));
  }
}
