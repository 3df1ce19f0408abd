import type { DataSource } from 'typeorm';
import {
  isFullKnowledge,
  msg,
  notFound,
  sortByPlanCode,
  type AsOf,
  type IndicatorDefinedData,
  type PlanLevel,
  type PlanLineState,
} from '@renja/domain';
import { STORED_VIEWS_VERSION } from '../../shared/stored-views';
import {
  foldLineView,
  readStoredLineView,
  type LineView,
  type StoredLineMovements,
  type StoredLineSteps,
  type StoredLineView,
} from './line-view';

/** One plan line as the reports read it: its place in the code tree and what they derive from it. */
export interface ReportLine {
  code: string;
  level: PlanLevel;
  parentCode: string | null;
  name: string;
  indicators: IndicatorDefinedData[];
  /** Pagu, steps, money and kinerja for the scope's point of view. */
  view: LineView;
}

/** A report line that also carries the folded state (for reports that read entries themselves). */
export interface StateReportLine extends ReportLine {
  state: PlanLineState;
}

/** What every report starts from: the office, the point of view and the office's lines, in document order. */
export interface ReportScope<Line extends ReportLine = ReportLine> {
  year: number;
  office: { code: string; name: string };
  asOf: AsOf;
  lines: Line[];
}

interface LineRow {
  stream_id: string;
  code: string;
  level: PlanLevel;
  parent_code: string | null;
  name: string;
  state: PlanLineState | null;
  report_view?: StoredLineView | null;
  report_movements?: StoredLineMovements | null;
  report_steps?: StoredLineSteps | null;
}

/** The parts of the stored views a report reads besides the figures (each is a column of its own). */
export interface ViewParts {
  /** Pagu movements in force: reports that explain deltas (reconciliation, absorption's late additions). */
  movements?: boolean;
  /** Every pagu step, corrected ones included: the pagu trail. */
  steps?: boolean;
}

/** A line belongs to an as-known-at view only once its registration was recorded (as in PlanReader). */
const knownBy = (state: PlanLineState, asOf: AsOf): boolean => !asOf.knownAt || !state.registeredAt || state.registeredAt <= asOf.knownAt;

const inDocumentOrder = <T extends { code: string }>(lines: T[]): T[] => sortByPlanCode(lines, (l) => l.code);

async function officeOf(dataSource: DataSource, officeCode: string): Promise<{ code: string; name: string }> {
  const offices: Array<{ code: string; name: string }> = await dataSource.query('SELECT code, name FROM rm_offices WHERE code = $1', [
    officeCode,
  ]);
  if (offices.length === 0) throw notFound('OFFICE_NOT_REGISTERED', msg('OFFICE_NOT_REGISTERED', { office: officeCode }), 'office');
  return offices[0];
}

const SELECT_LINES = 'SELECT stream_id, code, level, parent_code, name';
const OF_OFFICE = 'FROM rm_plan_lines WHERE year = $1 AND office_code = $2';

/**
 * Loads every line of an office and year in one query. The default view (everything known, every effective
 * date) reads each line's stored view written by the projection, with the parts asked for; the query returns
 * the state instead for a line whose view or parts are missing or of another version, and that line is
 * folded. Any other point of view (validAt / knownAt) folds the stored line states. No event is replayed.
 */
export async function loadReportScope(
  dataSource: DataSource,
  year: number,
  officeCode: string,
  asOf: AsOf,
  parts: ViewParts = {},
): Promise<ReportScope> {
  if (!isFullKnowledge(asOf)) return loadStateScope(dataSource, year, officeCode, asOf);
  const office = await officeOf(dataSource, officeCode);
  const columns = ['report_view', ...(parts.movements ? ['report_movements'] : []), ...(parts.steps ? ['report_steps'] : [])].join(', ');
  const rows: LineRow[] = await dataSource.query(
    `${SELECT_LINES}, ${columns}, CASE WHEN views_version = $3 THEN NULL ELSE state END AS state ${OF_OFFICE}`,
    [year, officeCode, STORED_VIEWS_VERSION],
  );
  const lines = rows.map((r): ReportLine => {
    const stored = r.state === null ? r.report_view! : null;
    return {
      code: r.code,
      level: r.level,
      parentCode: r.parent_code,
      name: r.name,
      indicators: stored ? stored.indicators : r.state!.indicators,
      view: stored
        ? readStoredLineView(stored, { movements: r.report_movements ?? null, steps: r.report_steps ?? null })
        : foldLineView(r.state!, asOf),
    };
  });
  return { year, office, asOf, lines: inDocumentOrder(lines) };
}

/** Every line of an office and year with its whole folded state, for reports that read the entries themselves. */
export async function loadStateScope(
  dataSource: DataSource,
  year: number,
  officeCode: string,
  asOf: AsOf,
): Promise<ReportScope<StateReportLine>> {
  const office = await officeOf(dataSource, officeCode);
  const rows: LineRow[] = await dataSource.query(`${SELECT_LINES}, state ${OF_OFFICE}`, [year, officeCode]);
  const lines = rows
    .filter((r) => knownBy(r.state!, asOf))
    .map((r): StateReportLine => ({
      code: r.code,
      level: r.level,
      parentCode: r.parent_code,
      name: r.name,
      indicators: r.state!.indicators,
      state: r.state!,
      view: foldLineView(r.state!, asOf),
    }));
  return { year, office, asOf, lines: inDocumentOrder(lines) };
}

/** The line with this code and everything under it. */
export const subtreeOf = <Line extends ReportLine>(lines: Line[], code: string): Line[] =>
  lines.filter((l) => l.code === code || l.code.startsWith(`${code}.`));
