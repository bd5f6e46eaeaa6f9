import { type SheetColumn, writeSheet } from '../../common/spreadsheet.js';
import { wallClock } from '../../common/time-zone.js';
import { actionLabel } from './audit-actions.js';
import type { AuditEntryDto } from './audit.dto.js';

type Key =
  | 'at'
  | 'actor'
  | 'action'
  | 'unit'
  | 'process'
  | 'task'
  | 'target'
  | 'step'
  | 'reason'
  | 'instance';

const COLUMNS: readonly SheetColumn<Key>[] = [
  { key: 'at', header: '时间', width: 20 },
  { key: 'actor', header: '操作人', width: 14 },
  { key: 'action', header: '操作', width: 12 },
  { key: 'unit', header: '单位', width: 28 },
  { key: 'process', header: '流程', width: 20 },
  { key: 'task', header: '任务', width: 20 },
  { key: 'target', header: '对象', width: 14 },
  { key: 'step', header: '退回至', width: 16 },
  { key: 'reason', header: '理由', width: 40 },
  { key: 'instance', header: '流程实例', width: 38 },
];

/** The audit rows as a workbook, one row each, in the users' words. */
export async function auditWorkbook(rows: readonly AuditEntryDto[]): Promise<Buffer> {
  return writeSheet(
    '审计日志',
    COLUMNS,
    rows.map((r) => ({
      at: wallClock(new Date(r.at)),
      actor: r.actorName ?? (r.actor === 'system' ? '系统' : r.actor),
      action: actionLabel(r.action),
      unit: r.orgUnitName ?? '',
      process: r.processName ?? r.processId ?? '',
      task: r.taskName ?? '',
      target: r.targetName ?? '',
      step: r.stepName ?? '',
      reason: r.reason ?? '',
      instance: r.instanceId ?? '',
    })),
  );
}
