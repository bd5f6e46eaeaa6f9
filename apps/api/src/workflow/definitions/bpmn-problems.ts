import type { Problem } from '@orglife/engine';
import { InvalidInput } from '../../common/errors.js';

/** The 400 for a flow that does not compile, listing the engine's problems. */
export function bpmnProblems(problems: Problem[]): InvalidInput {
  const count = problems.length;
  return new InvalidInput(
    `The flow has ${count} problem${count === 1 ? '' : 's'} and was not deployed (流程校验未通过，未部署).`,
    {
      type: 'urn:orglife:problem:bpmn',
      problems: problems.map((p) => ({
        elementId: p.elementId ?? undefined,
        ...(p.line !== undefined ? { line: p.line } : {}),
        message: p.message,
      })),
    },
  );
}
