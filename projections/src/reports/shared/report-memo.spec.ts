import type { ReportLine, ReportScope } from './report-lines';
import { linesFingerprint, ReportMemo } from './report-memo';

const indicators: ReportLine['indicators'] = [];
const line = (code: string, view: object = {}): ReportLine =>
  ({ code, level: 'sub_kegiatan', parentCode: null, name: `baris ${code}`, indicators, view }) as unknown as ReportLine;
const scope = (lines: ReportLine[]): ReportScope => ({ year: 2023, office: { code: 'OPD', name: 'Dinas' }, asOf: {}, lines });

describe('report memo: whole reports kept while their lines are the same', () => {
  it('computes a report once per key and drops the least recently used past its bound of lines', () => {
    const memo = new ReportMemo(10);
    let computed = 0;
    const get = (key: string, lines = 4) => memo.get(key, lines, () => ({ key, n: ++computed }));
    const a = get('a');
    expect(get('a')).toBe(a);
    get('b');
    get('a'); // a is now the most recently used
    get('c'); // 12 lines: b goes
    expect(computed).toBe(3);
    expect(get('a')).toBe(a);
    expect(get('b')).not.toBe(undefined);
    expect(computed).toBe(4);
  });

  it('keeps nothing bigger than its bound (a bound of 0 keeps nothing)', () => {
    const memo = new ReportMemo(0);
    let computed = 0;
    memo.get('a', 1, () => ++computed);
    memo.get('a', 1, () => ++computed);
    expect(computed).toBe(2);
  });

  it('tells lines apart by their view objects, not by what the views hold', () => {
    const view = {};
    const same = linesFingerprint(scope([line('1', view)]));
    expect(linesFingerprint(scope([line('1', view)]))).toBe(same);
    expect(linesFingerprint(scope([line('1', {})]))).not.toBe(same);
    expect(linesFingerprint(scope([line('2', view)]))).not.toBe(same);
    expect(linesFingerprint({ ...scope([line('1', view)]), office: { code: 'OPD', name: 'Dinas Baru' } })).not.toBe(same);
  });
});
