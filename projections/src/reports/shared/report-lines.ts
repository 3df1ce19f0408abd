import type { DataSource } from 'typeorm';
import { comparePlanCodes, notFound, type AsOf, type PlanLevel, type PlanLineState } from '@renja/domain';

/** One plan line as the reports read it: its place in the code tree and its folded state. */
export interface ReportLine {
  code: string;
  level: PlanLevel;
  parentCode: string | null;
  name: string;
  state: PlanLineState;
}

/** What every report starts from: the office, the point of view and the office's lines, in document order. */
export interface ReportScope {
  year: number;
  office: { code: string; name: string };
  asOf: AsOf;
  lines: ReportLine[];
}

interface LineRow {
  code: string;
  level: PlanLevel;
  parent_code: string | null;
  name: string;
  state: PlanLineState;
}

/** A line belongs to an as-known-at view only once its registration was recorded (as in PlanReader). */
const knownBy = (state: PlanLineState, asOf: AsOf): boolean => !asOf.knownAt || !state.registeredAt || state.registeredAt <= asOf.knownAt;

/**
 * Loads every line of an office and year with one query. Reports fold the stored states for their point of
 * view (validAt / knownAt), so no event is replayed and a report costs one round trip to the database.
 */
export async function loadReportScope(dataSource: DataSource, year: number, officeCode: string, asOf: AsOf): Promise<ReportScope> {
  const offices: Array<{ code: string; name: string }> = await dataSource.query('SELECT code, name FROM rm_offices WHERE code = $1', [officeCode]);
  if (offices.length === 0) throw notFound('OFFICE_NOT_REGISTERED', `office ${officeCode} is not registered`, 'office');
  const rows: LineRow[] = await dataSource.query(
    'SELECT code, level, parent_code, name, state FROM rm_plan_lines WHERE year = $1 AND office_code = $2',
    [year, officeCode],
  );
  const lines = rows
    .filter((r) => knownBy(r.state, asOf))
    .map((r) => ({ code: r.code, level: r.level, parentCode: r.parent_code, name: r.name, state: r.state }))
    .sort((a, b) => comparePlanCodes(a.code, b.code));
  return { year, office: offices[0], asOf, lines };
}

/** The line with this code and everything under it. */
export const subtreeOf = (lines: ReportLine[], code: string): ReportLine[] =>
  lines.filter((l) => l.code === code || l.code.startsWith(`${code}.`));
