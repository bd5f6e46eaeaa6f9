import { describe, expect, it } from 'vitest';
import { xmlDiff } from '../../../src/modules/flows/default-diff';

describe('the diff between the flow in use and a newer default', () => {
  it('marks removed and added lines and shortens long unchanged runs', () => {
    const same = Array.from({ length: 10 }, (_, i) => `<line ${i} />`);
    const inUse = [...same, '<timer>P1D</timer>', '</end>'].join('\n');
    const proposed = [...same, '<timer>P3D</timer>', '</end>'].join('\n');
    const lines = xmlDiff(inUse, proposed);
    expect(lines.filter((l) => l.kind !== 'same')).toEqual([
      { kind: 'removed', text: '<timer>P1D</timer>' },
      { kind: 'added', text: '<timer>P3D</timer>' },
    ]);
    expect(lines.filter((l) => l.kind === 'same').map((l) => l.text)).toEqual([
      '<line 0 />',
      '<line 1 />',
      '<line 2 />',
      '…',
      '<line 7 />',
      '<line 8 />',
      '<line 9 />',
      '</end>',
    ]);
  });
});
