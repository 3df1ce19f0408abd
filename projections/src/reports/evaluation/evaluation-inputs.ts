import type { SqlRunner } from '../../shared/sql-runner';
import type { RenstraEntry } from '@renja/domain';
import type { EventStore } from '@renja/event-store';
import type { EvaluationInputs } from './evaluation.report';
import { readNotes } from './evaluation-notes';

/**
 * The Renstra entries of an office's lines, from the plan read model's line states (the part of each
 * state the evaluation needs, not the whole state): a line without any is left out.
 */
async function loadRenstra(dataSource: SqlRunner, year: number, officeCode: string): Promise<Map<string, readonly RenstraEntry[]>> {
  const rows: Array<{ code: string; renstra: RenstraEntry[] | null }> = await dataSource.query(
    `SELECT code, state->'renstra' AS renstra FROM rm_plan_lines WHERE year = $1 AND office_code = $2 AND state->'renstra' IS NOT NULL`,
    [year, officeCode],
  );
  return new Map(rows.filter((r) => r.renstra).map((r) => [r.code, r.renstra!]));
}

/** Today in WIB (UTC+7), the offices' calendar: when the running year's evaluation is still provisional. */
const todayInWib = (): string => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);

/** Renstra figures and faktor notes for an evaluation; without an event store (benchmarks) there are no notes. */
export async function loadEvaluationInputs(
  dataSource: SqlRunner,
  store: Pick<EventStore, 'readStream'> | undefined,
  year: number,
  officeCode: string,
): Promise<EvaluationInputs> {
  const [renstra, notes] = await Promise.all([
    loadRenstra(dataSource, year, officeCode),
    store ? readNotes(store, officeCode, year) : Promise.resolve([]),
  ]);
  return { renstra, notes, today: todayInWib() };
}
