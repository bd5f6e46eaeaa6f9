/**
 * Camunda's own linter (@camunda/linting, the one inside Camunda Desktop and Web Modeler) on the
 * diagram being edited: its findings sit on the canvas beside the engine's problems, checked
 * for the execution platform version the diagram declares (modeler:executionPlatformVersion).
 */
import { Linter } from '@camunda/linting';

export interface LintReport {
  id: string;
  message: string;
  category: 'error' | 'warn' | 'info' | 'rule-error';
  rule: string;
}

/** Lints `xml()` after each change (once edits pause) and hands the findings to `show`. */
export function lintOnChange(
  xml: () => Promise<string>,
  show: (reports: LintReport[]) => void,
  delayMs = 300,
): { lint(): Promise<LintReport[]>; changed(): void; stop(): void } {
  const linter = new Linter({ modeler: 'web', type: 'cloud' });
  let timer: ReturnType<typeof setTimeout> | undefined;
  let run = 0;
  async function lint(): Promise<LintReport[]> {
    const mine = ++run;
    const reports = (await linter.lint(await xml())) as LintReport[];
    if (mine === run) show(reports);
    return reports;
  }
  return {
    lint,
    changed() {
      clearTimeout(timer);
      timer = setTimeout(() => void lint(), delayMs);
    },
    stop() {
      clearTimeout(timer);
      run++;
    },
  };
}
