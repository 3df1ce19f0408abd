/** What POST /api/v1/imports answers (docs/import-format.md, "Answers"; the preview only in a dry run). */
export interface ImportProblem {
  file: string | null;
  table: string | null;
  row: number | null;
  column: string | null;
  value: string | null;
  rule: string;
  message: string;
}

/** An implausible but possible figure (Indonesian, from the server): the same shape as a problem. */
export type ImportWarning = ImportProblem;

export interface PreviewRow {
  row: number;
  cells: Record<string, string>;
  values: Record<string, string>;
  outcome: 'records' | 'unchanged' | 'grouped' | 'invalid';
  /** For a koreksi row: `corrects` names the event corrected; `replacement` is null for a reversal. */
  records: Array<{ type: string; streamId: string; code: string | null; corrects?: string; replacement?: Record<string, unknown> | null }>;
  groupedWith: number | null;
}

export interface PreviewTable {
  file: string;
  table: string;
  columns: string[];
  rows: PreviewRow[];
}

export interface ImportResult {
  status: 'imported' | 'dry_run' | 'unchanged' | 'already_imported' | 'invalid' | 'warnings';
  message: string;
  dryRun: boolean;
  files: Array<{
    name: string;
    rows: number;
    tables: string[];
    /** How a CSV was read (windows-1252 is said in `note`). */
    encoding?: 'utf-8' | 'windows-1252' | null;
    note?: string | null;
    alreadyImported: { recordedAt: string; actor: string; fileName: string } | null;
  }>;
  tables: Record<string, { rows: number; events: number; unchanged: number }>;
  events: number;
  unchanged: number;
  problems: ImportProblem[];
  /** Absent from servers before warnings existed. */
  warnings?: ImportWarning[];
  preview?: { tables: PreviewTable[]; truncated: boolean };
}

/** The anchor of a previewed row, for the problem list's links. */
export const rowAnchor = (file: string, row: number) => `impor-${file.replace(/[^A-Za-z0-9_-]/g, '_')}-${row}`;
