import type { JsonValue, UserTaskInfo } from '../contract.js';
import { evaluateExpr, type Expr } from '../feel/expression.js';
import type { FlowNode } from '../compile/model.js';
import { runListener } from '../runtime/listeners.js';
import type { ElementInstance } from '../runtime/state.js';
import type { Behaviour, Step } from '../runtime/step.js';
import { raiseIncident } from '../runtime/incidents.js';
import { visibleVariables } from '../runtime/variables.js';

class AssignmentError extends Error {}

function text(value: JsonValue, what: string): string | undefined {
  if (value === null || value === '') return undefined;
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  throw new AssignmentError(`${what} must be a text, got ${JSON.stringify(value)}`);
}

/** A comma list ("a, b") or a FEEL list (["a","b"]). */
function list(value: JsonValue, what: string): string[] {
  if (value === null) return [];
  if (Array.isArray(value)) return value.map((v) => text(v, what) ?? '').filter((v) => v !== '');
  if (typeof value === 'string')
    return value
      .split(',')
      .map((v) => v.trim())
      .filter((v) => v !== '');
  throw new AssignmentError(`${what} must be a list or a comma-separated text`);
}

/** Creates a task for a person (after its `creating` task listeners) and waits for completeTask. */
export const userTask: Behaviour = {
  activate(step, el, node) {
    if (node.listeners?.creating && runListener(step, el, node, { event: 'creating', index: 0 }))
      return;
    createTask(step, el, node);
  },
  created: createTask,
};

function createTask(step: Step, el: ElementInstance, node: FlowNode): void {
  const def = node.userTask ?? { headers: {} };
  const variables = visibleVariables(step, el.id);
  const value = (expr: Expr | undefined, what: string): JsonValue => {
    if (!expr) return null;
    const result = evaluateExpr(expr, variables, step.now);
    if (!result.ok) throw new AssignmentError(`${what}: ${result.message}`);
    return result.value;
  };
  let task: UserTaskInfo;
  try {
    const assignee = text(value(def.assignee, 'assignee'), 'assignee');
    const dueDate = text(value(def.dueDate, 'due date'), 'due date');
    const followUpDate = text(value(def.followUpDate, 'follow-up date'), 'follow-up date');
    const priority = value(def.priority, 'priority');
    task = {
      id: el.id,
      elementId: node.id,
      ...(node.name ? { elementName: node.name } : {}),
      processId: node.processId,
      ...(assignee ? { assignee } : {}),
      candidateGroups: list(value(def.candidateGroups, 'candidate groups'), 'candidate groups'),
      candidateUsers: list(value(def.candidateUsers, 'candidate users'), 'candidate users'),
      ...(dueDate ? { dueDate } : {}),
      ...(followUpDate ? { followUpDate } : {}),
      ...(def.formKey ? { formKey: def.formKey } : {}),
      ...(priority !== null ? { priority: Number(priority) } : {}),
      headers: def.headers,
      variables,
      ...(el.loopIndex !== undefined && el.parentId ? { multiInstanceBodyId: el.parentId } : {}),
    };
  } catch (error) {
    if (!(error instanceof AssignmentError)) throw error;
    raiseIncident(step, el, error.message, 'activate');
    return;
  }
  step.emit({ type: 'taskCreated', task });
}
