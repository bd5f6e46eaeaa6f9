/** Timer start events: the caller schedules them and starts an instance when one falls due. */
import type { IsoDateTime, TimerInfo } from '../contract.js';
import type { CompiledDefinition, FlowNode } from '../compile/model.js';
import { armTimer, DEFAULT_TIME_ZONE, nextOfCycle, toIso } from './timer-definition.js';

function timerStarts(def: CompiledDefinition): FlowNode[] {
  const out: FlowNode[] = [];
  for (const process of def.processes.values()) {
    for (const id of process.startIds) {
      const node = process.nodes.get(id);
      if (node?.trigger.kind === 'timer') out.push(node);
    }
  }
  return out;
}

/** The first due time of every timer start event, counted from `now` (e.g. deployment); cron in `timeZone`. */
export function startTimers(
  def: CompiledDefinition,
  now: IsoDateTime,
  timeZone = DEFAULT_TIME_ZONE,
): TimerInfo[] {
  const timers: TimerInfo[] = [];
  for (const node of timerStarts(def)) {
    if (node.trigger.kind !== 'timer') continue;
    const armed = armTimer(node.trigger.timer, {}, now, timeZone);
    if (armed.ok)
      timers.push({
        id: `${node.processId}:${node.id}`,
        elementId: node.id,
        dueAt: toIso(armed.dueAt),
      });
  }
  return timers;
}

/**
 * The next due time of a cycle start timer after the firing at `previousDueAt`, or null when
 * it does not repeat (date, duration) or its repetitions are used up (`fired` so far).
 */
export function nextStartTimer(
  def: CompiledDefinition,
  elementId: string,
  previousDueAt: IsoDateTime,
  fired = 1,
  timeZone = DEFAULT_TIME_ZONE,
): IsoDateTime | null {
  const node = timerStarts(def).find((n) => n.id === elementId);
  if (node?.trigger.kind !== 'timer' || node.trigger.timer.type !== 'cycle') return null;
  const armed = armTimer(node.trigger.timer, {}, previousDueAt, timeZone);
  if (!armed.ok || !armed.cycle) return null;
  const total = armed.cycle.left < 0 ? -1 : armed.cycle.left + 1;
  const left = total < 0 ? -1 : total - fired;
  if (total >= 0 && left <= 0) return null;
  const next = nextOfCycle({ text: armed.cycle.text, left }, Date.parse(previousDueAt), timeZone);
  return next ? toIso(next.dueAt) : null;
}
