/**
 * The BPMN MIWG reference models (CC BY 3.0, see miwg/SOURCE.md) as a conformance suite:
 * every model parses; every executable one compiles, or is rejected only with problems that
 * name an element of the file and say why we cannot run it.
 */
import { readFileSync } from 'node:fs';

import { BpmnModdle } from 'bpmn-moddle';
import { describe, expect, it } from 'vitest';
import zeebe from 'zeebe-bpmn-moddle/resources/zeebe.json' with { type: 'json' };

import { compile } from '../../src/index.js';
import type { Problem } from '../../src/contract.js';

/** Why an executable interchange model cannot run here, recognised from the problem's sentence. */
const REASONS = {
  /** An element or event definition the engine does not execute. */
  unsupported: /are not supported/,
  /** A condition written in another engine's expression language (JUEL, XPath, …). */
  notFeel: /is not a valid FEEL expression/,
  /** A service task implemented the Camunda 7 / Activiti way, without a zeebe job type. */
  noJobType: /has no job type/,
  /** An exported gateway flow that lost its condition. */
  noCondition: /has no condition and is not the default flow/,
  /** A sub-process started implicitly (no start event), which the engine does not execute. */
  noStartEvent: /needs exactly one none start event/,
} as const;
type Reason = keyof typeof REASONS;

interface Expectation {
  processes: number;
  /** Parser warnings, first line each (the model is still read completely). */
  warnings?: string[];
  /** Executable models only: the processes compiled, or every problem as [elementId, reason]. */
  outcome?: { compiles: string[] } | { rejected: [string, Reason][] };
}

const LATIN1 = 'unsupported document encoding <ISO-8859-1>, falling back to UTF-8';
const UNRESOLVED_TRISO = 'unresolved reference <triso:unspecified>';
const C1_PROBLEMS: [string, Reason][] = [
  ['invoiceApproved', 'notFeel'],
  ['invoiceNotApproved', 'notFeel'],
  ['reviewSuccessful', 'notFeel'],
  ['reviewNotSuccessful', 'notFeel'],
  ['archiveInvoice', 'noJobType'],
];

const MODELS: Record<string, Expectation> = {
  'A.1.0': { processes: 1, warnings: [LATIN1] },
  'A.2.0': { processes: 1, warnings: [LATIN1] },
  'A.2.1': { processes: 1 },
  'A.3.0': { processes: 1, warnings: [LATIN1] },
  'A.4.0': { processes: 2, warnings: [LATIN1] },
  'A.4.1': { processes: 2 },
  'B.1.0': { processes: 4, warnings: [LATIN1] },
  'B.2.0': { processes: 4, warnings: [LATIN1] },
  'C.1.0': { processes: 2, outcome: { rejected: C1_PROBLEMS } },
  'C.1.1': { processes: 1, outcome: { rejected: C1_PROBLEMS } },
  'C.2.0': { processes: 4 },
  'C.3.0': {
    processes: 1,
    outcome: {
      rejected: [
        ['_be893987-caec-4605-b078-bd96b7cd6c12', 'notFeel'],
        ['_b99800c3-c340-460c-a43e-098014a365d0', 'noCondition'],
        ['_437e5969-1e61-4cb9-aa76-4f8854f32eeb', 'noCondition'],
        ['_ada039b6-94dd-4a15-a6b1-c7fe662c64ee', 'noCondition'],
        ['_cddf9325-a85b-4347-8c57-8b909fa77ae9', 'noCondition'],
        ['_cf380e47-1401-4e7e-b710-193b626e49eb', 'noCondition'],
        ['_3fb323d5-2c59-487a-af63-804208f6c5cb', 'noCondition'],
        ['_cd6f230f-13c3-4027-aa3e-57de601a1ab2', 'noStartEvent'],
      ],
    },
  },
  'C.4.0': { processes: 4 },
  'C.5.0': { processes: 2 },
  'C.6.0': { processes: 1 },
  'C.7.0': { processes: 1 },
  'C.8.0': { processes: 1 },
  'C.8.1': {
    processes: 1,
    warnings: [UNRESOLVED_TRISO, UNRESOLVED_TRISO, UNRESOLVED_TRISO],
    outcome: { compiles: ['VacationRequestProcess'] },
  },
  'C.9.0': { processes: 1, outcome: { compiles: ['customer_onboarding_en'] } },
  'C.9.1': { processes: 1, outcome: { compiles: ['requestDocument_en'] } },
  'C.9.2': { processes: 1, outcome: { compiles: ['ManualCheck'] } },
};

/**
 * Models the engine does not yet handle as it should (reported to the engine's owner). Each
 * runs as an expected failure, so the suite turns red the moment the gap closes and the entry
 * has to be removed.
 */
const KNOWN_GAPS: Record<string, string> = {};

const read = (name: string) =>
  readFileSync(new URL(`./miwg/${name}.bpmn`, import.meta.url), 'utf8');
const compiled = new Map<string, ReturnType<typeof compile>>();
const compileOnce = (name: string) =>
  compiled.get(name) ?? compiled.set(name, compile(read(name))).get(name)!;
const idsIn = (xml: string) => new Set([...xml.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]));
const reasonOf = (problem: Problem): Reason | 'other' =>
  (Object.keys(REASONS) as Reason[]).find((reason) => REASONS[reason].test(problem.message)) ??
  'other';
const itUnlessGap = (name: string) => (KNOWN_GAPS[name] ? it.fails : it);

describe('BPMN MIWG reference models', () => {
  it('are all in the suite, each with its expectation', () => {
    const xmlFiles = ['A.1.0', 'A.2.0', 'A.2.1', 'A.3.0', 'A.4.0', 'A.4.1', 'B.1.0', 'B.2.0']
      .concat(['C.1.0', 'C.1.1', 'C.2.0', 'C.3.0', 'C.4.0', 'C.5.0', 'C.6.0', 'C.7.0'])
      .concat(['C.8.0', 'C.8.1', 'C.9.0', 'C.9.1', 'C.9.2']);
    expect(Object.keys(MODELS)).toEqual(xmlFiles);
  });

  describe.each(Object.entries(MODELS))('%s', (name, expected) => {
    it('parses as BPMN 2.0 definitions with all its processes', async () => {
      // given the reference model as published
      const xml = read(name);

      // when bpmn-moddle with the zeebe extension reads it, as compile does
      const { rootElement, warnings } = await new BpmnModdle({ zeebe }).fromXML(xml);

      // then it is a definitions document with the expected processes and only the known warnings
      expect(rootElement.$type).toBe('bpmn:Definitions');
      const roots = (rootElement.rootElements ?? []) as { $type: string }[];
      expect(roots.filter((e) => e.$type === 'bpmn:Process')).toHaveLength(expected.processes);
      expect(warnings.map((w) => w.message.split('\n')[0])).toEqual(expected.warnings ?? []);
    });

    it('is read by compile without a file-level problem', async () => {
      const result = await compileOnce(name);
      const fileLevel = result.ok
        ? []
        : result.problems.filter((p) => p.elementId === null || p.line !== undefined);
      expect(fileLevel).toEqual([]);
    });

    it('names only elements of the file in its problems', async () => {
      const result = await compileOnce(name);
      const ids = idsIn(read(name));
      const strangers = result.ok
        ? []
        : result.problems.filter((p) => p.elementId !== null && !ids.has(p.elementId));
      expect(strangers).toEqual([]);
    });

    const outcome = expected.outcome;
    if (outcome && 'compiles' in outcome) {
      itUnlessGap(name)(
        `compiles the executable processes ${outcome.compiles.join(', ')}`,
        async () => {
          const result = await compileOnce(name);
          expect(result.ok ? result.definition.processIds : result.problems).toEqual(
            outcome.compiles,
          );
        },
      );
    }
    if (outcome && 'rejected' in outcome) {
      itUnlessGap(name)(
        'is rejected only for what it needs that the engine does not run',
        async () => {
          const result = await compileOnce(name);
          expect(result.ok).toBe(false);
          const found = result.ok ? [] : result.problems.map((p) => [p.elementId, reasonOf(p)]);
          expect(found).toEqual(outcome.rejected);
        },
      );
    }
  });
});
