import type { SqlRunner } from '../shared/sql-runner';
import type { PlanReader } from './plan-reader';
import type { Totals } from './rollup';

/** One office-year on the home screen: how many lines, the plan's office totals, when it last changed. */
export interface OfficeYearOverview {
  year: number;
  office: { code: string; name: string };
  lines: number;
  /** Exactly GET …/plan's `totals` (the same reader and roll-up). */
  totals: Totals;
  /** recordedAt of the latest event on the office-year's lines; null when none is recorded yet. */
  lastChangeAt: string | null;
}

/** The office-years with lines, of the offices a caller may see (`visible`), newest year first, then office code. */
export async function officeYearOverview(
  dataSource: SqlRunner,
  plans: PlanReader,
  visible: (office: string) => boolean,
): Promise<OfficeYearOverview[]> {
  const rows: Array<{ year: number; office_code: string; lines: number; last_change_at: string | null }> = await dataSource.query(
    `SELECT p.year, p.office_code, count(*)::int AS lines,
            (SELECT max(h.recorded_at) FROM rm_line_history h JOIN rm_plan_lines q ON q.stream_id = h.stream_id
              WHERE q.year = p.year AND q.office_code = p.office_code) AS last_change_at
       FROM rm_plan_lines p GROUP BY p.year, p.office_code ORDER BY p.year DESC, p.office_code`,
  );
  const result: OfficeYearOverview[] = [];
  for (const r of rows.filter((row) => visible(row.office_code))) {
    const plan = await plans.plan(r.year, r.office_code);
    result.push({ year: r.year, office: plan.office, lines: r.lines, totals: plan.totals, lastChangeAt: r.last_change_at });
  }
  return result;
}
