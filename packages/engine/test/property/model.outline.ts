/**
 * A model with its element ids fixed: the XML writer and the expectations both read this
 * outline, so they always agree on which element is which.
 */
import type { Variables } from '../../src/contract.js';
import type { Block, Model, Trigger } from './block.model.js';

export type Activity = { kind: 'userTask'; id: string } | SubProcess;
export interface SubProcess {
  kind: 'subProcess';
  id: string;
  body: Outline;
}

export type Outline =
  | { kind: 'userTask' | 'timerCatch' | 'messageCatch' | 'signalCatch'; id: string }
  | { kind: 'sequence'; items: Outline[] }
  | { kind: 'parallel'; id: string; branches: Outline[] }
  | { kind: 'exclusive'; id: string; branches: Outline[]; chosen: number }
  | { kind: 'inclusive'; id: string; branches: Outline[]; taken: boolean[] }
  | SubProcess
  | { kind: 'race'; id: string; branches: { eventId: string; trigger: Trigger; body: Outline }[] }
  | {
      kind: 'guarded';
      /** The boundary event's id. */
      id: string;
      activity: Activity;
      trigger: Trigger;
      interrupting: boolean;
      handler: Outline;
    };

export interface ModelOutline {
  body: Outline;
  /** Present when the model ends with a terminate end event on a parallel branch. */
  terminator?: { taskId: string; endId: string };
  variables: Variables;
  /** Every element id → the ids of the sub-processes around it, innermost last. */
  scopes: Map<string, string[]>;
}

export const PROCESS_ID = 'Generated';
export const CORRELATION_KEY = 'order-1';

/** Derived ids of the elements a block adds around its children. */
export const ids = {
  join: (id: string) => `${id}_join`,
  merge: (id: string) => `${id}_merge`,
  start: (id: string) => `${id}_start`,
  end: (id: string) => `${id}_end`,
  route: (id: string) => `route_${id}`,
  take: (id: string, branch: number) => `take_${id}_${branch}`,
  message: (id: string) => `msg_${id}`,
  signal: (id: string) => `sig_${id}`,
};

export function outline(model: Model): ModelOutline {
  let counter = 0;
  const next = (prefix: string) => `${prefix}${++counter}`;
  const variables: Variables = { orderKey: CORRELATION_KEY };
  const scopes = new Map<string, string[]>();
  const place = (id: string, scope: string[]) => scopes.set(id, scope);

  const label = (block: Block, scope: string[]): Outline => {
    switch (block.kind) {
      case 'userTask':
      case 'timerCatch':
      case 'messageCatch':
      case 'signalCatch': {
        const prefixes = {
          userTask: 'Task',
          timerCatch: 'Wait',
          messageCatch: 'Receive',
          signalCatch: 'Hear',
        };
        const id = next(prefixes[block.kind]);
        place(id, scope);
        return { kind: block.kind, id };
      }
      case 'sequence':
        return { kind: 'sequence', items: block.items.map((item) => label(item, scope)) };
      case 'parallel':
        return {
          kind: 'parallel',
          id: next('Fork'),
          branches: block.branches.map((b) => label(b, scope)),
        };
      case 'exclusive': {
        const id = next('Choice');
        const chosen = block.pick % block.branches.length;
        variables[ids.route(id)] = chosen;
        return {
          kind: 'exclusive',
          id,
          chosen,
          branches: block.branches.map((b) => label(b, scope)),
        };
      }
      case 'inclusive': {
        const id = next('Some');
        const mask = (block.mask % (2 ** block.branches.length - 1)) + 1;
        const taken = block.branches.map((_, i) => (mask & (1 << i)) !== 0);
        taken.forEach((take, i) => (variables[ids.take(id, i)] = take));
        return {
          kind: 'inclusive',
          id,
          taken,
          branches: block.branches.map((b) => label(b, scope)),
        };
      }
      case 'subProcess':
        return labelSubProcess(block.body, scope);
      case 'race': {
        const id = next('Race');
        const branches = block.branches.map(({ trigger, body }) => {
          const eventId = next('On');
          place(eventId, scope);
          return { eventId, trigger, body: label(body, scope) };
        });
        return { kind: 'race', id, branches };
      }
      case 'guarded': {
        const activity: Activity =
          block.activity.kind === 'userTask'
            ? { kind: 'userTask', id: next('Task') }
            : labelSubProcess(block.activity.body, scope);
        if (activity.kind === 'userTask') place(activity.id, scope);
        const id = next('Boundary');
        place(id, scope);
        const { trigger, interrupting } = block;
        return {
          kind: 'guarded',
          id,
          activity,
          trigger,
          interrupting,
          handler: label(block.handler, scope),
        };
      }
    }
  };
  const labelSubProcess = (body: Block, scope: string[]): SubProcess => {
    const id = next('Sub');
    place(id, scope);
    return { kind: 'subProcess', id, body: label(body, [...scope, id]) };
  };

  const body = label(model.body, []);
  if (!model.terminating) return { body, variables, scopes };
  const terminator = { taskId: next('Stopper'), endId: next('Terminate') };
  place(terminator.taskId, []);
  return { body, terminator, variables, scopes };
}
