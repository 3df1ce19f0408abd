import { lineStreamId, msg, parseOfficeCode, parsePlanCode, type LegalBasis, type LineEntry, type Phase } from '@renja/domain';
import { CellError, parseImportDate, parseImportPhase, parseImportYear, parseIndonesianNumber, type Cell } from './cell-parsers';
import type { CorrectionFields } from './correction-body';
import type { RowReader, RowRef } from './row-reader';

export type CorrectableKind = LineEntry['kind'];

/** Jenis: what kind of entry a row corrects, in the words of the other tables. */
const KINDS: Record<string, CorrectableKind> = {
  realisasi: 'realisation',
  pagu: 'pagu',
  target: 'target',
  pergeseran: 'shift',
};

/** Replacement columns: the field of the correction each fills, and the kinds it belongs to. */
export const REPLACEMENT_COLUMNS: Record<string, { field: keyof CorrectionFields | 'outputs'; kinds: CorrectableKind[] }> = {
  Realisasi: { field: 'amount', kinds: ['realisation'] },
  // Realisasi Kinerja (with its Indikator) replaces that indicator's output and keeps the others.
  'Realisasi Kinerja': { field: 'outputs', kinds: ['realisation'] },
  Pagu: { field: 'amount', kinds: ['pagu'] },
  Perubahan: { field: 'delta', kinds: ['pagu'] },
  Target: { field: 'value', kinds: ['target'] },
  // As in table pergeseran: the shifted amount, corrected on both legs.
  Jumlah: { field: 'amount', kinds: ['shift'] },
  'Tanggal Berlaku': { field: 'effectiveDate', kinds: ['realisation', 'pagu', 'target'] },
  'Periode Baru': { field: 'period', kinds: ['realisation'] },
  'Tahapan Baru': { field: 'phase', kinds: ['pagu'] },
  'Sumber Dana Baru': { field: 'fundingSource', kinds: ['pagu'] },
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The plan line a correction's target is on. */
export interface CorrectionLine {
  streamId: string;
  year: number;
  office: string;
  code: string;
}

/** One row of table koreksi: which entry it corrects, and how (replacement fields, or a reversal). */
export interface CorrectionOperation {
  kind: 'correction';
  at: RowRef;
  /** By event id (ID Peristiwa); otherwise by line, Jenis and Periode / Tahapan + Sumber Dana / Indikator. */
  eventId: string | null;
  /** Tahun, Perangkat Daerah, Kode as the row gives them (with an event id they must agree with its line). */
  given: { year: number | null; office: string | null; code: string | null };
  /**
   * The line of the target: from the row, or (by event id) from the event's stream, which ImportService
   * looks up before deciding; null when no event has that id or it is not a change of a plan line.
   */
  line: CorrectionLine | null;
  /** By event id: the type of the event found, null when there is none. */
  found: { type: string } | null;
  /** A shift named by event id: the stream of the line holding its other leg (loaded with the row's line). */
  counterpart: string | null;
  entryKind: CorrectableKind | null;
  /** Periode as written: read with the line's fiscal year once the line is known. */
  period: string | null;
  phase: Phase | null;
  fundingSource: string | null;
  indicator: string | null;
  reverse: boolean;
  /** Replacement values by column (amounts as decimal strings, dates as YYYY-MM-DD, Periode Baru as written). */
  fields: Record<string, string>;
  reason: string | null;
  legalBasis: LegalBasis | null;
}

/** line-{year}-{office}-{code}: office codes may contain dashes, plan codes never do. */
export function lineOfStream(streamId: string): CorrectionLine | null {
  const m = /^line-(\d{4})-(.+)-([\d.]+)$/.exec(streamId);
  return m ? { streamId, year: Number(m[1]), office: m[2], code: m[3] } : null;
}

const PARSERS: Record<string, (cell: Cell) => string> = {
  Realisasi: (c) => parseIndonesianNumber(c),
  Pagu: (c) => parseIndonesianNumber(c),
  Perubahan: (c) => parseIndonesianNumber(c, { signed: true }),
  Target: (c) => parseIndonesianNumber(c, { maxDecimals: 6 }),
  Jumlah: (c) => parseIndonesianNumber(c),
  'Realisasi Kinerja': (c) => parseIndonesianNumber(c, { maxDecimals: 6 }),
  'Tanggal Berlaku': parseImportDate,
  'Periode Baru': (c) => c.text.trim(),
  'Tahapan Baru': parseImportPhase,
  'Sumber Dana Baru': (c) => c.text.trim(),
};

function parseReverse(cell: Cell): boolean {
  const raw = cell.text.trim().toLowerCase();
  if (raw === 'ya' || raw === 'y') return true;
  if (raw === 'tidak' || raw === 't') return false;
  throw new CellError('REVERSE_FORMAT', msg('REVERSE_FORMAT', { value: cell.text.trim() }));
}

/** A row of table koreksi (docs/import-format.md, section koreksi). */
export function koreksi(r: RowReader, at: RowRef): CorrectionOperation[] {
  const eventId = r.text('ID Peristiwa');
  if (eventId !== null && !UUID.test(eventId))
    r.problem('ID Peristiwa', 'EVENT_ID_FORMAT', `ID Peristiwa "${eventId}" is not an event id (a UUID, as the line history shows it)`);
  const byLine = eventId === null;
  const year = r.parse('Tahun', parseImportYear, byLine);
  const office = r.parse('Perangkat Daerah', (c) => parseOfficeCode(c.text, 'Perangkat Daerah'), byLine);
  const code = r.parse('Kode', (c) => parsePlanCode(c.text, 'Kode').code, byLine);
  const kindText = byLine ? r.required('Jenis') : r.text('Jenis');
  const entryKind = kindText === null ? null : (KINDS[kindText.toLowerCase()] ?? null);
  if (kindText !== null && entryKind === null)
    r.problem('Jenis', 'KIND_UNKNOWN', `Jenis "${kindText}" is not Realisasi, Pagu, Target or Pergeseran`);
  if (byLine && entryKind === 'shift')
    r.problem('ID Peristiwa', 'VALUE_REQUIRED', 'a Pergeseran is named by its ID Peristiwa (as the line history shows it)');
  const period = r.text('Periode');
  const phase = r.parse('Tahapan', parseImportPhase, false);
  const fundingSource = r.text('Sumber Dana');
  const indicator = r.text('Indikator');
  if (byLine && entryKind === 'realisation' && period === null) r.required('Periode');
  if (byLine && entryKind === 'pagu') {
    if (!r.has('Tahapan')) r.required('Tahapan');
    if (fundingSource === null) r.required('Sumber Dana');
  }
  if (byLine && entryKind === 'target' && indicator === null) r.required('Indikator');
  const reverse = r.parse('Batalkan', parseReverse, false) ?? false;
  const fields: Record<string, string> = {};
  for (const column of Object.keys(REPLACEMENT_COLUMNS)) {
    const parsed = r.parse(column, PARSERS[column], false);
    if (parsed !== null) fields[column] = parsed;
  }
  if (fields['Realisasi Kinerja'] !== undefined && indicator === null)
    r.problem('Indikator', 'INDICATOR_REQUIRED', 'Realisasi Kinerja belongs to an Indikator: name it in this row');
  const legalBasis = r.legalBasis();
  if (!r.ok) return [];
  const line = byLine ? { streamId: lineStreamId(year!, office!, code!), year: year!, office: office!, code: code! } : null;
  return [
    {
      kind: 'correction',
      at,
      eventId: eventId?.toLowerCase() ?? null,
      given: { year, office, code },
      line,
      found: null,
      counterpart: null,
      entryKind,
      period,
      phase,
      fundingSource,
      indicator,
      reverse,
      fields,
      reason: r.text('Alasan'),
      legalBasis,
    },
  ];
}
