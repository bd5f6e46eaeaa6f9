/** Event definitions → the trigger an event waits for or throws. */
import type { ModdleElement } from 'bpmn-moddle';
import { parseValue } from '../feel/expression.js';
import { checkTimerLiteral, type TimerDef } from '../timers/timer-definition.js';
import { checkedValue } from './checked-expression.js';
import type { EventTrigger } from './model.js';
import { body, child, children, extension, str } from './moddle-access.js';
import type { Problems } from './problems.js';
import { correlationKey } from './zeebe-extensions.js';

const UNSUPPORTED: Record<string, string> = {
  'bpmn:ConditionalEventDefinition': 'conditional events',
  'bpmn:CancelEventDefinition': 'cancel events',
};

function timer(def: ModdleElement, id: string, problems: Problems): EventTrigger {
  const types = ['timeDate', 'timeDuration', 'timeCycle'] as const;
  for (const prop of types) {
    const text = body(child(def, prop));
    if (text === undefined) continue;
    const type: TimerDef['type'] =
      prop === 'timeDate' ? 'date' : prop === 'timeDuration' ? 'duration' : 'cycle';
    const value = parseValue(text);
    if (value.feel) checkedValue(text, id, `timer ${type}`, problems);
    else {
      const problem = checkTimerLiteral(type, text);
      if (problem) problems.add(id, `timer ${type}: ${problem}`);
    }
    return { kind: 'timer', timer: { type, value } };
  }
  problems.add(id, 'the timer has no date, duration or cycle');
  // Go on as if it had one, so that the later checks of this event (e.g. "timer end events are
  // not supported") are reported in the same pass.
  return { kind: 'timer', timer: { type: 'duration', value: parseValue('PT0S') } };
}

function isThrowEvent(el: ModdleElement): boolean {
  return el.$type === 'bpmn:EndEvent' || el.$type === 'bpmn:IntermediateThrowEvent';
}

/**
 * `reported` holds `elementId:property` pairs whose reference was already reported as dangling,
 * so a missing message is not reported twice.
 */
export function eventTrigger(
  el: ModdleElement,
  id: string,
  problems: Problems,
  reported: ReadonlySet<string>,
): EventTrigger | null {
  const defs = children(el, 'eventDefinitions');
  const def = defs[0];
  if (!def) return { kind: 'none' };
  if (defs.length > 1) {
    problems.add(id, 'events with several event definitions are not supported');
    return null;
  }
  const defId = def.id ?? id;
  const missing = (prop: string, what: string): null => {
    if (!reported.has(`${defId}:${prop}`)) problems.add(id, `the event has no ${what}`);
    return null;
  };
  switch (def.$type) {
    case 'bpmn:TimerEventDefinition':
      return timer(def, id, problems);
    case 'bpmn:MessageEventDefinition': {
      const message = child(def, 'messageRef');
      if (!message && isThrowEvent(el) && extension(el, 'zeebe:TaskDefinition'))
        return { kind: 'message', name: '' };
      if (!message) return missing('messageRef', 'message');
      const name = str(message, 'name')?.trim();
      if (!name) {
        problems.add(id, `message '${message.id ?? ''}' has no name`);
        return null;
      }
      const key = correlationKey(message, id, problems);
      return { kind: 'message', name, ...(key ? { correlationKey: key } : {}) };
    }
    case 'bpmn:SignalEventDefinition': {
      const signal = child(def, 'signalRef');
      if (!signal) return missing('signalRef', 'signal');
      const name = str(signal, 'name')?.trim();
      if (!name) {
        problems.add(id, `signal '${signal.id ?? ''}' has no name`);
        return null;
      }
      return { kind: 'signal', name };
    }
    case 'bpmn:ErrorEventDefinition': {
      const error = child(def, 'errorRef');
      if (!error && reported.has(`${defId}:errorRef`)) return null;
      return { kind: 'error', code: str(error, 'errorCode')?.trim() || null };
    }
    case 'bpmn:EscalationEventDefinition': {
      const escalation = child(def, 'escalationRef');
      if (!escalation && reported.has(`${defId}:escalationRef`)) return null;
      const code = str(escalation, 'escalationCode')?.trim() || null;
      if (code === null && isThrowEvent(el)) {
        problems.add(id, 'the escalation throw event has no escalation code');
        return null;
      }
      return { kind: 'escalation', code };
    }
    case 'bpmn:LinkEventDefinition': {
      const name = str(def, 'name')?.trim();
      const intermediate =
        el.$type === 'bpmn:IntermediateThrowEvent' || el.$type === 'bpmn:IntermediateCatchEvent';
      if (!name && intermediate) {
        problems.add(id, 'the link event has no name');
        return null;
      }
      return { kind: 'link', name: name ?? '' };
    }
    case 'bpmn:CompensateEventDefinition': {
      const activityId = child(def, 'activityRef')?.id;
      return { kind: 'compensation', ...(activityId ? { activityId } : {}) };
    }
    case 'bpmn:TerminateEventDefinition':
      return { kind: 'terminate' };
    default:
      problems.add(
        id,
        `${UNSUPPORTED[def.$type] ?? def.$type.replace('bpmn:', '')} are not supported`,
      );
      return null;
  }
}
