/**
 * Public Camunda 8 models its authors wrote for Zeebe (test/corpus/manifest.json: source and
 * licence of each file). Every model Zeebe accepts must compile here and run as Zeebe runs it;
 * the models Zeebe itself rejects must be refused, each for the reason Zeebe has.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { manifest, runCorpus, type CorpusResult } from './corpus.support.js';

/** Models Zeebe refuses to deploy, and why: broken on purpose in their own test suites. */
const ZEEBE_REJECTS: Record<string, RegExp> = {
  'camunda-8-js-sdk/src____tests____testdata__BpmnParser.bpmn': /could not read unparsable content/,
  'camunda-8-js-sdk/src____tests____testdata__modeller7File.bpmn': /malformed XML/,
  'connectors/connector-runtime__connector-runtime-spring__src__test__resources__bpmn__multi-webhook-start-message-duplicate-property.bpmn':
    /incoming refers to 'Flow_1qlm1pp', which does not exist/,
  'connectors/connector-runtime__connector-runtime-spring__src__test__resources__bpmn__outbound-multiple-tasks-with-secrets.bpmn':
    /no job type/,
  'connectors/connector-runtime__connector-runtime-spring__src__test__resources__bpmn__outbound-no-secrets.bpmn':
    /no job type/,
  'connectors/connector-runtime__connector-runtime-spring__src__test__resources__bpmn__outbound-no-template.bpmn':
    /no job type/,
  'connectors/connector-runtime__connector-runtime-spring__src__test__resources__bpmn__outbound-task-types.bpmn':
    /neither a job type nor a message/,
  'connectors/connector-runtime__connector-runtime-spring__src__test__resources__bpmn__outbound-with-secrets.bpmn':
    /no job type/,
  'camunda-modeler/app__lib__file-context____tests____fixtures__foo-process-application__bar__bar.bpmn':
    /no result variable/,
  'camunda-modeler/client__src__app__tabs__cloud-bpmn__side-panel__tabs__task-testing____tests____TaskTestingTab.bpmn':
    /the process has no start event/,
  'camunda-modeler/resources__diagram__lint-errors.bpmn': /no job type/,
  'camunda-modeler/test__e2e__fixtures__service-task.bpmn': /no job type/,
};

/**
 * What Zeebe does as well when a run sets no variables: incidents on a correlation key or a
 * condition that reads a variable the run does not set, and a job loop whose exit condition
 * never holds (Zeebe runs it forever; the in-memory runtime stops it), and a call of a process
 * whose only file Zeebe rejects (BarProcess, whose business rule task has no result variable).
 */
const ZEEBE_INCIDENTS = [
  /Expected process with BPMN process id 'BarProcess' to be deployed, but not found\./,
  /correlation key .* must be a text or a number, got null/,
  /no outgoing sequence flow condition is true and there is no default flow/,
  /^zeebe-process-test\/qa__abstracts__src__main__resources__looping-servicetask\.bpmn: stopped after .* a loop that never waits/,
];

describe('the corpus of public Camunda 8 models', () => {
  let results: CorpusResult[] = [];

  beforeAll(async () => {
    results = await runCorpus();
  }, 120_000);

  it('lists every file with its source and licence', () => {
    for (const entry of manifest()) {
      expect(entry.source).toMatch(/^https:\/\/github\.com\/[^/]+\/[^/]+\/blob\/[0-9a-f]{40}\//);
      expect(['Apache-2.0', 'MIT']).toContain(entry.licence);
    }
  });

  it('accepts every model Zeebe accepts, and refuses the others for Zeebe’s reason', () => {
    const refused = results.filter((r) => !r.accepted);
    expect(refused.map((r) => r.file).sort()).toEqual(Object.keys(ZEEBE_REJECTS).sort());
    for (const r of refused) expect(r.problems.join('\n')).toMatch(ZEEBE_REJECTS[r.file] as RegExp);
  });

  it('runs every accepted model as Zeebe would: to its end, to a wait state, or to an incident Zeebe raises too', () => {
    const accepted = results.filter((r) => r.accepted);
    expect(accepted.filter((r) => r.crash).map((r) => `${r.file}: ${r.crash}`)).toEqual([]);
    const unexpected = accepted.flatMap((r) =>
      r.incidents
        .map((message) => `${r.file}: ${message}`)
        .filter((message) => !ZEEBE_INCIDENTS.some((known) => known.test(message))),
    );
    expect(unexpected).toEqual([]);
    const runs = accepted.flatMap((r) => r.runs);
    const count = (o: string) => runs.filter((run) => run === o).length;
    const zeebeAccepts = results.length - Object.keys(ZEEBE_REJECTS).length;
    const share = ((100 * accepted.length) / zeebeAccepts).toFixed(1);
    console.log(
      `corpus: ${results.length} BPMN files (+ ${manifest().length - results.length} DMN); ` +
        `Zeebe accepts ${zeebeAccepts}, of which accepted here ${accepted.length} (${share}%); ` +
        `${runs.length} runs: ${count('completed')} completed, ${count('waiting')} waiting, ` +
        `${count('incident')} at an incident Zeebe raises too`,
    );
    expect(accepted.length / zeebeAccepts).toBeGreaterThanOrEqual(0.95);
  });
});
