import type { ChangeEntry, ChangeLog } from '../../plan/changes-reader';
import { humanCell } from '../render/human-cells';
import type { CellKind, ReportDocument, ReportTable, TableColumn, TableRow } from '../render/report-table';
import { dayMonthYear, legalBasisLine, wibDateTime } from '../shared/indonesian-text';
import { eventName, figureName, figureValueText } from '../shared/ledger-words';

/** The query of GET …/changes as given (from, to, actor, kind, code, order, limit, after): printed above the table. */
export type ChangeLogFilters = Partial<Record<'from' | 'to' | 'actor' | 'kind' | 'code' | 'order' | 'limit' | 'after', string>>;

export interface ChangeLogFile {
  year: number;
  office: { code: string; name: string };
  filters: ChangeLogFilters;
  log: ChangeLog;
}

const FILTER_NAMES: Record<keyof ChangeLogFilters, string> = {
  from: 'dicatat sejak',
  to: 'dicatat s.d.',
  actor: 'pelaku',
  kind: 'jenis',
  code: 'kode',
  order: 'urutan',
  limit: 'batas',
  after: 'setelah posisi',
};

/** Pagu and realisation figures are Rupiah; targets and outputs are plain values; the rest (line, indicator) text. */
export function figureKind(figure: string | null): CellKind {
  if (figure?.startsWith('pagu.') || figure?.startsWith('realisation.')) return 'amount';
  if (figure?.startsWith('target.') || figure?.startsWith('output.')) return 'value';
  return 'text';
}

/** Columns naming the line: a change log has them, a line's history (one line, named above the table) has not. */
export const LINE_KEYS = new Set(['code', 'line_name']);

/** Key, heading, kind, width in the XLSX, width on paper (narrower ids, wider text). */
const COLUMNS: Array<[key: string, header: string, kind: CellKind, width: number, paper: number]> = [
  ['position', 'Posisi', 'integer', 8, 4],
  ['recorded_at', 'Waktu Pencatatan', 'text', 22, 9],
  ['effective_date', 'Tanggal Berlaku', 'text', 11, 8],
  ['actor', 'Pelaku', 'text', 16, 9],
  ['kind', 'Jenis', 'text', 18, 10],
  ['code', 'Kode', 'text', 15, 11],
  ['line_name', 'Uraian', 'text', 32, 18],
  ['figure', 'Besaran', 'text', 20, 12],
  ['from', 'Dari', 'text', 18, 12],
  ['to', 'Menjadi', 'text', 18, 14],
  ['reason', 'Alasan', 'text', 24, 24],
  ['legal_basis', 'Dasar Hukum', 'text', 26, 16],
  ['corrected_by_event_id', 'Dikoreksi oleh', 'text', 30, 12],
  ['event_id', 'ID Peristiwa', 'text', 30, 14],
];

/** The CSV splits the legal basis as the pagu trail's CSV does, and names the event an entry corrects; headings Indonesian. */
const CSV_COLUMNS: Array<[key: string, header: string]> = [
  ['position', 'Posisi'],
  ['recorded_at', 'Waktu Pencatatan (UTC)'],
  ['effective_date', 'Tanggal Berlaku'],
  ['actor', 'Pelaku'],
  ['kind', 'Jenis Peristiwa'],
  ['code', 'Kode'],
  ['line_name', 'Uraian'],
  ['figure', 'Besaran'],
  ['from', 'Dari'],
  ['to', 'Menjadi'],
  ['reason', 'Alasan'],
  ['legal_basis_kind', 'Jenis Dasar Hukum'],
  ['legal_basis_number', 'Nomor Dasar Hukum'],
  ['legal_basis_date', 'Tanggal Dasar Hukum'],
  ['corrected_by_event_id', 'Dikoreksi oleh Peristiwa'],
  ['corrects_event_id', 'Mengoreksi Peristiwa'],
  ['event_id', 'ID Peristiwa'],
];

/** The human columns of a log, for a workbook or for paper; without the line's columns for one line's history. */
export function humanColumns(options: { paper: boolean; withLine: boolean }): TableColumn[] {
  return COLUMNS.filter(([key]) => options.withLine || !LINE_KEYS.has(key)).map(([key, header, kind, width, paper]) => ({
    key,
    header,
    kind,
    width: options.paper ? paper : width,
  }));
}

export function machineColumns(withLine: boolean): TableColumn[] {
  return CSV_COLUMNS.filter(([key]) => withLine || !LINE_KEYS.has(key)).map(([key, header]): TableColumn => ({
    key,
    header,
    kind: key === 'position' ? 'integer' : 'text',
  }));
}

/**
 * One row per entry. An entry that changed one figure gives it as it is: in XLSX an amount is a number in
 * Rupiah format. An entry that changed several lists them in one cell, in the order of the JSON: for people one
 * per line, Indonesian formatted; for machines separated by " | ", plain.
 */
function figureCells(e: ChangeEntry, human: boolean): { cells: Record<string, string | null>; kinds?: Record<string, CellKind> } {
  const name = (figure: string | null) => (human ? figureName(figure) : figure);
  const value = (figure: string | null, v: string | null) => (human ? figureValueText(figure, v) : v);
  if (e.changes.length === 1) {
    const [c] = e.changes;
    const kind = figureKind(c.figure);
    return {
      cells: { figure: name(c.figure), from: value(c.figure, c.from), to: value(c.figure, c.to) },
      kinds: human && kind !== 'text' ? { from: kind, to: kind } : undefined,
    };
  }
  const list = (pick: (c: ChangeEntry['changes'][number]) => string | null, formatted: boolean) =>
    e.changes.length === 0
      ? null
      : e.changes.map((c) => (human && formatted ? humanCell(figureKind(c.figure), pick(c)) : (pick(c) ?? ''))).join(human ? '\n' : ' | ');
  return {
    cells: {
      figure: list((c) => name(c.figure), false),
      from: list((c) => value(c.figure, c.from), true),
      to: list((c) => value(c.figure, c.to), true),
    },
  };
}

/** An entry of a log as a row; `human` gives Indonesian words, WIB times and dates as offices write them. */
export function entryRow(e: ChangeEntry, human: boolean): TableRow {
  const figures = figureCells(e, human);
  const basis: Record<string, string | null> = human
    ? { legal_basis: legalBasisLine(e.legalBasis) }
    : {
        legal_basis_kind: e.legalBasis?.kind ?? null,
        legal_basis_number: e.legalBasis?.number ?? null,
        legal_basis_date: e.legalBasis?.date ?? null,
      };
  return {
    cells: {
      position: String(e.position),
      recorded_at: human ? wibDateTime(e.recordedAt) : e.recordedAt,
      effective_date: human ? dayMonthYear(e.effectiveDate) : e.effectiveDate,
      actor: e.actor,
      kind: human ? eventName(e.type) : e.type,
      code: e.code,
      line_name: e.lineName,
      ...figures.cells,
      reason: e.reason,
      ...basis,
      corrected_by_event_id: e.correctedBy,
      corrects_event_id: e.correctsEventId,
      event_id: e.eventId,
    },
    kinds: figures.kinds,
  };
}

/**
 * Most entries change several figures (a pagu change also moves pagu.current), which one cell lists as text: for
 * people the workbook has a second sheet with one row per figure, where every amount is a Rupiah number.
 */
export function figureTable(log: Pick<ChangeLog, 'entries'>): ReportTable {
  return {
    sheet: 'Rincian Besaran',
    title: 'Setiap besaran yang diubah setiap entri',
    columns: [
      { key: 'position', header: 'Posisi', kind: 'integer', width: 8 },
      { key: 'code', header: 'Kode', kind: 'text', width: 15 },
      { key: 'kind', header: 'Jenis', kind: 'text', width: 18 },
      { key: 'effective_date', header: 'Tanggal Berlaku', kind: 'text', width: 11 },
      { key: 'figure', header: 'Besaran', kind: 'text', width: 22 },
      { key: 'from', header: 'Dari', kind: 'text', width: 20 },
      { key: 'to', header: 'Menjadi', kind: 'text', width: 20 },
    ],
    rows: log.entries.flatMap((e) =>
      e.changes.map((c) => {
        const kind = figureKind(c.figure);
        return {
          cells: {
            position: String(e.position),
            code: e.code,
            kind: eventName(e.type),
            effective_date: dayMonthYear(e.effectiveDate),
            figure: figureName(c.figure),
            from: figureValueText(c.figure, c.from),
            to: figureValueText(c.figure, c.to),
          },
          kinds: kind === 'text' ? undefined : { from: kind, to: kind },
        };
      }),
    ),
  };
}

/** The change log (GET …/changes) as a file: the same entries as the JSON for the same query. */
export function changeLogDocument(file: ChangeLogFile): ReportDocument {
  const { log } = file;
  const human: ReportTable = {
    sheet: 'Log Perubahan',
    title: 'Setiap perubahan, dalam urutan pencatatan',
    columns: humanColumns({ paper: false, withLine: true }),
    rows: log.entries.map((e) => entryRow(e, true)),
  };
  const machine: ReportTable = {
    sheet: 'changes',
    title: 'changes',
    columns: machineColumns(true),
    rows: log.entries.map((e) => entryRow(e, false)),
  };
  const filters = (Object.keys(FILTER_NAMES) as Array<keyof ChangeLogFilters>)
    .filter((k) => file.filters[k] !== undefined)
    .map((k) => `${FILTER_NAMES[k]} ${k === 'from' || k === 'to' ? dayMonthYear(file.filters[k]!) : file.filters[k]}`);
  return {
    fileStem: `changes-${file.office.code}-${file.year}`,
    title: 'Log Perubahan',
    subtitle: [
      `Perangkat Daerah: ${file.office.code} — ${file.office.name}`,
      `Tahun Anggaran: ${file.year}`,
      `Saringan: ${filters.length ? filters.join('; ') : 'tidak ada'}; ${log.entries.length} entri`,
      log.nextAfter === null ? 'Halaman terakhir' : `Masih ada entri berikutnya: after=${log.nextAfter}`,
    ],
    tables: [human, figureTable(log)],
    csv: machine,
    pdf: [{ ...human, columns: humanColumns({ paper: true, withLine: true }) }],
  };
}
