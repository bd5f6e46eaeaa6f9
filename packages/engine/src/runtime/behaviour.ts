import type { FlowNode } from '../compile/model.js';
import type { ElementInstance } from './state.js';
import type { Step } from './step.js';

/** What one element kind does; the shared lifecycle (runtime/lifecycle.ts) does the rest. */
export interface Behaviour {
  /** The instance exists and its input mappings are applied: run, or start waiting. */
  activate(step: Step, el: ElementInstance, node: FlowNode): void;
  /** Joining gateways take over arrival (a token on one of several incoming flows). */
  arrive?(step: Step, node: FlowNode, parentId: string | null, flowId: string): void;
}
