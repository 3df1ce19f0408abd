/**
 * One event per imported file, on the stream import-<sha256>: the evidence that a file was imported (by
 * whom, when, how many rows and events), and the guard that makes importing the same bytes again a no-op —
 * also when two people import it at once (the stream must not exist yet when the import is appended).
 */
export const IMPORT_RECORDED_EVENT_TYPE = 'import.recorded';
export const importStreamId = (sha256: string) => `import-${sha256}`;

export interface ImportRecordedData {
  fileName: string;
  sha256: string;
  bytes: number;
  tables: string[];
  rows: number;
  /** Events this file's rows wrote in the same append. */
  events: number;
  /** Set when the CSV was not UTF-8 and was read as Windows-1252 (the answer said so). */
  encoding?: 'windows-1252';
  /** The warnings (implausible figures) the importing user confirmed: kept as evidence, never silent. */
  acceptedWarnings?: Array<{
    table: string | null;
    row: number | null;
    column: string | null;
    value: string | null;
    rule: string;
    message: string;
  }>;
}
