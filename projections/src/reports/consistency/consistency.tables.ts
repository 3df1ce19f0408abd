import type { ReportDocument, ReportTable, TableColumn } from '../render/report-table';
import type { ConsistencyReport } from './consistency.report';

const STATUS_LABEL = { OK: 'OK', MISMATCH: 'TIDAK SESUAI', NOT_COMPUTABLE: 'TIDAK DAPAT DIHITUNG' } as const;

const COLUMNS: TableColumn[] = [
  { key: 'code', header: 'Kode', kind: 'text', width: 12 },
  { key: 'label', header: 'Uraian', kind: 'text', width: 24 },
  { key: 'measure', header: 'Besaran', kind: 'text', width: 9 },
  { key: 'phase', header: 'Tahapan', kind: 'text', width: 9 },
  { key: 'period', header: 'Periode', kind: 'text', width: 8 },
  { key: 'indicator', header: 'Indikator', kind: 'text', width: 16 },
  { key: 'source', header: 'Sumber', kind: 'text', width: 10 },
  { key: 'stated', header: 'Dinyatakan', kind: 'value', width: 14 },
  { key: 'computed', header: 'Dihitung ledger', kind: 'value', width: 14 },
  { key: 'difference', header: 'Selisih', kind: 'value', width: 12 },
  { key: 'status', header: 'Status', kind: 'text', width: 8 },
  { key: 'explanation', header: 'Cara menghitung', kind: 'text', width: 30 },
];

/** The consistency report as tables: statements against the ledger, then statements that contradict each other. */
export function consistencyDocument(report: ConsistencyReport): ReportDocument {
  const statements: ReportTable = {
    sheet: 'Konsistensi',
    title: 'Angka yang dinyatakan dokumen dibandingkan dengan angka ledger',
    columns: COLUMNS,
    rows: report.rows.map((r) => ({
      cells: {
        code: r.code ?? '(perangkat daerah)',
        label: r.label,
        measure: r.measure,
        phase: r.phase,
        period: r.period,
        indicator: r.indicator,
        source: r.source,
        stated: r.stated,
        computed: r.computed,
        difference: r.difference,
        status: r.status,
        explanation: r.explanation,
      },
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
      c.statements.map((s) => ({
        cells: {
          code: c.code ?? '(perangkat daerah)',
          measure: c.measure,
          phase: c.phase,
          period: c.period,
          value: s.value,
          source: s.source,
          label: s.label,
        },
      })),
    ),
  };
  const s = report.summary;
  return {
    fileStem: `consistency-${report.office.code}-${report.year}`,
    title: 'Laporan Konsistensi Angka (consistency report)',
    subtitle: [
      `Perangkat Daerah: ${report.office.code} — ${report.office.name}`,
      `Tahun Anggaran: ${report.year}`,
      `${s.statements} angka dinyatakan: ${s.ok} ${STATUS_LABEL.OK}, ${s.mismatches} ${STATUS_LABEL.MISMATCH}, ${s.notComputable} ${STATUS_LABEL.NOT_COMPUTABLE}; ${s.conflicts} hal dinyatakan berbeda-beda`,
    ],
    tables: [statements, conflicts],
    csv: statements,
  };
}
