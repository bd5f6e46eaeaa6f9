import { evaluateExpr } from '../feel/expression.js';
import { raiseIncident } from '../runtime/incidents.js';
import { enterNode } from '../runtime/lifecycle.js';
import type { Behaviour } from '../runtime/step.js';
import { visibleVariables } from '../runtime/variables.js';
import { openEventSubProcesses } from './event-sub-process.js';

/**
 * An embedded scope: starts at its none start event; completes when no token is left inside.
 * An ad-hoc one starts the inner elements its active elements collection names (each one with
 * no incoming flow); settle() completes it (runtime/ad-hoc.ts).
 */
export const subProcess: Behaviour = {
  activate(step, el, node) {
    const problem = openEventSubProcesses(step, node.eventSubProcessIds ?? [], el.id);
    if (problem) {
      raiseIncident(step, el, problem, 'activate');
      return;
    }
    if (node.startId) enterNode(step, node.startId, el.id);
    const adHoc = node.adHoc;
    if (!adHoc) return;
    let ids: string[] = [];
    if (adHoc.activeElements) {
      const listed = evaluateExpr(adHoc.activeElements, visibleVariables(step, el.id), step.now);
      if (!listed.ok) {
        raiseIncident(step, el, `active elements collection: ${listed.message}`, 'activate');
        return;
      }
      const value = listed.value;
      if (value !== null && (!Array.isArray(value) || value.some((v) => typeof v !== 'string'))) {
        raiseIncident(
          step,
          el,
          `active elements collection ${adHoc.activeElements.source} gave ${JSON.stringify(value)}, not a list of element ids`,
          'activate',
        );
        return;
      }
      ids = (value ?? []) as string[];
    }
    const wrong = ids.filter((id) => {
      const inner = step.process.nodes.get(id);
      return !inner || inner.scopeId !== node.id || inner.incoming.length > 0;
    });
    if (wrong.length > 0) {
      raiseIncident(
        step,
        el,
        `the ad-hoc sub-process has no element ${wrong.map((w) => `'${w}'`).join(', ')} without incoming flows to activate`,
        'activate',
      );
      return;
    }
    for (const id of ids) enterNode(step, id, el.id);
    // nothing activated: settle() completes it at once
    if (ids.length === 0) step.dirtyScopes.add(el.id);
  },
};
