import { hasChangedPagu, matchesQuery, visibleRows } from './plan-tree';
import type { PlanLine } from './plan-types';

const figures = { currentPagu: '0.00', originalPagu: null, realised: '0.00', absorption: { current: null, original: null } };
const line = (code: string, parentCode: string | null, name: string, pagu: PlanLine['pagu'] = {}): PlanLine => ({
  code,
  parentCode,
  name,
  pagu,
  level: code.split('.').length === 3 ? 'program' : code.split('.').length === 5 ? 'kegiatan' : 'sub_kegiatan',
  version: 1,
  currentPhase: null,
  executablePagu: '0.00',
  realisedByQuarter: [],
  indicators: [],
  ...figures,
  totals: figures,
});

const lines = [
  line('2.17.07', null, 'Program Pemberdayaan UMKM'),
  line('2.17.07.1.01', '2.17.07', 'Pemberdayaan Usaha Kecil'),
  line('2.17.07.1.01.0001', '2.17.07.1.01', 'Menumbuhkembangkan UMKM', {
    APBD: { APBD: '653027794.00', total: '653027794.00' },
    APBD_P: { APBD: '653027794.00', DID: '1000000000.00', total: '1653027794.00' },
  }),
  line('2.17.08', null, 'Program Pengembangan UMKM'),
  line('2.17.08.1.01', '2.17.08', 'Pengembangan Usaha Mikro'),
  line('2.17.08.1.01.0001', '2.17.08.1.01', 'Produksi dan Pengolahan', {
    APBD: { APBD: '5.00', total: '5.00' },
    APBD_P: { APBD: '5.00', total: '5.00' },
    PRAKIRAAN_MAJU: { APBD: '9.00', total: '9.00' },
  }),
];
const codes = (rows: ReturnType<typeof visibleRows>) => rows.map((r) => r.line.code);
const none = { query: '', changedOnly: false, collapsed: new Set<string>() };

describe('plan tree', () => {
  it('shows every line with its depth when nothing is filtered', () => {
    const rows = visibleRows(lines, none);
    expect(codes(rows)).toEqual(lines.map((l) => l.code));
    expect(rows.map((r) => r.depth)).toEqual([0, 1, 2, 0, 1, 2]);
    expect(rows[0]).toMatchObject({ hasChildren: true, expanded: true });
    expect(rows[2]).toMatchObject({ hasChildren: false, expanded: false });
  });

  it('keeps the ancestors of a match, by code or by name', () => {
    expect(codes(visibleRows(lines, { ...none, query: 'produksi' }))).toEqual(['2.17.08', '2.17.08.1.01', '2.17.08.1.01.0001']);
    expect(codes(visibleRows(lines, { ...none, query: '2.17.07.1.01.0001' }))).toEqual(['2.17.07', '2.17.07.1.01', '2.17.07.1.01.0001']);
    expect(matchesQuery(lines[0], '  UMKM ')).toBe(true);
  });

  it('hides what is under a collapsed parent', () => {
    expect(codes(visibleRows(lines, { ...none, collapsed: new Set(['2.17.07']) }))).toEqual([
      '2.17.07',
      '2.17.08',
      '2.17.08.1.01',
      '2.17.08.1.01.0001',
    ]);
  });

  it('"changed": the amounts differ between two phases of the chain (the forward estimate does not count)', () => {
    expect(hasChangedPagu(lines[2])).toBe(true);
    expect(hasChangedPagu(lines[5])).toBe(false);
    expect(hasChangedPagu(lines[0])).toBe(false);
    expect(codes(visibleRows(lines, { ...none, changedOnly: true }))).toEqual(['2.17.07', '2.17.07.1.01', '2.17.07.1.01.0001']);
  });
});
