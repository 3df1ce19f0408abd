import { type AsOf, type LineEvent, type PlanLineState } from '@renja/domain';
import { changePagu, defineIndicator, history, realise, registered, stateOf } from '@renja/domain/testing/plan-line-fixtures';
import { recordRenstra, reviseTarget } from '@renja/domain/testing/parsed-commands';
import type { ReportTable } from '../render/report-table';
import { foldLineView } from '../shared/line-view';
import type { ReportScope } from '../shared/report-lines';
import type { RecordedNote } from './evaluation-notes';
import { evaluationReport } from './evaluation.report';
import { evaluationDocument } from './evaluation.tables';

const OFFICE = { code: 'DKUKM', name: 'Dinas Koperasi, Usaha Kecil dan Menengah' };
const SUB = '2.17.08.1.01.0001';

/** Pengembangan UMKM: a program, its kegiatan and a sub kegiatan with an indicator, a pagu, TW I–IV and Renstra figures. */
function states(): PlanLineState[] {
  const sub: LineEvent[] = history(
    [registered(SUB)],
    defineIndicator('i-1', 'Jumlah UMKM yang dikembangkan', { unit: 'unit' }),
    reviseTarget({ eventId: 't-1', indicator: 'IK-1', value: '30', reason: 'Target Renja', effectiveDate: '2022-01-03' }),
    changePagu('p-1', { amount: '1000000.00' }),
    realise('r-1', '2022-Q1', '100000.00', { outputs: [{ indicator: 'IK-1', value: '3' }] }),
    realise('r-2', '2022-Q3', '200000.00', { outputs: [{ indicator: 'IK-1', value: '6' }] }),
    realise('r-4', '2022-Q4', '500000.00', { outputs: [{ indicator: 'IK-1', value: '12' }] }),
    recordRenstra({
      eventId: 'rs-1',
      indicator: 'IK-1',
      targetK: '150',
      realisedToLastYearK: '90',
      targetRp: '5000000',
      realisedToLastYearRp: '2000000',
    }),
  );
  return [stateOf([registered('2.17.08')]), stateOf([registered('2.17.08.1.01')]), stateOf(sub)];
}

function report(asOf: AsOf, notes: RecordedNote[] = []) {
  const all = states();
  const scope: ReportScope = {
    year: 2022,
    office: OFFICE,
    asOf,
    lines: all.map((s) => ({
      code: s.line!.code,
      level: s.line!.level,
      parentCode: s.line!.parentCode,
      name: s.line!.name,
      indicators: s.indicators,
      view: foldLineView(s, asOf),
    })),
  };
  return evaluationReport(scope, { renstra: new Map(all.map((s) => [s.line!.code, s.renstra ?? []])), notes });
}

const table = (tables: ReportTable[] | undefined, sheet: string) => tables!.find((t) => t.sheet === sheet)!;

describe('evaluation tables (Tabel 2.1 of the Renja document)', () => {
  const doc = evaluationDocument(report({}));

  it('numbers the columns under the headings, (1) No to (16) Perangkat Daerah, as text', () => {
    for (const form of [table(doc.tables, 'Evaluasi Renja'), table(doc.pdf, 'Evaluasi Renja')]) {
      const numbers = form.rows[0];
      expect(form.columns[0]).toMatchObject({ key: 'no', header: 'No' });
      expect(form.columns.map((c) => numbers.cells[c.key])).toEqual(
        form.columns.map((c) => (c.key === 'unit' ? '(4)' : numbers.cells[c.key])),
      );
      expect([numbers.cells.no, numbers.cells.code, numbers.cells.name, numbers.cells.indicator]).toEqual(['(1)', '(2)', '(3)', '(4)']);
      expect([
        numbers.cells.renstra_target_k,
        numbers.cells.realisation_total_rp,
        numbers.cells.renstra_capaian_rp,
        numbers.cells.responsible,
      ]).toEqual(['(5)', '(12)', '(15)', '(16)']);
      expect(Object.values(numbers.kinds!).every((k) => k === 'text')).toBe(true);
      expect(form.columns.at(-1)).toMatchObject({ key: 'responsible', header: 'Perangkat Daerah Penanggung Jawab' });
    }
  });

  it('numbers the rows program 1, kegiatan 1.1, sub kegiatan 1.1.1 and names the office responsible on each', () => {
    const xlsx = table(doc.tables, 'Evaluasi Renja');
    expect(xlsx.rows.slice(1).map((r) => [r.cells.no, r.cells.code, r.cells.responsible])).toEqual([
      ['1', '2.17.08', 'DKUKM'],
      ['1.1', '2.17.08.1.01', 'DKUKM'],
      ['1.1.1', SUB, 'DKUKM'],
    ]);
    // On paper the office's name heads the page and its code fills the column, as narrow as Tabel 2.1's; the CSV has the name.
    const pdf = table(doc.pdf, 'Evaluasi Renja');
    expect(pdf.rows.slice(1).map((r) => r.cells.responsible)).toEqual(['DKUKM', 'DKUKM', 'DKUKM']);
    expect(doc.csv.rows[0].cells.responsible).toBe(OFFICE.name);
    expect(doc.subtitle[0]).toContain(OFFICE.name);
    expect(pdf.rows[3].cells.indicator).toBe('Jumlah UMKM yang dikembangkan (unit)');
  });

  it('prints the quarters (8)–(11) in the spreadsheet; the paper shows their sum (12), as Tabel 2.1 does', () => {
    const groupsOf = (t: ReportTable) => [...new Set(t.columns.map((c) => c.group).filter(Boolean))];
    expect(groupsOf(table(doc.tables, 'Evaluasi Renja'))).toContain('Realisasi TW III');
    expect(groupsOf(table(doc.pdf, 'Evaluasi Renja'))).toEqual([
      'Target Renstra akhir periode',
      'Realisasi Renstra s.d. 2021',
      'Target Renja 2022',
      'Realisasi Renja 2022 (8+9+10+11)',
      'Capaian Renja 2022 (%) (12÷7)',
      'Realisasi Renstra s.d. 2022 (6+12)',
      'Capaian Renstra (%) (14÷5)',
    ]);
  });

  it('fills the Renstra columns from the recorded figures: (14) = (6) + (12), (15) = (14) ÷ (5)', () => {
    const row = table(doc.tables, 'Evaluasi Renja').rows[3].cells;
    expect([
      row.renstra_target_k,
      row.renstra_target_rp,
      row.renstra_realised_to_last_year_k,
      row.renstra_realised_to_last_year_rp,
    ]).toEqual(['150', '5000000.00', '90', '2000000.00']);
    expect([row.realisation_total_k, row.realisation_total_rp]).toEqual(['21', '800000.00']);
    expect([row.renstra_cumulative_k, row.renstra_cumulative_rp]).toEqual(['111', '2800000.00']);
    expect([row.renstra_capaian_k, row.renstra_capaian_rp]).toEqual(['74.00', '56.00']);
    expect(doc.subtitle.join(' ')).not.toContain('Kolom Renstra kosong');
  });

  it('marks the predikat sementara with its quarter before the year ends, final at its end', () => {
    const atTw3 = evaluationDocument(report({ validAt: '2022-09-30' }));
    const programs = table(atTw3.pdf, 'Program');
    expect(programs.title).toContain('sementara, TW III');
    // TW I + TW III = 9 of 30 unit: 30 % → SR; Rp 300.000 of 1.000.000: 30 % → SR.
    expect(programs.rows.map((r) => [r.cells.average_k, r.cells.predikat_k, r.cells.predikat_rp])).toEqual([
      ['30.00', 'SR (sementara, TW III)', 'SR (sementara, TW III)'],
      ['30.00', 'SR (sementara, TW III)', 'SR (sementara, TW III)'],
    ]);
    expect(atTw3.subtitle.join(' ')).toContain('Predikat sementara: angka s.d. TW III');
    const atYearEnd = table(evaluationDocument(report({ validAt: '2022-12-31' })).pdf, 'Program');
    expect(atYearEnd.rows[0].cells.predikat_k).toBe('S (Sedang)');
    expect(atYearEnd.title).not.toContain('sementara');
  });

  it('states its point of view as the other papers do: dates day-first, the recorded time in WIB', () => {
    const at = evaluationDocument(report({ validAt: '2022-09-30', knownAt: '2022-12-15T23:59:59.999999Z' }));
    expect(at.subtitle[2]).toBe('Sudut pandang: berlaku s.d. 30-09-2022; sebagaimana tercatat s.d. 16-12-2022 06:59 WIB');
    expect(at.subtitle.join(' ')).not.toContain('T23:59');
  });

  it('prints the faktor notes after the evaluation, the ones in force at validAt', () => {
    const note = (period: string, code: string | null, pendorong: string, recordedAt: string): RecordedNote => ({
      year: 2022,
      officeCode: OFFICE.code,
      period,
      code,
      pendorong,
      penghambat: null,
      tindakLanjut: 'Percepatan pelaksanaan',
      eventId: `n-${period}-${pendorong}`,
      effectiveDate: period === '2022-Q3' ? '2022-09-30' : '2022-12-31',
      recordedAt,
      actor: 'perencana',
      reason: null,
    });
    const notes = [
      note('2022-Q4', '2.17.08', 'DID turun November', '2022-12-20T03:00:00.000000Z'),
      note('2022-Q3', null, 'Dukungan pimpinan', '2022-10-05T03:00:00.000000Z'),
      note('2022-Q3', null, 'Dukungan pimpinan dan koordinasi', '2022-10-06T03:00:00.000000Z'),
    ];
    const all = evaluationDocument(report({}, notes));
    expect(all.pdf!.map((t) => t.sheet)).toEqual(['Evaluasi Renja', 'Program', 'Faktor']);
    expect(table(all.tables, 'Faktor').rows.map((r) => [r.cells.quarter, r.cells.code, r.cells.name, r.cells.pendorong])).toEqual([
      ['TW III', 'DKUKM', OFFICE.name, 'Dukungan pimpinan dan koordinasi'],
      ['TW IV', '2.17.08', 'Line 2.17.08', 'DID turun November'],
    ]);
    expect(table(all.tables, 'Faktor').rows[0].cells.recorded).toBe('perencana, 06-10-2022 10:00 WIB');
    const atTw3 = table(evaluationDocument(report({ validAt: '2022-09-30' }, notes)).tables, 'Faktor');
    expect(atTw3.rows.map((r) => r.cells.quarter)).toEqual(['TW III']);
    expect(table(doc.tables, 'Faktor').rows[0].cells.name).toContain('Belum ada faktor');
  });

  it('keeps the machine CSV free of column numbers, with one row per line and indicator', () => {
    expect(doc.csv.rows.map((r) => r.cells.code)).toEqual(['2.17.08', '2.17.08.1.01', SUB]);
    expect(doc.csv.columns.map((c) => c.key)).toContain('renstra_target_rp');
    expect(doc.csv.columns.map((c) => c.key)).not.toContain('no');
  });
});
