import { phaseName } from '../render/cells';
import type { ReportDocument, ReportTable, TableColumn, TableRow } from '../render/report-table';
import { checkStatus, dayMonthYear, legalBasisLine, officeYearHeading, rupiahText, wibDateTime } from '../shared/indonesian-text';
import type { PaguStep } from './pagu-steps';
import type { PaguTrailReport } from './pagu-trail.report';

const KIND_NAMES: Record<string, string> = {
  phase_start: 'awal tahapan (dibawa dari tahapan sebelumnya)',
  pagu_set: 'penetapan pagu',
  pagu_add: 'penambahan/pengurangan',
  shift_in: 'pergeseran masuk',
  shift_out: 'pergeseran keluar',
};

const LEVEL_TITLES: Record<string, string> = { program: 'Program', kegiatan: 'Kegiatan', sub_kegiatan: 'Sub Kegiatan' };

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
  if (s.corrects) return `menggantikan peristiwa ${s.corrects.eventId}`;
  if (s.correctedBy) return `${s.correctedBy.kind === 'reversal' ? 'dibatalkan' : 'diganti'} oleh peristiwa ${s.correctedBy.eventId}`;
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
    legal_basis: legalBasisLine(s.legalBasis),
    reason: s.reason,
    actor: s.actor,
    effective_date: dayMonthYear(s.effectiveDate),
    recorded_at: s.recordedAt === null ? null : wibDateTime(s.recordedAt),
    status: STATUS_NAMES[s.status],
    correction: correctionText(s),
    event_id: s.eventId,
  },
});

/** On paper (`paper`), lines without a step of their own (most programs and kegiatan) are left out: 0,00 = 0,00 proves nothing. */
function tieOutTable(report: PaguTrailReport, paper = false): ReportTable {
  return {
    sheet: 'Pembuktian',
    title: 'Pembuktian: jumlah perubahan setiap langkah = pagu kini',
    columns: [
      { key: 'code', header: 'Kode', kind: 'text', width: 14 },
      { key: 'name', header: 'Uraian', kind: 'text', width: 40 },
      { key: 'current_phase', header: 'Tahapan Kini', kind: 'text', width: 10 },
      { key: 'current_pagu', header: 'Pagu Kini', kind: 'amount', width: 18 },
      { key: 'sum_of_deltas', header: 'Jumlah Perubahan', kind: 'amount', width: 18 },
      { key: 'status', header: 'Status', kind: 'text', width: 9 },
    ],
    rows: [
      ...report.lines
        .filter((l) => !paper || l.steps.length > 0)
        .map((l) => ({
          cells: {
            code: l.code,
            name: l.name,
            current_phase: phaseName(l.currentPhase),
            current_pagu: l.tieOut.expected,
            sum_of_deltas: l.tieOut.actual,
            status: checkStatus(l.tieOut.status),
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
          status: checkStatus(report.tieOut.status),
        },
      },
    ],
  };
}

/** Machine keys (they head the plain CSV) and the Indonesian heading a person reads (the CSV for people, XLSX). */
const CSV_COLUMNS: Array<[key: string, header: string]> = [
  ['code', 'Kode'],
  ['step', 'Langkah'],
  ['phase', 'Tahapan'],
  ['kind', 'Jenis Langkah'],
  ['carried_from', 'Dibawa dari Tahapan'],
  ['funding_source', 'Sumber Dana'],
  ['amount_before', 'Pagu Sebelum'],
  ['delta', 'Perubahan'],
  ['amount_after', 'Pagu Sesudah'],
  ['source_before', 'Pagu Sumber Dana Sebelum'],
  ['source_after', 'Pagu Sumber Dana Sesudah'],
  ['stated_amount', 'Jumlah Dinyatakan'],
  ['counterpart_code', 'Kode Pasangan Pergeseran'],
  ['legal_basis_kind', 'Jenis Dasar Hukum'],
  ['legal_basis_number', 'Nomor Dasar Hukum'],
  ['legal_basis_date', 'Tanggal Dasar Hukum'],
  ['reason', 'Alasan'],
  ['actor', 'Pelaku'],
  ['effective_date', 'Tanggal Berlaku'],
  ['recorded_at', 'Waktu Pencatatan (UTC)'],
  ['status', 'Status'],
  ['corrects_event_id', 'Mengoreksi Peristiwa'],
  ['corrected_by_event_id', 'Dikoreksi oleh Peristiwa'],
  ['correction_kind', 'Jenis Koreksi'],
  ['event_id', 'ID Peristiwa'],
  ['event_type', 'Jenis Peristiwa'],
];
const AMOUNT_KEYS = new Set(['amount_before', 'delta', 'amount_after', 'source_before', 'source_after', 'stated_amount']);

/** The CSV: raw values (phase and kind as the API names them), one row per step. */
function machineSteps(report: PaguTrailReport): ReportTable {
  return {
    sheet: 'steps',
    title: 'pagu trail',
    columns: CSV_COLUMNS.map(([key, header]) => ({
      key,
      header,
      kind: AMOUNT_KEYS.has(key) ? 'amount' : key === 'step' ? 'integer' : 'text',
    })),
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

/** The paper's columns: what an inspector cites, in reading order; status and correction share one cell. */
const paperColumns: TableColumn[] = [
  { key: 'code', header: 'Kode', kind: 'text', width: 13 },
  { key: 'step', header: 'Langkah', kind: 'integer', width: 5 },
  { key: 'phase', header: 'Tahapan', kind: 'text', width: 10 },
  { key: 'kind', header: 'Jenis', kind: 'text', width: 16 },
  { key: 'funding_source', header: 'Sumber Dana', kind: 'text', width: 6 },
  { key: 'amount_before', header: 'Pagu Sebelum', kind: 'amount', width: 14 },
  { key: 'delta', header: 'Perubahan', kind: 'amount', width: 14 },
  { key: 'amount_after', header: 'Pagu Sesudah', kind: 'amount', width: 14 },
  { key: 'legal_basis', header: 'Dasar Hukum', kind: 'text', width: 18 },
  { key: 'reason', header: 'Alasan', kind: 'text', width: 20 },
  { key: 'effective_date', header: 'Tanggal Berlaku', kind: 'text', width: 9 },
  { key: 'recorded_at', header: 'Waktu Pencatatan', kind: 'text', width: 10 },
  { key: 'actor', header: 'Pelaku', kind: 'text', width: 10 },
  { key: 'status', header: 'Status', kind: 'text', width: 12 },
  { key: 'event_id', header: 'ID Peristiwa', kind: 'text', width: 15 },
];

/** One heading row per line (its name and current pagu, bold), then its steps: a line's story reads top to bottom. */
function paperSteps(report: PaguTrailReport): ReportTable {
  return {
    sheet: 'Langkah',
    title: `Langkah demi langkah: ${report.scope.code ?? report.office.code} ${report.scope.name}`,
    columns: paperColumns,
    rows: report.lines.flatMap((l): TableRow[] => [
      {
        total: true,
        cells: {
          code: l.code,
          phase: phaseName(l.currentPhase),
          kind: l.name,
          // A program or kegiatan whose pagu lives on its lines has no pagu of its own: not a pagu of 0,00.
          amount_after: l.steps.length ? l.currentPagu : null,
          status: l.steps.length ? `pembuktian ${checkStatus(l.tieOut.status)}` : 'tanpa pagu sendiri',
        },
      },
      ...l.steps.map((s) => {
        const row = stepRow(l.code, s);
        const correction = row.cells.correction;
        return { cells: { ...row.cells, status: correction ? `${row.cells.status}; ${correction}` : row.cells.status } };
      }),
    ]),
  };
}

/** "Pembuktian: jumlah perubahan Rp 6.145.553.447,00 = pagu kini Rp 6.145.553.447,00 (sesuai)". */
export const paguTrailTieOutText = (report: PaguTrailReport): string =>
  `Pembuktian: jumlah seluruh perubahan ${rupiahText(report.tieOut.actual)} = pagu kini ${rupiahText(report.tieOut.expected)} (${checkStatus(report.tieOut.status)})`;

export function paguTrailDocument(report: PaguTrailReport): ReportDocument {
  const steps: ReportTable = {
    sheet: 'Langkah',
    title: `Riwayat Pagu: ${report.scope.code ?? report.office.code} ${report.scope.name}`,
    columns: stepColumns,
    rows: report.lines.flatMap((l) => l.steps.map((s) => stepRow(l.code, s))),
  };
  const { code, level, name } = report.scope;
  const title = LEVEL_TITLES[level] ?? '';
  const scope =
    code === null
      ? `seluruh Perangkat Daerah (${report.lines.length} baris)`
      : `${name.startsWith(title) ? '' : `${title} `}${code} ${name}${level === 'sub_kegiatan' ? '' : ' beserta semua baris di bawahnya'}`;
  return {
    fileStem: `pagu-trail-${report.office.code}-${report.year}${report.scope.code ? `-${report.scope.code}` : ''}`,
    title: 'Riwayat Pagu — mengapa pagu ini sebesar ini',
    subtitle: [...officeYearHeading(report), `Lingkup: ${scope}`, paguTrailTieOutText(report)],
    tables: [steps, tieOutTable(report)],
    csv: machineSteps(report),
    pdf: [paperSteps(report), tieOutTable(report, true)],
  };
}
