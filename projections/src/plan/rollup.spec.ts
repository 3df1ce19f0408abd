import { rollUp } from './rollup';

describe('rollUp', () => {
  const nodes = [
    { code: '2.17.07', parentCode: null, currentPagu: '0.00', originalPagu: null, realised: '0.00' },
    { code: '2.17.07.1.01', parentCode: '2.17.07', currentPagu: '0.00', originalPagu: null, realised: '0.00' },
    {
      code: '2.17.07.1.01.0001',
      parentCode: '2.17.07.1.01',
      currentPagu: '1000000000.10',
      originalPagu: '600000000.00',
      realised: '381500000.05',
    },
    {
      code: '2.17.07.1.01.0002',
      parentCode: '2.17.07.1.01',
      currentPagu: '653027793.90',
      originalPagu: '53027794.00',
      realised: '249092409.95',
    },
    { code: '2.17.08', parentCode: null, currentPagu: '100.00', originalPagu: '100.00', realised: '0.00' },
  ];

  it('adds sub kegiatan up to kegiatan, program and office with exact decimals', () => {
    const { byCode, office } = rollUp(nodes);
    expect(byCode.get('2.17.07.1.01')).toEqual({
      currentPagu: '1653027794.00',
      originalPagu: '653027794.00',
      realised: '630592410.00',
      absorption: { current: '38.15', original: '96.56' },
    });
    expect(byCode.get('2.17.07')!.currentPagu).toBe('1653027794.00');
    expect(office).toEqual({
      currentPagu: '1653027894.00',
      originalPagu: '653027894.00',
      realised: '630592410.00',
      absorption: { current: '38.15', original: '96.56' },
    });
  });

  it("counts amounts stated on a parent line as the parent's own, and a line whose parent is missing under the office", () => {
    const { byCode, office } = rollUp([
      { code: '2.17.07', parentCode: null, currentPagu: '10.00', originalPagu: null, realised: '0.00' },
      { code: '2.17.07.1.01', parentCode: '2.17.07', currentPagu: '5.00', originalPagu: null, realised: '1.00' },
      { code: '2.17.09.1.01', parentCode: '2.17.09', currentPagu: '7.00', originalPagu: null, realised: '0.00' },
    ]);
    expect(byCode.get('2.17.07')!.currentPagu).toBe('15.00');
    expect(byCode.get('2.17.07')!.absorption.current).toBe('6.67');
    expect(office.currentPagu).toBe('22.00');
    expect(office.absorption.original).toBeNull();
  });
});
