import { Money } from '@renja/domain';
import { phaseName } from '../render/cells';
import { LEVEL_NAMES, type ReportDocument, type ReportTable, type TableColumn, type TableRow } from '../render/report-table';
import { checkStatus, dayMonthYear, legalBasisLine, officeYearHeading, rupiahText } from '../shared/indonesian-text';
import { eventName } from '../shared/ledger-words';
import { reconciliationPaper } from './reconciliation.paper';
import type { ReconciliationLine, ReconciliationReport, ReconciliationTotal } from './reconciliation.report';

const PRESENCE_NAMES: Record<ReconciliationLine['presence'], string> = {
  both: 'keduanya',
  only_from: 'hanya {from}',
  only_to: 'hanya {to}',
};

/** Every funding source that moved anywhere in the report: one delta column each. */
const sourcesOf = (r: ReconciliationReport): string[] =>
  [...new Set([...r.lines, r.officeTotal].flatMap((x) => Object.keys(x.deltaBySource)))].sort();

/** Machine keys stay English (the plain CSV's header); every heading a person reads is Indonesian. */
export function amountColumns(r: ReconciliationReport, human: boolean): TableColumn[] {
  const from = phaseName(r.fromPhase)!;
  const to = phaseName(r.toPhase)!;
  return [
    { key: 'from_amount', header: `Pagu ${from}`, kind: 'amount', width: 17 },
    { key: 'to_amount', header: `Pagu ${to}`, kind: 'amount', width: 17 },
    { key: 'delta', header: 'Selisih', kind: 'amount', width: 17 },
    { key: 'delta_percent', header: 'Selisih (%)', kind: 'percent', width: 8 },
    ...sourcesOf(r).map((s): TableColumn => ({
      key: `delta_${s}`,
      header: `Selisih ${s}`,
      group: human ? 'Selisih per Sumber Dana' : undefined,
      kind: 'amount',
      width: 15,
    })),
  ];
}

const amountCells = (r: ReconciliationReport, x: ReconciliationLine | ReconciliationTotal) => ({
  from_amount: x.fromAmount,
  to_amount: x.toAmount,
  delta: x.delta,
  delta_percent: x.deltaPercent,
  ...Object.fromEntries(sourcesOf(r).map((s) => [`delta_${s}`, x.deltaBySource[s] ?? '0.00'])),
});

const presence = (r: ReconciliationReport, l: ReconciliationLine) =>
  PRESENCE_NAMES[l.presence].replace('{from}', phaseName(r.fromPhase)!).replace('{to}', phaseName(r.toPhase)!);

function levelTable(r: ReconciliationReport, sheet: string, totals: ReconciliationTotal[]): ReportTable {
  return {
    sheet,
    title: `Rekonsiliasi ${phaseName(r.fromPhase)} – ${phaseName(r.toPhase)} per ${sheet}`,
    columns: [
      { key: 'code', header: 'Kode', kind: 'text', width: 13 },
      { key: 'name', header: 'Uraian', kind: 'text', width: 40 },
      ...amountColumns(r, true),
    ],
    rows: [
      ...totals.map((t) => ({ cells: { code: t.code, name: t.name, ...amountCells(r, t) } })),
      { total: true, cells: { code: r.office.code, name: 'Total Perangkat Daerah', ...amountCells(r, r.officeTotal) } },
    ],
  };
}

function linesTable(r: ReconciliationReport): ReportTable {
  return {
    sheet: 'Rincian',
    title: `Rekonsiliasi ${phaseName(r.fromPhase)} – ${phaseName(r.toPhase)} per baris anggaran`,
    columns: [
      { key: 'code', header: 'Kode', kind: 'text', width: 13 },
      { key: 'level', header: 'Tingkat', kind: 'text', width: 9 },
      { key: 'name', header: 'Uraian', kind: 'text', width: 36 },
      { key: 'presence', header: 'Ada di Tahapan', kind: 'text', width: 9 },
      ...amountColumns(r, true),
      { key: 'explained', header: 'Dijelaskan Peristiwa', kind: 'text', width: 9 },
    ],
    rows: [
      ...r.lines.map((l) => ({
        cells: {
          code: l.code,
          level: LEVEL_NAMES[l.level],
          name: l.name,
          presence: presence(r, l),
          ...amountCells(r, l),
          explained: l.explained ? 'ya' : 'TIDAK',
        },
      })),
      {
        total: true,
        cells: {
          code: r.office.code,
          level: LEVEL_NAMES.office,
          name: 'Total Perangkat Daerah',
          presence: null,
          ...amountCells(r, r.officeTotal),
          explained: checkStatus(r.tieOut.explained.status),
        },
      },
    ],
  };
}

function eventsTable(r: ReconciliationReport): ReportTable {
  return {
    sheet: 'Penjelasan',
    title: 'Peristiwa yang menjelaskan setiap selisih',
    columns: [
      { key: 'code', header: 'Kode', kind: 'text', width: 13 },
      { key: 'phase', header: 'Tahapan', kind: 'text', width: 9 },
      { key: 'funding_source', header: 'Sumber Dana', kind: 'text', width: 8 },
      { key: 'delta', header: 'Perubahan', kind: 'amount', width: 17 },
      { key: 'effective_date', header: 'Tanggal Berlaku', kind: 'text', width: 10 },
      { key: 'legal_basis', header: 'Dasar Hukum', kind: 'text', width: 26 },
      { key: 'reason', header: 'Alasan', kind: 'text', width: 26 },
      { key: 'event_type', header: 'Jenis Peristiwa', kind: 'text', width: 12 },
      { key: 'corrects', header: 'Koreksi atas', kind: 'text', width: 20 },
      { key: 'event_id', header: 'ID Peristiwa', kind: 'text', width: 30 },
    ],
    rows: r.lines.flatMap((l) =>
      l.events.map((e) => ({
        cells: {
          code: l.code,
          phase: phaseName(e.phase),
          funding_source: e.fundingSource,
          delta: e.delta,
          effective_date: dayMonthYear(e.effectiveDate),
          legal_basis: legalBasisLine(e.legalBasis),
          reason: e.reason,
          event_type: eventName(e.eventType),
          corrects: e.corrects,
          event_id: e.eventId,
        },
      })),
    ),
  };
}

function tieOutTable(r: ReconciliationReport): ReportTable {
  const row = (t: { description: string; expected: string; actual: string; status: string }): TableRow => ({
    cells: { check: t.description, expected: t.expected, actual: t.actual, status: checkStatus(t.status) },
  });
  return {
    sheet: 'Pembuktian',
    title: 'Pembuktian: selisih baris = selisih total, dan setiap selisih dijelaskan peristiwa',
    columns: [
      { key: 'check', header: 'Pemeriksaan', kind: 'text', width: 50 },
      { key: 'expected', header: 'Seharusnya', kind: 'amount', width: 18 },
      { key: 'actual', header: 'Hasil', kind: 'amount', width: 18 },
      { key: 'status', header: 'Status', kind: 'text', width: 10 },
    ],
    rows: [row(r.tieOut.deltas), row(r.tieOut.explained)],
  };
}

const MACHINE_TEXT_COLUMNS: Array<[key: string, header: string]> = [
  ['row_type', 'Jenis Baris'],
  ['code', 'Kode'],
  ['level', 'Tingkat'],
  ['name', 'Uraian'],
  ['presence', 'Ada di Tahapan'],
];

/** The CSV: lines and every level of totals in one table, with raw values and a row_type column. */
function machineTable(r: ReconciliationReport): ReportTable {
  const total = (rowType: string, t: ReconciliationTotal): TableRow => ({
    cells: {
      row_type: rowType,
      code: t.code,
      level: t.level,
      name: t.name,
      presence: null,
      ...amountCells(r, t),
      explained: null,
      event_ids: null,
    },
  });
  return {
    sheet: 'reconciliation',
    title: 'reconciliation',
    columns: [
      ...MACHINE_TEXT_COLUMNS.map(([key, header]): TableColumn => ({ key, header, kind: 'text' })),
      ...amountColumns(r, false),
      { key: 'explained', header: 'Dijelaskan Peristiwa', kind: 'text' },
      { key: 'event_ids', header: 'ID Peristiwa', kind: 'text' },
    ],
    rows: [
      ...r.lines.map((l) => ({
        cells: {
          row_type: 'line',
          code: l.code,
          level: l.level,
          name: l.name,
          presence: l.presence,
          ...amountCells(r, l),
          explained: String(l.explained),
          event_ids: l.events.map((e) => e.eventId).join(' '),
        },
      })),
      ...r.kegiatan.map((t) => total('kegiatan', t)),
      ...r.programs.map((t) => total('program', t)),
      total('office', { ...r.officeTotal, code: r.office.code }),
    ],
  };
}

/** "Pembuktian: jumlah selisih baris Rp 7.394.109.271,00 = selisih perangkat daerah Rp 7.394.109.271,00 (sesuai); …". */
export function reconciliationTieOutText(r: ReconciliationReport): string {
  const { deltas, explained, unexplainedLines } = r.tieOut;
  const unexplained = unexplainedLines.length ? `; belum dijelaskan: ${unexplainedLines.join(', ')}` : '';
  return (
    `Pembuktian: jumlah selisih baris ${rupiahText(deltas.actual)} = selisih perangkat daerah ${rupiahText(deltas.expected)} ` +
    `(${checkStatus(deltas.status)}); setiap selisih dijelaskan peristiwa tercatat (${checkStatus(explained.status)})${unexplained}`
  );
}

const hasAmount = (t: ReconciliationTotal) => !(new Money(t.fromAmount).isZero() && new Money(t.toAmount).isZero());

export function reconciliationDocument(r: ReconciliationReport): ReportDocument {
  const lines = linesTable(r);
  return {
    fileStem: `reconciliation-${r.office.code}-${r.year}-${r.fromPhase}-${r.toPhase}`,
    title: `Rekonsiliasi Pagu ${phaseName(r.fromPhase)} dan ${phaseName(r.toPhase)}`,
    subtitle: [...officeYearHeading(r), reconciliationTieOutText(r)],
    tables: [
      lines,
      levelTable(r, 'Kegiatan', r.kegiatan),
      levelTable(r, 'Program', r.programs),
      levelTable(r, 'Perangkat Daerah', []),
      eventsTable(r),
      tieOutTable(r),
    ],
    csv: machineTable(r),
    // On paper, programs with no amount in either phase are left out of the summary (the XLSX lists every program).
    pdf: [...reconciliationPaper(r, levelTable(r, 'Program', r.programs.filter(hasAmount))), tieOutTable(r)],
  };
}
