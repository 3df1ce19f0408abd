import { invalid, msg } from '@renja/domain';
import { dateInWords, wibDateTime } from '../shared/indonesian-text';
import { indonesianNumber } from './human-cells';

/** Paper of a printed report, always landscape: A4, or F4 (folio, 215 × 330 mm) as many Indonesian offices use. */
export type Paper = 'a4' | 'f4';
export const PAPERS: readonly Paper[] = ['a4', 'f4'];

/** Portrait width × height in PDF points (1/72 inch): A4 210 × 297 mm, F4 215 × 330 mm. */
export const PAPER_POINTS: Record<Paper, [number, number]> = { a4: [595.28, 841.89], f4: [609.45, 935.43] };

/** Excel's paperSize codes: 9 = A4, 14 = Folio (8.5 × 13 in, 216 × 330 mm: what spreadsheets call F4). */
export const PAPER_EXCEL_CODES: Record<Paper, number> = { a4: 9, f4: 14 };

/** The CSV dialects: `machine` (comma, decimal point, machine headers) and `id` (Indonesian spreadsheets). */
export type CsvStyle = 'machine' | 'id';
export const CSV_STYLES: readonly CsvStyle[] = ['machine', 'id'];

export function parsePaper(value: string, field = 'paper'): Paper {
  const paper = value.trim().toLowerCase();
  if (!(PAPERS as string[]).includes(paper)) throw invalid(field, msg('PAPER_SIZE', { value }), 'PAPER_SIZE');
  return paper as Paper;
}

export function parseCsvStyle(value: string, field = 'csv'): CsvStyle {
  const style = value.trim().toLowerCase();
  if (!(CSV_STYLES as string[]).includes(style)) throw invalid(field, msg('CSV_STYLE', { value }), 'CSV_STYLE');
  return style as CsvStyle;
}

/** Who signs an office's papers: "Pangkalpinang", "Kepala Dinas Koperasi, …", the name and the 18-digit NIP. */
export interface Signatory {
  place: string;
  title: string;
  name: string;
  nip: string;
}

/** A signed checkpoint of the ledger: its origin line, tree size and root hash (base64). */
export interface CheckpointRef {
  origin: string;
  size: number;
  rootHash: string;
}

/**
 * Where a paper was drawn from, printed at the foot of every page so that it can be traced back and
 * verified: the point of view (valid and known dates), the ledger position the read model stood at, the
 * latest signed checkpoint, and when it was drawn.
 */
export interface Provenance {
  validAt?: string | null;
  knownAt?: string | null;
  /** Global log position the report was read at. */
  position: number;
  checkpoint: CheckpointRef | null;
  /** ISO instant the paper was drawn; also the date beside the signature. */
  drawnAt: string;
}

export interface RenderOptions {
  paper?: Paper;
  csv?: CsvStyle;
  provenance?: Provenance;
  /** The office's signatory; `null` (not set) prints blank lines to fill in by hand. Absent: no signature block. */
  signatory?: Signatory | null;
}

/** The root hash as a person can compare it: its first 16 base64 characters. */
export const shortHash = (rootHash: string): string => (rootHash.length > 16 ? `${rootHash.slice(0, 16)}…` : rootHash);

/** The first line of a signed checkpoint note is its origin (C2SP tlog-checkpoint). */
export const checkpointRef = (note: string, size: number, rootHash: string): CheckpointRef => ({
  origin: note.split('\n')[0],
  size,
  rootHash,
});

/** A signed checkpoint as the ledger keeps it (its note, tree size and root hash). */
export interface SignedCheckpoint {
  note: string;
  size: number;
  rootHash: Buffer;
}

/**
 * Where a paper is drawn from, now: the point of view asked for, the read model's ledger position and the
 * signed checkpoint named on it (the API's and the CLI's papers alike).
 */
export const paperProvenance = (
  asOf: { validAt?: string; knownAt?: string },
  position: number,
  checkpoint: SignedCheckpoint | null,
): Provenance => ({
  validAt: asOf.validAt ?? null,
  knownAt: asOf.knownAt ?? null,
  position,
  checkpoint: checkpoint ? checkpointRef(checkpoint.note, checkpoint.size, checkpoint.rootHash.toString('base64')) : null,
  drawnAt: new Date().toISOString(),
});

/** The footer lines: point of view; ledger position and checkpoint. Bahasa Indonesia, Indonesian numbers. */
export function provenanceLines(p: Provenance): string[] {
  const valid = p.validAt ? `berlaku s.d. ${dateInWords(p.validAt)}` : 'berlaku s.d. hari dicetak';
  const known = p.knownAt ? `diketahui s.d. ${wibDateTime(p.knownAt)}` : 'diketahui: semua yang tercatat';
  const checkpoint = p.checkpoint
    ? `checkpoint bertanda tangan terakhir: ${p.checkpoint.origin}, ukuran ${indonesianNumber(String(p.checkpoint.size))}, akar ${shortHash(p.checkpoint.rootHash)}`
    : 'belum ada checkpoint bertanda tangan';
  return [
    `Sumber: Renja Ledger; ${valid}; ${known}; dicetak ${wibDateTime(p.drawnAt)}`,
    `Posisi buku besar: ${indonesianNumber(String(p.position))} peristiwa; ${checkpoint}`,
  ];
}

/** NIP as it is printed: 19700101 199003 1 001 (birth date, appointment month, sex, number). */
export const nipText = (nip: string): string =>
  /^\d{18}$/.test(nip) ? `${nip.slice(0, 8)} ${nip.slice(8, 14)} ${nip.slice(14, 15)} ${nip.slice(15)}` : nip;
