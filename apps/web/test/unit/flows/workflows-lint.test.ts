// @vitest-environment node
/**
 * Our flows as Camunda's own tools see them: @camunda/linting (the linter inside Camunda
 * Desktop and Web Modeler) finds no error and no warning in workflows/*.bpmn, each linted for
 * the execution platform and version the file declares.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { Linter } from '@camunda/linting';
import { describe, expect, it } from 'vitest';

const dir = new URL('../../../../../workflows/', import.meta.url);
const files = readdirSync(dir).filter((name) => name.endsWith('.bpmn'));
const linter = new Linter({ modeler: 'desktop', type: 'cloud' });

describe('workflows/*.bpmn under @camunda/linting', () => {
  it('finds every flow', () => {
    expect(files.length).toBeGreaterThanOrEqual(10);
  });

  it.each(files)('%s declares Camunda 8 and has no error or warning', async (name) => {
    const xml = readFileSync(new URL(name, dir), 'utf8');
    expect(xml).toMatch(/modeler:executionPlatform="Camunda Cloud"/);
    expect(xml).toMatch(/modeler:executionPlatformVersion="8\.\d+\.\d+"/);
    const reports = await linter.lint(xml);
    expect(reports.map((r) => `${r.category} ${r.id}: ${r.message} (${r.rule})`)).toEqual([]);
  });
});
