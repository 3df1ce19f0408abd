import fc from 'fast-check';
import { comparePlanCodes, parsePlanCode, sortByPlanCode } from './plan-code';
import { errorOf } from '../testing/error-of';

describe('parsePlanCode', () => {
  it('reads a program: its parent is the office', () => {
    expect(parsePlanCode('2.17.07')).toEqual({ code: '2.17.07', level: 'program', parentCode: null });
  });

  it('reads a kegiatan: its parent is the program', () => {
    expect(parsePlanCode('2.17.07.1.01')).toEqual({ code: '2.17.07.1.01', level: 'kegiatan', parentCode: '2.17.07' });
    expect(parsePlanCode('2.17.08.2.03')).toEqual({ code: '2.17.08.2.03', level: 'kegiatan', parentCode: '2.17.08' });
  });

  it('reads a sub kegiatan: its parent is the kegiatan', () => {
    expect(parsePlanCode('2.17.07.1.01.0001')).toEqual({ code: '2.17.07.1.01.0001', level: 'sub_kegiatan', parentCode: '2.17.07.1.01' });
  });

  it('normalises a two-digit (older) sub kegiatan to four digits', () => {
    expect(parsePlanCode('2.17.07.1.01.01')).toEqual({ code: '2.17.07.1.01.0001', level: 'sub_kegiatan', parentCode: '2.17.07.1.01' });
    expect(parsePlanCode('2.17.08.1.02.15').code).toBe('2.17.08.1.02.0015');
  });

  it('reads cross-cutting X.XX codes, in either case, and trims', () => {
    expect(parsePlanCode('X.XX.01')).toEqual({ code: 'X.XX.01', level: 'program', parentCode: null });
    expect(parsePlanCode(' x.xx.01.1.01.0002 ')).toEqual({ code: 'X.XX.01.1.01.0002', level: 'sub_kegiatan', parentCode: 'X.XX.01.1.01' });
  });

  it.each([
    ['0.17.07', 'urusan', '"0"'],
    ['2.7.07', 'bidang urusan', '"7"'],
    ['2.17.7', 'program', '"7"'],
    ['2.17.07.3.01', 'kegiatan authority level', '"3"'],
    ['2.17.07.1.1', 'kegiatan', '"1"'],
    ['2.17.07.1.01.001', 'sub kegiatan', '"001"'],
    ['2.17.07.1.01.00001', 'sub kegiatan', '"00001"'],
    ['2.X7.07', 'bidang urusan', '"X7"'],
    ['2.17.0A', 'program', '"0A"'],
  ])('refuses %s naming the %s segment', (raw, segment, value) => {
    const error = errorOf(() => parsePlanCode(raw));
    expect([error.kind, error.rule, error.field]).toEqual(['invalid', 'CODE_FORMAT', 'code']);
    expect(error.message).toContain(`the ${segment} segment ${value}`);
  });

  it.each([['2.17'], ['2.17.07.1'], ['2.17.07.1.01.0001.1'], ['2 1 7 8 1']])('refuses %s for its number of segments', (raw) => {
    const error = errorOf(() => parsePlanCode(raw));
    expect(error.rule).toBe('CODE_FORMAT');
    expect(error.message).toMatch(/segment\(s\)/);
  });

  it('requires a code and reports the field it was given', () => {
    expect(errorOf(() => parsePlanCode(undefined)).rule).toBe('CODE_REQUIRED');
    expect(errorOf(() => parsePlanCode('  ', 'parentCode')).field).toBe('parentCode');
  });
});

describe('comparePlanCodes', () => {
  it('orders codes the way a plan document lists them', () => {
    const codes = [
      '2.17.08',
      '2.17.07.1.01.0002',
      '2.17.07.1.01',
      '2.17.10',
      '2.17.07',
      '2.17.07.1.01.0001',
      '2.17.07.1.02',
      'X.XX.01',
      '1.01.01',
    ];
    expect([...codes].sort(comparePlanCodes)).toEqual([
      '1.01.01',
      '2.17.07',
      '2.17.07.1.01',
      '2.17.07.1.01.0001',
      '2.17.07.1.01.0002',
      '2.17.07.1.02',
      '2.17.08',
      '2.17.10',
      'X.XX.01',
    ]);
  });

  it('is zero for equal codes and antisymmetric', () => {
    expect(comparePlanCodes('2.17.07', '2.17.07')).toBe(0);
    expect(Math.sign(comparePlanCodes('2.17.07', '2.17.07.1.01'))).toBe(-1);
    expect(Math.sign(comparePlanCodes('2.17.07.1.01', '2.17.07'))).toBe(1);
  });
});

describe('sortByPlanCode', () => {
  const segment = fc.oneof(fc.constantFrom('X', 'XX', '1', '01', '2', '17', '07', '0001', '0002', '10'), fc.nat({ max: 120 }).map(String));
  const code = fc.array(segment, { minLength: 1, maxLength: 6 }).map((segments) => segments.join('.'));

  it('puts items in the order comparePlanCodes gives their codes, keeping each item', () => {
    fc.assert(
      fc.property(fc.array(code, { maxLength: 60 }), (codes) => {
        const items = codes.map((c, i) => ({ c, i }));
        const sorted = sortByPlanCode(items, (item) => item.c);
        expect(sorted.map((item) => item.c)).toEqual([...codes].sort(comparePlanCodes));
        expect(new Set(sorted)).toEqual(new Set(items));
      }),
    );
  });
});
