import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  compile,
  readSimulationScript,
  simulate,
  Simulation,
  SimulationError,
  type CompiledDefinition,
} from '../../src/index.js';

const here = (name: string) => fileURLToPath(new URL(name, import.meta.url));

async function slice(): Promise<CompiledDefinition> {
  const result = await compile(readFileSync(here('../cli/vertical-slice.bpmn'), 'utf8'));
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.definition;
}

describe('Simulation, one step at a time (the web modeler runs scripts this way)', () => {
  it('ends where simulate ends with the same script', async () => {
    const definition = await slice();
    const script = readSimulationScript(
      JSON.parse(readFileSync(here('../cli/vertical-slice.script.json'), 'utf8')),
    );
    const simulation = new Simulation(definition, [], script);
    for (const step of script.steps ?? []) simulation.step(step);
    expect(simulation.trace()).toEqual(simulate(definition, [], script));
  });

  it('names the step it cannot take, counted from 1', async () => {
    const simulation = new Simulation(await slice(), [], { start: '2026-02-01T08:00:00Z' });
    simulation.step({ advance: 'PT1M' });
    expect(() => simulation.step({ complete: 'Nowhere' })).toThrow(
      new SimulationError("step 2: no open task at 'Nowhere'"),
    );
    expect(() => simulation.step({ advance: 'soon' })).toThrow(SimulationError);
  });
});

describe('readSimulationScript (the CLI reads scripts with it, the web modeler writes them)', () => {
  it('settles the start as an ISO date-time, now when missing', () => {
    const now = new Date('2026-03-01T00:00:00Z');
    expect(readSimulationScript({}, now)).toEqual({ start: '2026-03-01T00:00:00.000Z' });
    expect(readSimulationScript({ start: '2026-03-02T09:00:00+08:00' }).start).toBe(
      '2026-03-02T01:00:00.000Z',
    );
  });

  it('refuses what is not a script, saying what is wrong', () => {
    const bad: [unknown, RegExp][] = [
      [[], /JSON object/],
      [{ start: 'tomorrow' }, /not an ISO date-time/],
      [{ steps: {} }, /must be a list/],
      [{ steps: [{ wait: 'x' }] }, /step 1 is none of/],
      [{ steps: [{ advance: 'P1D' }, { complete: 3 }] }, /step 2: "complete" must be/],
      [{ steps: [{ message: 'm', correlationKey: {} }] }, /correlationKey/],
      [{ steps: [{ signal: 's', variables: [] }] }, /"variables" must be/],
      [{ variables: 'x' }, /"variables" must be/],
    ];
    for (const [raw, message] of bad) {
      expect(() => readSimulationScript(raw)).toThrow(message);
    }
  });
});

describe('the browser entry (src/index.ts)', () => {
  it('imports no Node built-in module, however deep', () => {
    const seen = new Set<string>();
    const builtins = new Set(builtinModules);
    const nodeImports: string[] = [];
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const source = readFileSync(file, 'utf8');
      for (const [, spec] of source.matchAll(/(?:import|export)[^'"]*?from\s+'([^']+)'/g)) {
        if (!spec) continue;
        if (spec.startsWith('.')) visit(resolve(dirname(file), spec.replace(/\.js$/, '.ts')));
        else if (spec.startsWith('node:') || builtins.has(spec.split('/')[0]!))
          nodeImports.push(`${file}: ${spec}`);
      }
    };
    visit(join(here('../../src'), 'index.ts'));
    expect(seen.size).toBeGreaterThan(50);
    expect(nodeImports).toEqual([]);
  });
});
