import { Money } from '@renja/domain';
import { rollUp } from '../../plan/rollup';
import { rollUpTree } from './roll-up-tree';

describe('rollUpTree', () => {
  const nodes = [
    { code: '2.17.07', parentCode: null, currentPagu: '10.00', originalPagu: null, realised: '0.00' },
    { code: '2.17.07.1.01', parentCode: '2.17.07', currentPagu: '5.00', originalPagu: null, realised: '1.00' },
    {
      code: '2.17.07.1.01.0001',
      parentCode: '2.17.07.1.01',
      currentPagu: '1000000000.10',
      originalPagu: '600000000.00',
      realised: '381500000.05',
    },
    { code: '2.17.09.1.01', parentCode: '2.17.09', currentPagu: '7.00', originalPagu: null, realised: '0.00' },
  ];

  it('adds up exactly like the plan reader: own amounts plus children, orphans under the office', () => {
    const pagu = new Map(nodes.map((n) => [n.code, n.currentPagu]));
    const ours = rollUpTree(
      nodes,
      (c) => new Money(pagu.get(c)!),
      (a, b) => a.plus(b),
      () => new Money(0),
    );
    const reader = rollUp(nodes);
    for (const n of nodes) expect(ours.byCode.get(n.code)!.toFixed(2)).toBe(reader.byCode.get(n.code)!.currentPagu);
    expect(ours.office.toFixed(2)).toBe(reader.office.currentPagu);
    expect(ours.office.toFixed(2)).toBe('1000000022.10');
  });
});
