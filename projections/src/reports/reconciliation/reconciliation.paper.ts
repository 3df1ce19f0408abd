import { Money } from '@renja/domain';
import { phaseName } from '../render/cells';
import type { ReportTable, TableColumn, TableRow } from '../render/report-table';
import { dayMonthYear, legalBasisLine, rupiahText } from '../shared/indonesian-text';
import type { ExplainingEvent, ReconciliationLine, ReconciliationReport, ReconciliationTotal } from './reconciliation.report';

/** "+Rp 1.000.000.000,00": a delta with its sign, as a change is read. */
const signed = (amount: string): string => (new Money(amount).greaterThan(0) ? `+${rupiahText(amount)}` : rupiahText(amount));

/** "tambahan +Rp 5.627.000.000,00", "penetapan pagu, selisih +Rp 767.109.271,00", "pergeseran keluar -Rp 25.000.000,00". */
function change(e: ExplainingEvent): string {
  switch (e.kind) {
    case 'pagu_set':
      return `penetapan pagu, selisih ${signed(e.delta)}`;
    case 'pagu_add':
      return `${new Money(e.delta).isNegative() ? 'pengurangan' : 'tambahan'} ${signed(e.delta)}`;
    case 'shift_in':
      return `pergeseran masuk ${signed(e.delta)}`;
    case 'shift_out':
      return `pergeseran keluar ${signed(e.delta)}`;
    default:
      return `${e.kind} ${signed(e.delta)}`;
  }
}

/**
 * One event as a line of the paper: "APBD-P, sumber dana DID: tambahan +Rp 1.000.000.000,00, berlaku 08-11-2022;
 * PMK 170/PMK.07/2022 tanggal 8 November 2022; Tambahan DID …".
 */
export function eventLine(e: ExplainingEvent): string {
  const what = `${phaseName(e.phase)}, sumber dana ${e.fundingSource}: ${change(e)}, berlaku ${dayMonthYear(e.effectiveDate)}`;
  const basis = legalBasisLine(e.legalBasis) ?? 'tanpa dasar hukum';
  const parts = [what, basis, e.reason, e.corrects ? `koreksi atas peristiwa ${e.corrects}` : null];
  return parts.filter((p): p is string => p !== null && p !== '').join('; ');
}

function explanation(r: ReconciliationReport, line: ReconciliationLine): string {
  if (line.presence === 'only_from') return `tidak ada pada ${phaseName(r.toPhase)}: pagu ${phaseName(r.fromPhase)} tidak dibawa`;
  return line.events.length ? line.events.map(eventLine).join('\n') : 'tidak ada peristiwa di antara kedua tahapan';
}

const COLUMNS = (r: ReconciliationReport): TableColumn[] => [
  { key: 'code', header: 'Kode', kind: 'text', width: 12 },
  { key: 'name', header: 'Uraian', kind: 'text', width: 28 },
  { key: 'from_amount', header: `Pagu ${phaseName(r.fromPhase)}`, kind: 'amount', width: 14 },
  { key: 'to_amount', header: `Pagu ${phaseName(r.toPhase)}`, kind: 'amount', width: 14 },
  { key: 'delta', header: 'Selisih', kind: 'amount', width: 14 },
  { key: 'delta_percent', header: 'Selisih (%)', kind: 'percent', width: 6 },
  { key: 'explanation', header: 'Penjelasan: peristiwa tercatat dan dasar hukumnya', kind: 'text', width: 52 },
  { key: 'explained', header: 'Dijelaskan', kind: 'text', width: 7 },
];

const amounts = (x: ReconciliationLine | ReconciliationTotal) => ({
  from_amount: x.fromAmount,
  to_amount: x.toAmount,
  delta: x.delta,
  delta_percent: x.deltaPercent,
});

const isZeroTotal = (t: ReconciliationTotal) => new Money(t.fromAmount).isZero() && new Money(t.toAmount).isZero();

/**
 * The paper's main table, in the order of the budget: each program and kegiatan as a bold subtotal row (its
 * lines rolled up, as the CLI's Kegiatan and Program tables), then the lines under it, each with the events and
 * legal bases that explain its delta. A program or kegiatan that carries an amount of its own beside its lines
 * gets a row for that amount; one with no lines under it is a single row.
 */
export function reconciliationRows(r: ReconciliationReport): TableRow[] {
  const lines = new Map(r.lines.map((l) => [l.code, l]));
  const totals = new Map([...r.programs, ...r.kegiatan].map((t) => [t.code!, t]));
  const codes = [...new Set([...lines.keys(), ...totals.keys()])].sort();
  const hasLinesUnder = (code: string) => r.lines.some((l) => l.code.startsWith(`${code}.`));
  const lineRow = (l: ReconciliationLine, name = l.name): TableRow => ({
    cells: { code: l.code, name, ...amounts(l), explanation: explanation(r, l), explained: l.explained ? 'ya' : 'TIDAK' },
  });
  const rows: TableRow[] = [];
  for (const code of codes) {
    const total = totals.get(code);
    const own = lines.get(code);
    if (!total) {
      rows.push(lineRow(own!));
      continue;
    }
    if (!own && isZeroTotal(total)) continue;
    if (own && !hasLinesUnder(code)) {
      rows.push({ ...lineRow(own), total: true });
      continue;
    }
    rows.push({ total: true, cells: { code, name: total.name, ...amounts(total), explanation: 'jumlah baris di bawahnya' } });
    if (own) rows.push(lineRow(own, `${own.name} (pagu yang dicatat langsung pada tingkat ini)`));
  }
  rows.push({
    total: true,
    cells: {
      code: r.office.code,
      name: 'Total Perangkat Daerah',
      ...amounts(r.officeTotal),
      explanation: r.tieOut.unexplainedLines.length ? `belum dijelaskan: ${r.tieOut.unexplainedLines.join(', ')}` : null,
      explained: r.tieOut.explained.status === 'OK' ? 'ya' : 'TIDAK',
    },
  });
  return rows;
}

/** What the reconciliation paper holds before its proof: the lines with their explanations, then the programs by funding source. */
export function reconciliationPaper(r: ReconciliationReport, programs: ReportTable): ReportTable[] {
  return [
    {
      sheet: 'Rincian',
      title: `Rekonsiliasi ${phaseName(r.fromPhase)} – ${phaseName(r.toPhase)} per program, kegiatan dan sub kegiatan, dengan peristiwa yang menjelaskan setiap selisih`,
      columns: COLUMNS(r),
      rows: reconciliationRows(r),
    },
    programs,
  ];
}
