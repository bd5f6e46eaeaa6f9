import { diffLines } from 'diff';

export type DiffLineKind = 'same' | 'removed' | 'added';
export interface DiffLine {
  kind: DiffLineKind;
  text: string;
}

/** Line by line, what changes from the version in use to the default (unchanged runs kept short). */
export function xmlDiff(inUse: string, proposed: string, context = 3): DiffLine[] {
  const lines: DiffLine[] = [];
  for (const part of diffLines(inUse, proposed)) {
    const kind: DiffLineKind = part.added ? 'added' : part.removed ? 'removed' : 'same';
    const texts = part.value.replace(/\n$/, '').split('\n');
    if (kind === 'same' && texts.length > context * 2) {
      lines.push(...texts.slice(0, context).map((text) => ({ kind, text })));
      lines.push({ kind, text: '…' });
      lines.push(...texts.slice(-context).map((text) => ({ kind, text })));
    } else {
      lines.push(...texts.map((text) => ({ kind, text })));
    }
  }
  return lines;
}
