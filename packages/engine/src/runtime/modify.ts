/**
 * The `modify` command: terminate element instances, then start elements as if a token had
 * arrived — the one primitive under 撤回 (take a completed step back) and 退回 (send the work
 * back to an earlier task). Everything is checked before anything moves.
 */
import type { ElementActivation } from '../contract.js';
import { EngineCommandError } from './command-error.js';
import { enterNode, terminate } from './lifecycle.js';
import type { Step } from './step.js';

/** Kinds a token may be placed on: what a sequence flow can lead to. */
const NOT_STARTABLE = new Set(['boundaryEvent', 'startEvent']);

export function modify(step: Step, cancel: string[], activate: ElementActivation[]): void {
  if (cancel.length === 0 && activate.length === 0) {
    throw new EngineCommandError('INVALID', 'a modification must cancel or activate something');
  }
  for (const id of cancel) {
    if (!step.element(id)) {
      throw new EngineCommandError('NOT_FOUND', `no element instance '${id}' to cancel`);
    }
  }
  for (const target of activate) checkActivation(step, target);
  for (const id of cancel) terminate(step, id);
  for (const target of activate) {
    if (target.parentId !== null && !step.element(target.parentId)) {
      throw new EngineCommandError(
        'INVALID',
        `scope '${target.parentId}' of '${target.elementId}' is cancelled by the same modification`,
      );
    }
    enterNode(step, target.elementId, target.parentId);
  }
}

function checkActivation(step: Step, target: ElementActivation): void {
  const node = step.process.nodes.get(target.elementId);
  if (!node) {
    throw new EngineCommandError('NOT_FOUND', `no element '${target.elementId}' in the process`);
  }
  if (NOT_STARTABLE.has(node.kind) || node.triggeredByEvent) {
    throw new EngineCommandError('INVALID', `'${node.id}' (${node.kind}) cannot be activated`);
  }
  const scope = target.parentId === null ? null : step.element(target.parentId);
  const scopeElementId = scope ? scope.elementId : null;
  if (target.parentId !== null && !scope) {
    throw new EngineCommandError('NOT_FOUND', `no scope instance '${target.parentId}'`);
  }
  if (scope?.body || scopeElementId !== node.scopeId) {
    throw new EngineCommandError(
      'INVALID',
      `'${node.id}' lies in ${node.scopeId ?? 'the process'}, not in ${scopeElementId ?? 'the process'}`,
    );
  }
}
