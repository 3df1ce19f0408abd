import { comparePlanCodes, formatK, inPlanOrder, mismatchesFirst, sourcesOf } from './report-rows';
import type { ConsistencyRow } from './report-types';

describe('report rows', () => {
  it('orders plan codes by segment', () => {
    const codes = ['2.17.08', '2.17.01.1.01.0001', '2.17.01', '2.17.01.1.01', '2.17.01.1.02'];
    expect([...codes].sort(comparePlanCodes)).toEqual(['2.17.01', '2.17.01.1.01', '2.17.01.1.01.0001', '2.17.01.1.02', '2.17.08']);
  });

  it('puts each subtotal before the lines it sums, and before a line of the same code', () => {
    const row = (code: string, level: string) => ({ code, level, name: code });
    const ordered = inPlanOrder(
      [row('2.17.07', 'program')],
      [row('2.17.07.1.01', 'kegiatan')],
      [row('2.17.07.1.01.0001', 'sub_kegiatan'), row('2.17.07', 'program')],
    );
    expect(ordered.map((r) => `${r.row.code}${r.subtotal ? ' Σ' : ''}`)).toEqual([
      '2.17.07 Σ',
      '2.17.07',
      '2.17.07.1.01 Σ',
      '2.17.07.1.01.0001',
    ]);
  });

  it('lists mismatches first and keeps the report order otherwise', () => {
    const rows = ['OK', 'MISMATCH', 'NOT_COMPUTABLE', 'MISMATCH'].map(
      (status, i) => ({ status, label: String(i) }) as unknown as ConsistencyRow,
    );
    expect(mismatchesFirst(rows).map((r) => r.label)).toEqual(['1', '3', '2', '0']);
  });

  it('collects funding sources without touching amounts', () => {
    expect(sourcesOf([{ deltaBySource: { DID: '1.00' } }, { deltaBySource: { APBD: '-1.00', DID: '2.00' } }])).toEqual(['APBD', 'DID']);
  });

  it('formats kinerja values with their own places', () => {
    expect(formatK('80', 'id')).toBe('80');
    expect(formatK('12.5', 'id')).toBe('12,5');
    expect(formatK('1250.75', 'en')).toBe('1,250.75');
    expect(formatK(null, 'id')).toBe('—');
  });
});
