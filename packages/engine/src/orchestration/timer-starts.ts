/**
 * Timer start events, one rule for every runtime: deploying a version schedules each of its
 * processes' timer start events from the moment of deployment, in place of the previous
 * version's; when one falls due it starts an instance of the version it belongs to, and a cycle
 * is due again counted from the due time it fired at, until its repetitions are used up
 * (`R3/…` fires three times). The kernel carries out a firing (the `startTimer` follow-up).
 */
import type { IsoDateTime } from '../contract.js';
import type { CompiledDefinition } from '../compile/model.js';
import { nextStartTimer, startTimers } from '../timers/start-timers.js';
import type { EventStart } from './correlation.js';

/** A timer start event of a deployed version, and when it is due next. */
export interface StartTimer extends EventStart {
  id: string;
  dueAt: IsoDateTime;
  /** Times it has fired so far. */
  fired: number;
}

/** The timer start events of one process of a version just deployed, first due from `now`. */
export function scheduleStartTimers(
  definition: CompiledDefinition,
  start: Omit<EventStart, 'elementId'>,
  idOf: (elementId: string) => string,
  now: IsoDateTime,
  timeZone?: string,
): StartTimer[] {
  const elements = new Set(
    definition.startEvents
      .filter((s) => s.processId === start.processId && s.kind === 'timer')
      .map((s) => s.elementId),
  );
  return startTimers(definition, now, timeZone)
    .filter((timer) => elements.has(timer.elementId))
    .map((timer) => ({
      ...start,
      id: idOf(timer.elementId),
      elementId: timer.elementId,
      dueAt: timer.dueAt,
      fired: 0,
    }));
}

/** The same timer after it fired at its due time: due again, or null when it does not repeat. */
export function nextFiring(
  timer: StartTimer,
  definition: CompiledDefinition,
  timeZone?: string,
): StartTimer | null {
  const fired = timer.fired + 1;
  const dueAt = nextStartTimer(definition, timer.elementId, timer.dueAt, fired, timeZone);
  return dueAt ? { ...timer, dueAt, fired } : null;
}
