import { amountScale, floatingBar } from './chart-geometry';
import { changeValue, correctionsOf, effectiveAfter, knownEntries } from './history-format';
import type { HistoryEntry } from './line-types';

const entry = (eventId: string, recordedAt: string, extra: Partial<HistoryEntry> = {}): HistoryEntry => ({
  position: 1,
  eventId,
  type: 'pagu.changed',
  recordedAt,
  effectiveDate: '2022-11-08',
  actor: 'a',
  reason: null,
  legalBasis: null,
  correctsEventId: null,
  changes: [],
  ...extra,
});

describe('line page helpers', () => {
  it('places a floating bar between the running totals', () => {
    const scale = amountScale(['6145553447.00', '518553447.00'], 0, 600);
    expect(scale('6145553447.00')).toBe(600);
    const bar = floatingBar(scale, '518553447.00', '6145553447.00');
    expect(bar.end).toBe(600);
    expect(bar.x).toBeCloseTo(50.6, 0);
    expect(floatingBar(scale, '0.00', '0.00').width).toBe(1);
    expect(amountScale([], 10, 20)('5.00')).toBe(10);
  });

  it('links corrections both ways', () => {
    const map = correctionsOf([entry('a', '2022-01-01T00:00:00Z'), entry('b', '2022-02-01T00:00:00Z', { correctsEventId: 'a' })]);
    expect(map.get('a')?.eventId).toBe('b');
  });

  it('keeps what the ledger knew at knownAt (a date = the end of that day)', () => {
    const entries = [entry('a', '2022-12-15T23:00:00.123456Z'), entry('b', '2022-12-16T00:00:00Z')];
    expect(knownEntries(entries, '2022-12-15').map((e) => e.eventId)).toEqual(['a']);
    expect(knownEntries(entries, undefined)).toHaveLength(2);
    expect(effectiveAfter(entries[0], '2022-10-31')).toBe(true);
    expect(effectiveAfter(entries[0], undefined)).toBe(false);
  });

  it('formats amounts of pagu and realisation only', () => {
    expect(changeValue('pagu.APBD_P.DID', '5627000000.00', 'id')).toBe('Rp 5.627.000.000,00');
    expect(changeValue('target.IK-1', '7', 'id')).toBe('7');
    expect(changeValue('pagu.current', null, 'id')).toBe('—');
  });
});
