import { provinceReportJson, reportJson } from './report-json';

const line = (code: string) => ({ code, name: `Sub kegiatan "${code}" – ü`, fromAmount: '1000000.00', toAmount: null, note: undefined });

describe('reportJson', () => {
  it('gives exactly the text JSON.stringify gives, undefined members left out, members in order', () => {
    const report = {
      report: 'reconciliation',
      asOf: { validAt: '2023-10-31' },
      missing: undefined,
      lines: [line('1.01'), line('1.02')],
      totals: [{ a: '1' }],
    };
    expect(reportJson(report)).toBe(JSON.stringify(report));
  });

  it('reuses the text of a kept lines array for a report made from it with another point of view', () => {
    const lines = [line('1.01')];
    const kept = { report: 'reconciliation', asOf: {}, lines };
    expect(reportJson(kept)).toBe(JSON.stringify(kept));
    const later = { ...kept, asOf: { validAt: '2023-06-30' } };
    expect(reportJson(later)).toBe(JSON.stringify(later));
    expect(reportJson(later)).toContain('"validAt":"2023-06-30"');
  });

  it("serialises an evaluation's rows and leaves a report without lines or rows as it is", () => {
    const evaluation = { report: 'evaluation', rows: [{ code: '1', k: ['x', null] }], summary: { predikat: 'Baik' } };
    expect(reportJson(evaluation)).toBe(JSON.stringify(evaluation));
    const totals = { report: 'evaluation', summary: { predikat: 'Baik' }, lines: 'not an array' };
    expect(reportJson(totals)).toBe(JSON.stringify(totals));
  });
});

describe('provinceReportJson', () => {
  it('gives exactly JSON.stringify of the province report, with kept and fresh office reports', () => {
    const lines = [line('1.01'), line('1.02')];
    const kept = { report: 'reconciliation', office: { code: 'OPD001' }, lines };
    const province = {
      report: 'province-reconciliation',
      year: 2024,
      asOf: { knownAt: '2024-12-15T23:59:59.999Z' },
      offices: [kept, { ...kept, office: { code: 'OPD002' } }, { report: 'reconciliation', office: { code: 'OPD003' } }],
    };
    expect(provinceReportJson(province)).toBe(JSON.stringify(province));
    expect(provinceReportJson({ ...province, offices: [] })).toBe(JSON.stringify({ ...province, offices: [] }));
  });
});
