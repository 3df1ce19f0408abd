import type { ChangeEntry } from '../../plan/changes-reader';
import type { HistoryEntry } from '../../plan/plan-reader';
import type { ReportDocument, ReportTable } from '../render/report-table';
import { officeYearHeading } from '../shared/indonesian-text';
import { entryRow, figureTable, humanColumns, machineColumns } from './changes.tables';

/** One line's revision history (GET …/lines/:code/history) with the line and office it belongs to. */
export interface LineHistoryFile {
  year: number;
  office: { code: string; name: string };
  line: { code: string; name: string; level: string };
  entries: HistoryEntry[];
}

const LEVEL_TITLES: Record<string, string> = { program: 'Program', kegiatan: 'Kegiatan', sub_kegiatan: 'Sub Kegiatan' };

/** The history's entries as change-log entries of that line, each knowing the event that corrected it, if any. */
function asLogEntries(file: LineHistoryFile): ChangeEntry[] {
  const correctedBy = new Map<string, string>();
  for (const e of file.entries) if (e.correctsEventId && !correctedBy.has(e.correctsEventId)) correctedBy.set(e.correctsEventId, e.eventId);
  return file.entries.map((e) => ({
    ...e,
    code: file.line.code,
    lineName: file.line.name,
    level: file.line.level,
    correctedBy: correctedBy.get(e.eventId) ?? null,
  }));
}

/**
 * A line's history as a file: every change in recorded order with who, when (WIB), why and on what legal
 * basis. The line is named above the table, so its rows carry no code or name; the plain CSV (for machines)
 * is the change log's CSV for this one line.
 */
export function lineHistoryDocument(file: LineHistoryFile): ReportDocument {
  const entries = asLogEntries(file);
  const human: ReportTable = {
    sheet: 'Riwayat',
    title: 'Setiap perubahan baris ini, dalam urutan pencatatan',
    columns: humanColumns({ paper: false, withLine: false }),
    rows: entries.map((e) => entryRow(e, true)),
  };
  const corrected = entries.filter((e) => e.correctedBy !== null).length;
  const { code, name, level } = file.line;
  return {
    fileStem: `history-${file.office.code}-${file.year}-${code}`,
    title: 'Riwayat Perubahan Baris Anggaran',
    subtitle: [
      ...officeYearHeading(file),
      `${LEVEL_TITLES[level] ?? level}: ${code} ${name}`,
      `${entries.length} entri${corrected ? `, ${corrected} di antaranya dikoreksi kemudian` : ''}; waktu pencatatan dalam WIB`,
    ],
    tables: [human, figureTable({ entries })],
    csv: { sheet: 'history', title: 'history', columns: machineColumns(true), rows: entries.map((e) => entryRow(e, false)) },
    pdf: [{ ...human, columns: humanColumns({ paper: true, withLine: false }) }],
  };
}
