import { predikatText, standingOf } from './standing';

describe('evaluation standing: final only when the year is complete', () => {
  it.each([
    ['2022-09-30', undefined, { final: false, quarter: 3 }],
    ['2022-03-31', undefined, { final: false, quarter: 1 }],
    ['2022-04-01', undefined, { final: false, quarter: 2 }],
    ['2022-12-30', undefined, { final: false, quarter: 4 }],
    ['2022-12-31', undefined, { final: true, quarter: 4 }],
    ['2023-06-30', undefined, { final: true, quarter: 4 }],
    [undefined, '2026-12-05', { final: true, quarter: 4 }],
    [undefined, undefined, { final: true, quarter: 4 }],
    [undefined, '2022-08-15', { final: false, quarter: 3 }],
    ['2022-12-31', '2022-05-02', { final: false, quarter: 2 }],
    ['2021-12-31', undefined, { final: false, quarter: null }],
  ])('validAt %s, today %s → %j', (validAt, today, expected) => {
    expect(standingOf(2022, validAt, today)).toEqual(expected);
  });

  it('marks a predikat before the year ends as sementara with its quarter', () => {
    expect(predikatText('SR', standingOf(2022, '2022-09-30', undefined))).toBe('SR (sementara, TW III)');
    expect(predikatText('T', standingOf(2022, '2022-12-31', undefined))).toBe('T (Tinggi)');
    expect(predikatText('S', standingOf(2022, '2021-10-01', undefined))).toBe('S (sementara, belum ada triwulan)');
    expect(predikatText(null, standingOf(2022, '2022-09-30', undefined))).toBeNull();
  });
});
