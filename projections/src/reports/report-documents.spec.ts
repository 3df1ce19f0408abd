import { absorptionReport } from './absorption/absorption.report';
import { absorptionDocument } from './absorption/absorption.tables';
import { paguTrailReport } from './pagu-trail/pagu-trail.report';
import { paguTrailDocument } from './pagu-trail/pagu-trail.tables';
import { reconciliationReport } from './reconciliation/reconciliation.report';
import { reconciliationDocument } from './reconciliation/reconciliation.tables';
import { consistencyDocument } from './consistency/consistency.tables';
import type { ConsistencyReport } from './consistency/consistency.report';
import type { ReportDocument, ReportTable } from './render/report-table';
import { lineHistoryDocument } from './workbench/history.tables';
import { didScope, KEGIATAN, PROGRAM, SUB_KEGIATAN } from './testing/did-scope';

const rowOf = (table: ReportTable, code: string) => table.rows.find((r) => r.cells.code === code);

/** Headings a person reads are words, not machine keys (snake_case, dotted event types). */
const machineLooking = (text: string) => /^[a-z0-9]+(_[a-z0-9]+)+$/.test(text) || /^[a-z-]+\.[a-z-]+$/.test(text);

function expectPrintable(doc: ReportDocument): void {
  expect(doc.pdf?.length).toBeGreaterThan(0);
  for (const table of [...doc.pdf!, ...doc.tables, doc.csv]) {
    for (const column of table.columns) expect(machineLooking(column.header)).toBe(false);
  }
  for (const column of doc.csv.columns) expect(column.key).toMatch(/^[a-z][A-Za-z0-9_]*$/);
}

describe('the pagu trail paper', () => {
  const doc = paguTrailDocument(paguTrailReport(didScope(), SUB_KEGIATAN));

  it('is printable, with Indonesian headings over English machine keys', () => expectPrintable(doc));

  it('states its tie-out in Indonesian with amounts written as Rupiah', () => {
    expect(doc.subtitle).toContain('Pembuktian: jumlah seluruh perubahan Rp 6.145.553.447,00 = pagu kini Rp 6.145.553.447,00 (sesuai)');
    const tieOut = doc.pdf!.at(-1)!;
    expect(tieOut.rows.map((r) => r.cells.status)).toEqual(['sesuai', 'sesuai']);
  });

  it('prints the line with its name and current pagu above its steps, times in WIB, legal bases dated in words', () => {
    const [steps] = doc.pdf!;
    expect(steps.rows[0]).toMatchObject({
      total: true,
      cells: { code: SUB_KEGIATAN, kind: 'Fasilitasi Pengembangan Usaha Mikro', amount_after: '6145553447.00' },
    });
    const did = steps.rows.find((r) => r.cells.delta === '5627000000.00')!;
    expect(did.cells).toMatchObject({
      legal_basis: 'PMK 170/PMK.07/2022 tanggal 22 November 2022',
      effective_date: '24-11-2022',
      recorded_at: '15-12-2022 14:03 WIB',
    });
  });

  it('prints a program or kegiatan without a pagu of its own as such, not as a pagu of 0,00', () => {
    const program = paguTrailDocument(paguTrailReport(didScope(), PROGRAM));
    const [steps, tieOut] = program.pdf!;
    expect(rowOf(steps, PROGRAM)!.cells).toMatchObject({ amount_after: null, status: 'tanpa pagu sendiri' });
    expect(rowOf(steps, SUB_KEGIATAN)!.cells.amount_after).toBe('6145553447.00');
    expect(tieOut.rows.map((r) => [r.cells.code, r.cells.current_pagu])).toEqual([
      [SUB_KEGIATAN, '6145553447.00'],
      [PROGRAM, '6145553447.00'],
    ]);
    expect(program.tables[1].rows).toHaveLength(4);
  });

  it('keeps the machine CSV raw: ISO times and dates, the legal basis split', () => {
    const did = doc.csv.rows.find((r) => r.cells.delta === '5627000000.00')!;
    expect(did.cells).toMatchObject({ recorded_at: '2022-12-15T07:03:12.123456Z', effective_date: '2022-11-24', legal_basis_kind: 'PMK' });
  });
});

describe('the reconciliation paper', () => {
  const report = reconciliationReport(didScope());
  const doc = reconciliationDocument(report);

  it('is printable, with Indonesian headings over English machine keys', () => expectPrintable(doc));

  it('says its tie-outs in Indonesian, figures as Rupiah', () => {
    expect(report.tieOut.deltas.description).toBe('jumlah selisih baris = selisih perangkat daerah (APBD-P – APBD)');
    expect(doc.subtitle.at(-1)).toBe(
      'Pembuktian: jumlah selisih baris Rp 5.627.000.000,00 = selisih perangkat daerah Rp 5.627.000.000,00 (sesuai); setiap selisih dijelaskan peristiwa tercatat (sesuai)',
    );
    const tieOut = doc.pdf!.at(-1)!;
    expect(tieOut.rows.map((r) => r.cells.check)).toEqual([
      'jumlah selisih baris = selisih perangkat daerah (APBD-P – APBD)',
      'jumlah selisih baris = jumlah yang dijelaskan peristiwa tercatat, baris demi baris',
    ]);
  });

  it('carries per line the events and legal bases that explain its delta, under program and kegiatan subtotals', () => {
    const [lines] = doc.pdf!;
    expect(lines.rows.map((r) => [r.cells.code, r.total ?? false])).toEqual([
      [PROGRAM, true],
      [KEGIATAN, true],
      [SUB_KEGIATAN, false],
      ['DKUKM', true],
    ]);
    expect(rowOf(lines, PROGRAM)!.cells).toMatchObject({ from_amount: '518553447.00', to_amount: '6145553447.00', delta: '5627000000.00' });
    expect(rowOf(lines, KEGIATAN)!.cells.delta).toBe('5627000000.00');
    const explanation = rowOf(lines, SUB_KEGIATAN)!.cells.explanation!;
    expect(explanation).toContain('APBD-P, sumber dana DID: tambahan +Rp 5.627.000.000,00, berlaku 24-11-2022');
    expect(explanation).toContain('PMK 170/PMK.07/2022 tanggal 22 November 2022');
    expect(explanation).toContain('Tambahan Dana Insentif Daerah (DID)');
  });

  it('adds the programs by funding source, leaving out programs with nothing in either phase', () => {
    const programs = doc.pdf![1];
    expect(programs.rows.map((r) => r.cells.code)).toEqual([PROGRAM, 'DKUKM']);
    expect(rowOf(programs, PROGRAM)!.cells.delta_DID).toBe('5627000000.00');
  });
});

describe('the absorption paper', () => {
  const report = absorptionReport(didScope());
  const doc = absorptionDocument(report);

  it('is printable, with Indonesian headings over English machine keys', () => expectPrintable(doc));

  it('writes the office serapan with a decimal comma', () => {
    expect(doc.subtitle.at(-1)).toBe('Serapan kantor: 39,77 % thd pagu kini, 471,37 % thd APBD');
  });

  it('shows program and kegiatan rows with their rolled-up figures, never a zero that is not true', () => {
    for (const table of [doc.tables[0], doc.pdf![0]]) {
      for (const code of [PROGRAM, KEGIATAN]) {
        const row = rowOf(table, code)!;
        expect(row.total).toBe(true);
        expect(row.cells).toMatchObject({ current_pagu: '6145553447.00', original_pagu: '518553447.00', realised: '2444304781.00' });
        expect(row.cells.absorption_current).toBe('39.77');
      }
    }
    // The JSON keeps each line's own figures: the program itself holds nothing.
    expect(report.lines.find((l) => l.code === PROGRAM)!.currentPagu).toBe('0.00');
  });

  it('prints the year by quarter only when more than one quarter has realisation recorded', () => {
    expect(doc.pdf!.map((t) => t.sheet)).toEqual(['Rincian', 'Tambahan TW IV']);
  });

  it('leaves cumulative quarters before any recorded realisation empty on paper, not 0,00 (the JSON keeps its running sums)', () => {
    const twoQuarters = absorptionReport(didScope({}, [['2022-Q3', '100000000.00']]));
    const byQuarter = absorptionDocument(twoQuarters).pdf![1];
    expect(byQuarter.sheet).toBe('Per Triwulan');
    expect(rowOf(byQuarter, PROGRAM)!.cells).toMatchObject({
      cumulative_1: null,
      absorption_2: null,
      cumulative_3: '100000000.00',
      cumulative_4: '2544304781.00',
      absorption_4: '41.40',
    });
    expect(twoQuarters.programs[0].cumulativeByQuarter[0]).toBe('0.00');
  });

  it('lists the late DID addition with its legal basis', () => {
    const late = doc.pdf!.at(-1)!;
    expect(late.title).toContain('sejak 1 Oktober 2022');
    expect(late.rows[0].cells).toMatchObject({
      code: SUB_KEGIATAN,
      amount: '5627000000.00',
      legal_basis: 'PMK 170/PMK.07/2022 tanggal 22 November 2022',
    });
  });
});

describe('the consistency paper', () => {
  const report: ConsistencyReport = {
    report: 'consistency',
    year: 2022,
    office: { code: 'DKUKM', name: 'Dinas KUKM' },
    rows: [
      {
        code: '2.17.07',
        name: 'Program Pemberdayaan UMKM',
        label: 'Program Pemberdayaan UMKM',
        measure: 'REALISASI',
        phase: null,
        period: '2022-Q4',
        indicator: null,
        source: 'Bab II teks',
        note: null,
        stated: '1022435384.00',
        computed: '630592410.00',
        difference: '391842974.00',
        status: 'MISMATCH',
        explanation: 'jumlah realisasi s.d. TW IV 2022 dari baris 2.17.07 beserta baris di bawahnya (3 baris)',
        eventId: 'sf-1',
      },
    ],
    conflicts: [],
    summary: { statements: 1, ok: 0, mismatches: 1, notComputable: 0, conflicts: 0 },
  };
  const doc = consistencyDocument(report);

  it('is printable, with Indonesian headings over English machine keys', () => expectPrintable(doc));

  it('reads in Indonesian: measure, period, status; amounts are Rupiah cells', () => {
    const [row] = doc.pdf![0].rows;
    expect(row.cells).toMatchObject({ measure: 'Realisasi', period: 'TW IV 2022', status: 'TIDAK SESUAI' });
    expect(row.kinds).toMatchObject({ stated: 'amount', computed: 'amount', difference: 'amount' });
    expect(doc.subtitle.at(-1)).toBe('1 angka dinyatakan: 0 sesuai, 1 TIDAK SESUAI, 0 tidak dapat dihitung; 0 hal dinyatakan berbeda-beda');
  });

  it('keeps the raw status and machine keys in the plain CSV', () => {
    expect(doc.csv.rows[0].cells).toMatchObject({ status: 'MISMATCH', measure: 'REALISASI', event_id: 'sf-1' });
  });
});

describe("a line's history as a paper", () => {
  const entry = (position: number, eventId: string, fields: object = {}) => ({
    position,
    eventId,
    type: 'pagu.changed',
    recordedAt: '2022-12-15T07:03:12.123456Z',
    effectiveDate: '2022-11-24',
    actor: 'keuangan',
    reason: 'DID',
    legalBasis: { kind: 'PMK', number: '170/PMK.07/2022', date: '2022-11-22' },
    correctsEventId: null,
    changes: [{ figure: 'pagu.APBD_P.DID', from: null, to: '5627000000.00' }],
    ...fields,
  });
  const doc = lineHistoryDocument({
    year: 2022,
    office: { code: 'DKUKM', name: 'Dinas KUKM' },
    line: { code: SUB_KEGIATAN, name: 'Fasilitasi Pengembangan Usaha Mikro', level: 'sub_kegiatan' },
    entries: [entry(10, 'e-1'), entry(12, 'e-2', { type: 'event.corrected', correctsEventId: 'e-1' })],
  });

  it('is printable, with Indonesian headings over English machine keys', () => expectPrintable(doc));

  it('names the line above the table and gives each change in Indonesian words, WIB times and dates as offices write them', () => {
    expect(doc.subtitle).toContain(`Sub Kegiatan: ${SUB_KEGIATAN} Fasilitasi Pengembangan Usaha Mikro`);
    const [table] = doc.pdf!;
    expect(table.columns.map((c) => c.key)).not.toContain('code');
    expect(table.rows[0].cells).toMatchObject({
      recorded_at: '15-12-2022 14:03 WIB',
      effective_date: '24-11-2022',
      kind: 'Penetapan/perubahan pagu',
      figure: 'Pagu APBD-P (DID)',
      legal_basis: 'PMK 170/PMK.07/2022 tanggal 22 November 2022',
      corrected_by_event_id: 'e-2',
    });
  });

  it('gives machines the raw values', () => {
    expect(doc.csv.rows[0].cells).toMatchObject({
      recorded_at: '2022-12-15T07:03:12.123456Z',
      kind: 'pagu.changed',
      figure: 'pagu.APBD_P.DID',
      code: SUB_KEGIATAN,
    });
  });
});
