import { phaseName } from '../render/cells';
import type { CellKind, ReportDocument, ReportTable, TableColumn, TableRow } from '../render/report-table';
import { periodText } from '../shared/indonesian-text';
import type { ConsistencyReport, ConsistencyRow } from './consistency.report';

const STATUS_LABEL = { OK: 'sesuai', MISMATCH: 'TIDAK SESUAI', NOT_COMPUTABLE: 'tidak dapat dihitung' } as const;

const MEASURE_NAMES: Record<string, string> = { PAGU: 'Pagu', REALISASI: 'Realisasi', SERAPAN: 'Serapan (%)', TARGET: 'Target' };

/** Pagu and realisation are Rupiah, serapan a percentage, a target a plain value: each shown as such. */
const MEASURE_KINDS: Record<string, CellKind> = { PAGU: 'amount', REALISASI: 'amount', SERAPAN: 'percent', TARGET: 'value' };

const figureKinds = (measure: string): Record<string, CellKind> => {
  const kind = MEASURE_KINDS[measure] ?? 'value';
  return { stated: kind, computed: kind, difference: kind, value: kind };
};

const OFFICE = '(perangkat daerah)';

const COLUMNS: TableColumn[] = [
  { key: 'code', header: 'Kode', kind: 'text', width: 11 },
  { key: 'label', header: 'Uraian', kind: 'text', width: 22 },
  { key: 'measure', header: 'Besaran', kind: 'text', width: 8 },
  { key: 'phase', header: 'Tahapan', kind: 'text', width: 7 },
  { key: 'period', header: 'Periode', kind: 'text', width: 7 },
  { key: 'indicator', header: 'Indikator', kind: 'text', width: 10 },
  { key: 'source', header: 'Sumber', kind: 'text', width: 9 },
  { key: 'stated', header: 'Dinyatakan', kind: 'value', width: 13 },
  { key: 'computed', header: 'Dihitung ledger', kind: 'value', width: 13 },
  { key: 'difference', header: 'Selisih', kind: 'value', width: 11 },
  { key: 'status', header: 'Status', kind: 'text', width: 7 },
  { key: 'explanation', header: 'Cara menghitung', kind: 'text', width: 44 },
];

/** Machine keys (the plain CSV's header) with Indonesian headings; raw values as the JSON has them. */
const MACHINE_COLUMNS: Array<[key: keyof ConsistencyRow, header: string]> = [
  ['code', 'Kode'],
  ['name', 'Nama di Ledger'],
  ['label', 'Uraian di Dokumen'],
  ['measure', 'Besaran'],
  ['phase', 'Tahapan'],
  ['period', 'Periode'],
  ['indicator', 'Indikator'],
  ['source', 'Sumber'],
  ['note', 'Catatan'],
  ['stated', 'Dinyatakan'],
  ['computed', 'Dihitung Ledger'],
  ['difference', 'Selisih'],
  ['status', 'Status'],
  ['explanation', 'Cara Menghitung'],
  ['eventId', 'ID Peristiwa'],
];

const machineKey = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

function machineTable(rows: ConsistencyRow[]): ReportTable {
  return {
    sheet: 'consistency',
    title: 'consistency',
    columns: MACHINE_COLUMNS.map(([key, header]) => ({ key: machineKey(key), header, kind: 'text' })),
    rows: rows.map((r) => ({ cells: Object.fromEntries(MACHINE_COLUMNS.map(([key]) => [machineKey(key), r[key]])) })),
  };
}

/** The consistency report as tables: statements against the ledger, then statements that contradict each other. */
export function consistencyDocument(report: ConsistencyReport): ReportDocument {
  const statements: ReportTable = {
    sheet: 'Konsistensi',
    title: 'Angka yang dinyatakan dokumen dibandingkan dengan angka ledger',
    columns: COLUMNS,
    rows: report.rows.map((r): TableRow => ({
      cells: {
        code: r.code ?? OFFICE,
        label: r.label,
        measure: MEASURE_NAMES[r.measure] ?? r.measure,
        phase: phaseName(r.phase),
        period: r.period === null ? 'setahun' : periodText(r.period),
        indicator: r.indicator,
        source: r.source,
        stated: r.stated,
        computed: r.computed,
        difference: r.difference,
        status: STATUS_LABEL[r.status],
        explanation: r.explanation,
      },
      kinds: figureKinds(r.measure),
    })),
  };
  const conflicts: ReportTable = {
    sheet: 'Saling bertentangan',
    title: 'Angka yang dinyatakan berbeda-beda untuk hal yang sama',
    columns: [
      { key: 'code', header: 'Kode', kind: 'text', width: 12 },
      { key: 'measure', header: 'Besaran', kind: 'text', width: 9 },
      { key: 'phase', header: 'Tahapan', kind: 'text', width: 9 },
      { key: 'period', header: 'Periode', kind: 'text', width: 8 },
      { key: 'value', header: 'Nilai', kind: 'value', width: 14 },
      { key: 'source', header: 'Sumber', kind: 'text', width: 12 },
      { key: 'label', header: 'Uraian', kind: 'text', width: 24 },
    ],
    rows: report.conflicts.flatMap((c) =>
      c.statements.map((s): TableRow => ({
        cells: {
          code: c.code ?? OFFICE,
          measure: MEASURE_NAMES[c.measure] ?? c.measure,
          phase: phaseName(c.phase),
          period: c.period === null ? 'setahun' : periodText(c.period),
          value: s.value,
          source: s.source,
          label: s.label,
        },
        kinds: figureKinds(c.measure),
      })),
    ),
  };
  const s = report.summary;
  return {
    fileStem: `consistency-${report.office.code}-${report.year}`,
    title: 'Laporan Konsistensi Angka: dokumen dibandingkan dengan ledger',
    subtitle: [
      `Perangkat Daerah: ${report.office.code} — ${report.office.name}`,
      `Tahun Anggaran: ${report.year}`,
      `${s.statements} angka dinyatakan: ${s.ok} ${STATUS_LABEL.OK}, ${s.mismatches} ${STATUS_LABEL.MISMATCH}, ${s.notComputable} ${STATUS_LABEL.NOT_COMPUTABLE}; ${s.conflicts} hal dinyatakan berbeda-beda`,
    ],
    tables: [statements, conflicts],
    csv: machineTable(report.rows),
    pdf: [statements, conflicts],
  };
}
