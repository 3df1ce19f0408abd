import { phaseName } from '../render/cells';
import { LEVEL_NAMES, type ReportDocument, type ReportTable, type TableColumn, type TableRow } from '../render/report-table';
import { dateInWords, dayMonthYear, legalBasisLine, officeYearHeading, percentText } from '../shared/indonesian-text';
import { absorptionPaper, cumulativeShown, withRolledUpTotals, type LevelRow } from './absorption.paper';
import type { AbsorptionReport, AbsorptionRow } from './absorption.report';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'Mei', 'Jun', 'Jul', 'Agu', 'Sep', 'Okt', 'Nov', 'Des'];
const QUARTERS = ['TW I', 'TW II', 'TW III', 'TW IV'];

/** Columns shared by every level; keys are machine names (the plain CSV), headings Indonesian; `human` adds groups and widths. */
function figureColumns(human: boolean): TableColumn[] {
  const col = (key: string, header: string, kind: TableColumn['kind'], group?: string, width = 16): TableColumn =>
    human ? { key, header, kind, group, width } : { key, header: group ? `${group}: ${header}` : header, kind };
  return [
    col('current_pagu', 'Pagu Kini', 'amount'),
    col('original_pagu', 'Pagu APBD', 'amount'),
    ...MONTHS.map((m, i) => col(`month_${i + 1}`, m, 'amount', 'Realisasi per Bulan')),
    ...QUARTERS.map((q, i) => col(`quarter_${i + 1}`, q, 'amount', 'Realisasi per Triwulan')),
    ...QUARTERS.map((q, i) => col(`cumulative_quarter_${i + 1}`, `s.d. ${q}`, 'amount', 'Realisasi Kumulatif')),
    ...QUARTERS.map((q, i) => col(`absorption_quarter_${i + 1}`, `s.d. ${q}`, 'percent', 'Serapan Kumulatif thd Pagu Kini (%)', 8)),
    col('realised', 'Realisasi', 'amount'),
    col('absorption_current', 'Serapan thd Pagu Kini (%)', 'percent', undefined, 9),
    col('absorption_original', 'Serapan thd APBD (%)', 'percent', undefined, 9),
    col('late_additions', 'Tambahan TW IV', 'amount'),
    col('absorption_without_late', 'Serapan tanpa Tambahan TW IV (%)', 'percent', undefined, 9),
  ];
}

/** A row's figures; for people (`human`) a cumulative figure before any recorded quarter is "—", for machines the running sum. */
export const figureCells = (x: AbsorptionRow, human = false) => {
  const shown = human ? cumulativeShown(x) : { amounts: x.cumulativeByQuarter, percents: x.absorptionByQuarter.current };
  return {
    current_pagu: x.currentPagu,
    original_pagu: x.originalPagu,
    ...Object.fromEntries(x.byMonth.map((v, i) => [`month_${i + 1}`, v])),
    ...Object.fromEntries(x.byQuarter.map((v, i) => [`quarter_${i + 1}`, v])),
    ...Object.fromEntries(shown.amounts.map((v, i) => [`cumulative_quarter_${i + 1}`, v])),
    ...Object.fromEntries(shown.percents.map((v, i) => [`absorption_quarter_${i + 1}`, v])),
    realised: x.realised,
    absorption_current: x.absorption.current,
    absorption_original: x.absorption.original,
    late_additions: x.lateAdditions,
    absorption_without_late: x.absorptionWithoutLateAdditions,
  };
};

function levelTable(r: AbsorptionReport, sheet: string, rows: LevelRow[]): ReportTable {
  return {
    sheet,
    title: `Serapan Anggaran per ${sheet}`,
    columns: [
      { key: 'code', header: 'Kode', kind: 'text', width: 13 },
      { key: 'name', header: 'Uraian', kind: 'text', width: 36 },
      ...figureColumns(true),
    ],
    rows: [
      ...rows.map((x) => ({ total: x.subtotal, cells: { code: x.code, name: x.name, ...figureCells(x, true) } })),
      { total: true, cells: { code: r.office.code, name: 'Total Perangkat Daerah', ...figureCells(r.officeTotal, true) } },
    ],
  };
}

function lateTable(r: AbsorptionReport): ReportTable {
  return {
    sheet: 'Tambahan TW IV',
    title: `Tambahan pagu yang berlaku sejak ${dateInWords(r.lastQuarterStarts)} (triwulan IV): pagu yang datang terlambat untuk diserap`,
    columns: [
      { key: 'code', header: 'Kode', kind: 'text', width: 13 },
      { key: 'name', header: 'Uraian', kind: 'text', width: 30 },
      { key: 'phase', header: 'Tahapan', kind: 'text', width: 9 },
      { key: 'funding_source', header: 'Sumber Dana', kind: 'text', width: 8 },
      { key: 'amount', header: 'Tambahan', kind: 'amount', width: 17 },
      { key: 'effective_date', header: 'Tanggal Berlaku', kind: 'text', width: 10 },
      { key: 'legal_basis', header: 'Dasar Hukum', kind: 'text', width: 26 },
      { key: 'line_current_pagu', header: 'Pagu Kini Baris', kind: 'amount', width: 17 },
      { key: 'line_realised', header: 'Realisasi Baris', kind: 'amount', width: 17 },
      { key: 'line_absorption', header: 'Serapan Baris (%)', kind: 'percent', width: 9 },
      { key: 'event_id', header: 'ID Peristiwa', kind: 'text', width: 30 },
    ],
    rows: r.lateAdditions.map((a) => ({
      cells: {
        code: a.code,
        name: a.name,
        phase: phaseName(a.phase),
        funding_source: a.fundingSource,
        amount: a.amount,
        effective_date: dayMonthYear(a.effectiveDate),
        legal_basis: legalBasisLine(a.legalBasis),
        line_current_pagu: a.lineCurrentPagu,
        line_realised: a.lineRealised,
        line_absorption: a.lineAbsorption.current,
        event_id: a.eventId,
      },
    })),
  };
}

const MACHINE_TEXT_COLUMNS: Array<[key: string, header: string]> = [
  ['row_type', 'Jenis Baris'],
  ['code', 'Kode'],
  ['level', 'Tingkat'],
  ['name', 'Uraian'],
  ['monthly_complete', 'Realisasi Bulanan Lengkap'],
];

function machineTable(r: AbsorptionReport): ReportTable {
  const row = (rowType: string, x: AbsorptionRow): TableRow => ({
    cells: {
      row_type: rowType,
      code: x.code ?? r.office.code,
      level: x.level,
      name: x.name,
      monthly_complete: String(x.monthlyComplete),
      ...figureCells(x),
    },
  });
  return {
    sheet: 'absorption',
    title: 'absorption',
    columns: [...MACHINE_TEXT_COLUMNS.map(([key, header]): TableColumn => ({ key, header, kind: 'text' })), ...figureColumns(false)],
    rows: [
      ...r.lines.map((x) => row('line', x)),
      ...r.kegiatan.map((x) => row('kegiatan', x)),
      ...r.programs.map((x) => row('program', x)),
      row('office', r.officeTotal),
    ],
  };
}

/** "Serapan kantor: 74,06 % thd pagu kini (Rp …), 112,32 % thd APBD". */
export const absorptionSummaryText = (r: AbsorptionReport): string =>
  `Serapan kantor: ${percentText(r.officeTotal.absorption.current)} thd pagu kini, ${percentText(r.officeTotal.absorption.original)} thd APBD`;

export function absorptionDocument(r: AbsorptionReport): ReportDocument {
  return {
    fileStem: `absorption-${r.office.code}-${r.year}`,
    title: 'Serapan Anggaran (Realisasi Keuangan)',
    subtitle: [...officeYearHeading(r), absorptionSummaryText(r)],
    tables: [
      levelTable(
        r,
        'Rincian',
        withRolledUpTotals(r).map((l) => ({ ...l, name: `${l.name} (${LEVEL_NAMES[l.level]}${l.subtotal ? ', jumlah' : ''})` })),
      ),
      levelTable(r, 'Kegiatan', r.kegiatan),
      levelTable(r, 'Program', r.programs),
      levelTable(r, 'Perangkat Daerah', []),
      lateTable(r),
    ],
    csv: machineTable(r),
    pdf: absorptionPaper(r, lateTable(r)),
  };
}
