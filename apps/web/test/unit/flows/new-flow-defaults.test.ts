import { Linter } from '@camunda/linting';
import { describe, expect, it, vi } from 'vitest';
import { lintOnChange, type LintReport } from '@/modules/flows/modeler/camunda-lint';
import { newDiagramXml } from '@/modules/flows/new-diagram';

const userTask = `<bpmn:userTask id="Task_1"><bpmn:extensionElements><zeebe:userTask /></bpmn:extensionElements></bpmn:userTask>`;

describe('Camunda linting in the modeler', () => {
  it('a new flow declares Camunda 8.6, so the linter checks it (a start event alone is clean)', async () => {
    const xml = newDiagramXml('Process_new');
    expect(xml).toMatch(/modeler:executionPlatform="Camunda Cloud"/);
    expect(xml).toMatch(/modeler:executionPlatformVersion="8\.6\.0"/);
    expect(await new Linter({ type: 'cloud' }).lint(xml)).toEqual([]);
    // a job-worker user task in it draws Camunda's deprecation warning; a Camunda user task none
    const withTask = (task: string) => xml.replace('<bpmn:startEvent id="StartEvent_1" />', task);
    const jobWorker = await new Linter({ type: 'cloud' }).lint(
      withTask('<bpmn:userTask id="Task_1" />'),
    );
    expect(jobWorker.map((r) => [r.id, r.rule])).toContainEqual([
      'Task_1',
      'camunda-compat/zeebe-user-task',
    ]);
    const camunda = await new Linter({ type: 'cloud' }).lint(withTask(userTask));
    expect(camunda.filter((r) => r.rule === 'camunda-compat/zeebe-user-task')).toEqual([]);
  });

  it('lints once edits pause and puts only the latest findings on the canvas', async () => {
    vi.useFakeTimers();
    const shown: LintReport[][] = [];
    let xml = newDiagramXml('Process_new').replace(
      '<bpmn:startEvent id="StartEvent_1" />',
      '<bpmn:userTask id="Task_1" />',
    );
    const lint = lintOnChange(
      async () => xml,
      (r) => shown.push(r),
      300,
    );
    lint.changed();
    lint.changed();
    await vi.advanceTimersByTimeAsync(299);
    expect(shown).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    await vi.waitFor(() => expect(shown).toHaveLength(1));
    expect(shown[0]?.map((r) => r.id)).toContain('Task_1');
    xml = xml.replace('<bpmn:userTask id="Task_1" />', userTask);
    const again = await lint.lint();
    expect(again.filter((r) => r.rule === 'camunda-compat/zeebe-user-task')).toEqual([]);
    lint.changed();
    lint.stop();
    await vi.advanceTimersByTimeAsync(1000);
    expect(shown).toHaveLength(2);
    vi.useRealTimers();
  });
});
