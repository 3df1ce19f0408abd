import type { ReportTable, TableColumn, TableRow } from '../render/report-table';
import type { AbsorptionReport, AbsorptionRow } from './absorption.report';

/** A row of a per-line table; `subtotal` marks a program or kegiatan showing its rolled-up figures (bold). */
export type LevelRow = AbsorptionRow & { subtotal?: boolean };

/**
 * The report's lines in order, with every program and kegiatan carrying its rolled-up figures (itself and
 * everything under it) instead of its own: a program's own pagu and realisation are usually nothing, and a
 * reader must not see Pagu 0,00 where the program holds billions.
 */
export function withRolledUpTotals(r: AbsorptionReport): LevelRow[] {
  const rolled = new Map([...r.programs, ...r.kegiatan].map((t) => [t.code, t]));
  return r.lines.map((l) => {
    const total = l.level === 'program' || l.level === 'kegiatan' ? rolled.get(l.code) : undefined;
    return total ? { ...total, subtotal: true } : l;
  });
}

const QUARTERS = ['TW I', 'TW II', 'TW III', 'TW IV'];

const LINE_COLUMNS: TableColumn[] = [
  { key: 'code', header: 'Kode', kind: 'text', width: 12 },
  { key: 'name', header: 'Uraian', kind: 'text', width: 30 },
  { key: 'original_pagu', header: 'Pagu APBD', kind: 'amount', width: 13 },
  { key: 'current_pagu', header: 'Pagu Kini', kind: 'amount', width: 13 },
  ...QUARTERS.map((q, i): TableColumn => ({
    key: `quarter_${i + 1}`,
    header: q,
    group: 'Realisasi per Triwulan',
    kind: 'amount',
    width: 12,
  })),
  { key: 'realised', header: 'Jumlah Realisasi', kind: 'amount', width: 13 },
  { key: 'absorption_current', header: 'Serapan thd Pagu Kini (%)', kind: 'percent', width: 7 },
  { key: 'absorption_original', header: 'Serapan thd APBD (%)', kind: 'percent', width: 7 },
  { key: 'late_additions', header: 'Tambahan TW IV', kind: 'amount', width: 12 },
  { key: 'absorption_without_late', header: 'Serapan tanpa Tambahan TW IV (%)', kind: 'percent', width: 8 },
];

const lineCells = (x: AbsorptionRow) => ({
  code: x.code,
  name: x.name,
  original_pagu: x.originalPagu,
  current_pagu: x.currentPagu,
  ...Object.fromEntries(x.byQuarter.map((v, i) => [`quarter_${i + 1}`, v])),
  realised: x.realised,
  absorption_current: x.absorption.current,
  absorption_original: x.absorption.original,
  late_additions: x.lateAdditions,
  absorption_without_late: x.absorptionWithoutLateAdditions,
});

/**
 * Cumulative figures at the end of each quarter, for people: "—" until a quarter with realisation recorded (a
 * line that records its year in TW IV has no TW I figure, not a TW I of 0,00); the JSON keeps its running sums.
 */
export function cumulativeShown(x: AbsorptionRow): { amounts: Array<string | null>; percents: Array<string | null> } {
  const recorded = x.byQuarter.map((_, i) => x.byQuarter.slice(0, i + 1).some((v) => v !== null));
  return {
    amounts: x.cumulativeByQuarter.map((v, i) => (recorded[i] ? v : null)),
    percents: x.absorptionByQuarter.current.map((v, i) => (recorded[i] ? v : null)),
  };
}

/** Cumulative realisation and serapan at the end of each quarter, per program: how the year went. */
function programsByQuarter(r: AbsorptionReport): ReportTable {
  const columns: TableColumn[] = [
    { key: 'code', header: 'Kode', kind: 'text', width: 10 },
    { key: 'name', header: 'Program', kind: 'text', width: 30 },
    { key: 'current_pagu', header: 'Pagu Kini', kind: 'amount', width: 14 },
    ...QUARTERS.flatMap((q, i): TableColumn[] => [
      { key: `cumulative_${i + 1}`, header: 'Rp', group: `s.d. ${q}`, kind: 'amount', width: 13 },
      { key: `absorption_${i + 1}`, header: '%', group: `s.d. ${q}`, kind: 'percent', width: 6 },
    ]),
  ];
  const row = (x: AbsorptionRow, total = false): TableRow => {
    const shown = cumulativeShown(x);
    return {
      total,
      cells: {
        code: x.code,
        name: x.name,
        current_pagu: x.currentPagu,
        ...Object.fromEntries(shown.amounts.map((v, i) => [`cumulative_${i + 1}`, v])),
        ...Object.fromEntries(shown.percents.map((v, i) => [`absorption_${i + 1}`, v])),
      },
    };
  };
  return {
    sheet: 'Per Triwulan',
    title: 'Realisasi dan serapan kumulatif per triwulan, per program (thd pagu kini)',
    columns,
    rows: [...r.programs.map((p) => row(p)), row({ ...r.officeTotal, code: r.office.code, name: 'Total Perangkat Daerah' }, true)],
  };
}

/**
 * What the absorption paper holds: every line by quarter (programs and kegiatan as subtotals), the year by
 * quarter per program when realisation was recorded in more than one quarter (with one, the lines' table already
 * says it all), the late additions.
 */
export function absorptionPaper(r: AbsorptionReport, lateAdditions: ReportTable): ReportTable[] {
  const lines: ReportTable = {
    sheet: 'Rincian',
    title: 'Serapan anggaran per program, kegiatan dan sub kegiatan (program dan kegiatan: jumlah baris di bawahnya)',
    columns: LINE_COLUMNS,
    rows: [
      ...withRolledUpTotals(r).map((x) => ({ total: x.subtotal, cells: lineCells(x) })),
      { total: true, cells: lineCells({ ...r.officeTotal, code: r.office.code, name: 'Total Perangkat Daerah' }) },
    ],
  };
  const quartersRecorded = r.officeTotal.byQuarter.filter((v) => v !== null).length;
  return quartersRecorded > 1 ? [lines, programsByQuarter(r), lateAdditions] : [lines, lateAdditions];
}
