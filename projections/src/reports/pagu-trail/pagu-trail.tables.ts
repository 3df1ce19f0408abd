import { legalBasisText, phaseName } from '../render/cells';
import { subtitleOf, type ReportDocument, type ReportTable, type TableColumn } from '../render/report-table';
import type { PaguStep } from './pagu-steps';
import type { PaguTrailReport } from './pagu-trail.report';

const KIND_NAMES: Record<string, string> = {
  phase_start: 'awal tahapan (dibawa dari tahapan sebelumnya)',
  pagu_set: 'penetapan pagu',
  pagu_add: 'penambahan/pengurangan',
  shift_in: 'pergeseran masuk',
  shift_out: 'pergeseran keluar',
};

const STATUS_NAMES: Record<PaguStep['status'], string> = { in_force: 'berlaku', reversed: 'dibatalkan', replaced: 'diganti' };

const stepColumns: TableColumn[] = [
  { key: 'code', header: 'Kode', kind: 'text', width: 14 },
  { key: 'step', header: 'Langkah', kind: 'integer', width: 6 },
  { key: 'phase', header: 'Tahapan', kind: 'text', width: 10 },
  { key: 'kind', header: 'Jenis', kind: 'text', width: 18 },
  { key: 'funding_source', header: 'Sumber Dana', kind: 'text', width: 8 },
  { key: 'amount_before', header: 'Pagu Sebelum', kind: 'amount', width: 18 },
  { key: 'delta', header: 'Perubahan', kind: 'amount', width: 18 },
  { key: 'amount_after', header: 'Pagu Sesudah', kind: 'amount', width: 18 },
  { key: 'legal_basis', header: 'Dasar Hukum', kind: 'text', width: 24 },
  { key: 'reason', header: 'Alasan', kind: 'text', width: 24 },
  { key: 'actor', header: 'Pelaku', kind: 'text', width: 12 },
  { key: 'effective_date', header: 'Tanggal Berlaku', kind: 'text', width: 11 },
  { key: 'recorded_at', header: 'Waktu Pencatatan', kind: 'text', width: 22 },
  { key: 'status', header: 'Status', kind: 'text', width: 9 },
  { key: 'correction', header: 'Koreksi', kind: 'text', width: 24 },
  { key: 'event_id', header: 'ID Peristiwa', kind: 'text', width: 30 },
];

function correctionText(s: PaguStep): string | null {
  if (s.corrects) return `mengganti ${s.corrects.eventId} (replacement)`;
  if (s.correctedBy)
    return `${s.correctedBy.kind === 'reversal' ? 'dibatalkan' : 'diganti'} oleh ${s.correctedBy.eventId} (${s.correctedBy.kind})`;
  return null;
}

const stepRow = (code: string, s: PaguStep) => ({
  cells: {
    code,
    step: String(s.step),
    phase: s.kind === 'phase_start' ? `${phaseName(s.phase)} (dari ${phaseName(s.carriedFrom)})` : phaseName(s.phase),
    kind: KIND_NAMES[s.kind] + (s.counterpartCode ? ` ${s.kind === 'shift_in' ? 'dari' : 'ke'} ${s.counterpartCode}` : ''),
    funding_source: s.fundingSource,
    amount_before: s.amountBefore,
    delta: s.delta,
    amount_after: s.amountAfter,
    legal_basis: legalBasisText(s.legalBasis),
    reason: s.reason,
    actor: s.actor,
    effective_date: s.effectiveDate,
    recorded_at: s.recordedAt,
    status: STATUS_NAMES[s.status],
    correction: correctionText(s),
    event_id: s.eventId,
  },
});

function tieOutTable(report: PaguTrailReport): ReportTable {
  return {
    sheet: 'Tie-out',
    title: 'Jumlah perubahan = pagu kini',
    columns: [
      { key: 'code', header: 'Kode', kind: 'text', width: 14 },
      { key: 'name', header: 'Uraian', kind: 'text', width: 40 },
      { key: 'current_phase', header: 'Tahapan Kini', kind: 'text', width: 10 },
      { key: 'current_pagu', header: 'Pagu Kini', kind: 'amount', width: 18 },
      { key: 'sum_of_deltas', header: 'Jumlah Perubahan', kind: 'amount', width: 18 },
      { key: 'status', header: 'Status', kind: 'text', width: 9 },
    ],
    rows: [
      ...report.lines.map((l) => ({
        cells: {
          code: l.code,
          name: l.name,
          current_phase: phaseName(l.currentPhase),
          current_pagu: l.tieOut.expected,
          sum_of_deltas: l.tieOut.actual,
          status: l.tieOut.status,
        },
      })),
      {
        total: true,
        cells: {
          code: report.scope.code ?? report.office.code,
          name: `Total ${report.scope.name}`,
          current_phase: null,
          current_pagu: report.tieOut.expected,
          sum_of_deltas: report.tieOut.actual,
          status: report.tieOut.status,
        },
      },
    ],
  };
}

const CSV_KEYS = [
  'code',
  'step',
  'phase',
  'kind',
  'carried_from',
  'funding_source',
  'amount_before',
  'delta',
  'amount_after',
  'source_before',
  'source_after',
  'stated_amount',
  'counterpart_code',
  'legal_basis_kind',
  'legal_basis_number',
  'legal_basis_date',
  'reason',
  'actor',
  'effective_date',
  'recorded_at',
  'status',
  'corrects_event_id',
  'corrected_by_event_id',
  'correction_kind',
  'event_id',
  'event_type',
];
const AMOUNT_KEYS = new Set(['amount_before', 'delta', 'amount_after', 'source_before', 'source_after', 'stated_amount']);

/** The CSV: raw values (phase and kind as the API names them), one row per step. */
function machineSteps(report: PaguTrailReport): ReportTable {
  return {
    sheet: 'steps',
    title: 'pagu trail',
    columns: CSV_KEYS.map((key) => ({ key, header: key, kind: AMOUNT_KEYS.has(key) ? 'amount' : 'text' })),
    rows: report.lines.flatMap((l) =>
      l.steps.map((s) => ({
        cells: {
          code: l.code,
          step: String(s.step),
          phase: s.phase,
          kind: s.kind,
          carried_from: s.carriedFrom,
          funding_source: s.fundingSource,
          amount_before: s.amountBefore,
          delta: s.delta,
          amount_after: s.amountAfter,
          source_before: s.sourceBefore,
          source_after: s.sourceAfter,
          stated_amount: s.statedAmount,
          counterpart_code: s.counterpartCode,
          legal_basis_kind: s.legalBasis?.kind ?? null,
          legal_basis_number: s.legalBasis?.number ?? null,
          legal_basis_date: s.legalBasis?.date ?? null,
          reason: s.reason,
          actor: s.actor,
          effective_date: s.effectiveDate,
          recorded_at: s.recordedAt,
          status: s.status,
          corrects_event_id: s.corrects?.eventId ?? null,
          corrected_by_event_id: s.correctedBy?.eventId ?? null,
          correction_kind: s.correctedBy?.kind ?? s.corrects?.kind ?? null,
          event_id: s.eventId,
          event_type: s.eventType,
        },
      })),
    ),
  };
}

export function paguTrailDocument(report: PaguTrailReport): ReportDocument {
  const steps: ReportTable = {
    sheet: 'Langkah',
    title: `Riwayat Pagu: ${report.scope.code ?? report.office.code} ${report.scope.name}`,
    columns: stepColumns,
    rows: report.lines.flatMap((l) => l.steps.map((s) => stepRow(l.code, s))),
  };
  return {
    fileStem: `pagu-trail-${report.office.code}-${report.year}${report.scope.code ? `-${report.scope.code}` : ''}`,
    title: 'Riwayat Pagu — mengapa pagu ini sebesar ini',
    subtitle: [
      ...subtitleOf(report),
      `Tie-out: jumlah perubahan ${report.tieOut.actual} = pagu kini ${report.tieOut.expected}: ${report.tieOut.status}`,
    ],
    tables: [steps, tieOutTable(report)],
    csv: machineSteps(report),
  };
}
