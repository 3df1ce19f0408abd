import fc from 'fast-check';
import { sortSmall } from './sort-small';

describe('sortSmall', () => {
  it('sorts as Array.prototype.sort does, in place, equal items kept in their order, short lists and long', () => {
    const byKey = (a: { key: number }, b: { key: number }) => a.key - b.key;
    fc.assert(
      fc.property(fc.array(fc.record({ key: fc.integer({ min: 0, max: 9 }), id: fc.nat() }), { maxLength: 150 }), (items) => {
        const expected = [...items].sort(byKey);
        const sorted = sortSmall(items, byKey);
        expect(sorted).toBe(items);
        expected.forEach((item, i) => expect(sorted[i]).toBe(item));
      }),
    );
  });
});
