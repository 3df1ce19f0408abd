import { wibDateTime } from '../shared/indonesian-text';
import type { ReportTable, TableRow } from '../render/report-table';
import type { EvaluationReport } from './evaluation.report';
import { QUARTER_NAMES } from './standing';

/**
 * The section after the evaluation table: faktor pendorong, faktor penghambat and tindak lanjut per
 * quarter, for the office or a line, with who recorded each note and when (WIB).
 */
export function notesTable(r: EvaluationReport): ReportTable {
  const rows: TableRow[] = r.notes.map((n, i) => ({
    cells: {
      no: String(i + 1),
      quarter: QUARTER_NAMES[n.quarter - 1],
      code: n.code ?? r.office.code,
      name: n.name,
      pendorong: n.pendorong,
      penghambat: n.penghambat,
      tindak_lanjut: n.tindakLanjut,
      recorded: `${n.actor}, ${wibDateTime(n.recordedAt)}${n.reason ? ` (${n.reason})` : ''}`,
    },
  }));
  return {
    sheet: 'Faktor',
    title: `Faktor pendorong, faktor penghambat dan tindak lanjut Tahun ${r.year}`,
    columns: [
      { key: 'no', header: 'No', kind: 'text', width: 4 },
      { key: 'quarter', header: 'Triwulan', kind: 'text', width: 7 },
      { key: 'code', header: 'Kode', kind: 'text', width: 11 },
      { key: 'name', header: 'Program / Kegiatan', kind: 'text', width: 22 },
      { key: 'pendorong', header: 'Faktor Pendorong', kind: 'text', width: 30 },
      { key: 'penghambat', header: 'Faktor Penghambat', kind: 'text', width: 30 },
      { key: 'tindak_lanjut', header: 'Tindak Lanjut', kind: 'text', width: 30 },
      { key: 'recorded', header: 'Dicatat oleh, pada', kind: 'text', width: 16 },
    ],
    rows:
      rows.length > 0
        ? rows
        : [{ cells: { no: '—', name: 'Belum ada faktor pendorong, penghambat atau tindak lanjut yang dicatat untuk tahun ini.' } }],
  };
}
