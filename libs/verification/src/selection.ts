import { lineStreamId, officeStreamId } from '@renja/domain';

/**
 * What a partial export holds, as whole streams (docs/verification.md, "Export file"). Every
 * criterion given must hold: office = the office's own stream and its line streams; year = line
 * streams of that fiscal year; line = the one stream of (year, office, line code).
 */
export interface ExportFilter {
  office?: string;
  year?: number;
  line?: string;
}

export type Selection = ExportFilter | 'all';

// Line codes (Permendagri 90: digits, X and dots) never contain '-', office codes may: the office
// is everything between the year and the LAST dash.
const LINE_STREAM = /^line-(\d{4})-(.+)-([^-]+)$/;

export function parseLineStream(streamId: string): { year: number; office: string; line: string } | null {
  const m = LINE_STREAM.exec(streamId);
  return m ? { year: Number(m[1]), office: m[2], line: m[3] } : null;
}

export function isPartial(selection: Selection): selection is ExportFilter {
  return selection !== 'all';
}

/** Does the stream belong to the selection? Exact: office "DINKES" does not take "DINKES-KAB"'s lines. */
export function selects(selection: Selection, streamId: string): boolean {
  if (selection === 'all') return true;
  const { office, year, line } = selection;
  if (line !== undefined) return year !== undefined && office !== undefined && streamId === lineStreamId(year, office, line);
  if (office !== undefined && year === undefined && streamId === officeStreamId(office)) return true;
  const parsed = parseLineStream(streamId);
  return parsed !== null && (office === undefined || parsed.office === office) && (year === undefined || parsed.year === year);
}

/** Checks a filter's shape, e.g. from an export header or the command line. */
export function validateFilter(filter: ExportFilter): ExportFilter {
  const { office, year, line } = filter;
  if (office === undefined && year === undefined && line === undefined)
    throw new Error('a partial export needs an office, a year or a line');
  if (office !== undefined && (typeof office !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9.-]{0,39}$/.test(office)))
    throw new Error(`bad office code ${String(office)}`);
  if (year !== undefined && (!Number.isInteger(year) || year < 1000 || year > 9999)) throw new Error(`bad year ${String(year)}`);
  if (line !== undefined && (typeof line !== 'string' || !/^[0-9X.]+$/.test(line) || office === undefined || year === undefined)) {
    throw new Error('a line needs its office and year, and a code of digits, X and dots');
  }
  return { ...(office !== undefined && { office }), ...(year !== undefined && { year }), ...(line !== undefined && { line }) };
}

/**
 * A cheap SQL superset of the selection (LIKE on the stream id) so the database skips most other
 * streams; selects() then decides exactly. Codes hold no LIKE wildcards ('%', '_'), see validateFilter.
 */
export function coarseSql(filter: ExportFilter, param: number): { sql: string; values: string[] } {
  const { office, year, line } = validateFilter(filter);
  if (line !== undefined) return { sql: `stream_id = $${param}`, values: [lineStreamId(year!, office!, line)] };
  const pattern = `line-${year ?? '%'}-${office === undefined ? '%' : `${office}-%`}`;
  if (office !== undefined && year === undefined)
    return { sql: `(stream_id = $${param} OR stream_id LIKE $${param + 1})`, values: [officeStreamId(office), pattern] };
  return { sql: `stream_id LIKE $${param}`, values: [pattern] };
}
