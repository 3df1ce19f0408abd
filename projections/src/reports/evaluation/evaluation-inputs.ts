import type { SqlRunner } from '../../shared/sql-runner';
import type { RenstraEntry } from '@renja/domain';
import type { EventStore } from '@renja/event-store';
import type { EvaluationInputs } from './evaluation.report';
import { cachedLinesLimit, LineStateCache } from '../shared/line-cache';
import { KEPT_JOIN_ANY, KEY } from '../shared/report-lines';
import { readNotes } from './evaluation-notes';

/** A line's Renstra entries as last read, with the key of the row they were read from (line-cache.ts). */
interface KeptRenstra {
  key: string;
  renstra: RenstraEntry[] | null;
}

const keptRenstra = new WeakMap<object, LineStateCache<KeptRenstra>>();

/**
 * The Renstra entries of an office's lines, from the plan read model's line states (the part of each
 * state the evaluation needs, not the whole state): a line without any is left out. Taking that part out
 * makes PostgreSQL parse the whole state of every line (~6 KB of JSON each, most of an evaluation's time),
 * so the entries are kept between requests as the line states are (line-cache.ts): the query sends the kept
 * lines' keys, and parses the state only of the lines whose key changed or that were not kept.
 */
async function loadRenstra(
  dataSource: SqlRunner,
  year: number,
  officeCodes: string[],
): Promise<Map<string, Map<string, readonly RenstraEntry[]>>> {
  let cache = keptRenstra.get(dataSource);
  if (!cache) keptRenstra.set(dataSource, (cache = new LineStateCache<KeptRenstra>(cachedLinesLimit())));
  const keptOf = new Map(officeCodes.map((code) => [code, cache.office(year, code)]));
  const kept = [...keptOf.values()].flatMap((lines) => [...lines]);
  const rows: Array<{ office_code: string; stream_id: string; code: string; key: string; kept: boolean; renstra: RenstraEntry[] | null }> =
    await dataSource.query(
      `SELECT l.office_code, l.stream_id, l.code, ${KEY} AS key, k.key IS NOT NULL AS kept, CASE WHEN k.key IS NULL THEN l.state->'renstra' END AS renstra
     ${KEPT_JOIN_ANY}`,
      [year, officeCodes, kept.map(([id]) => id), kept.map(([, l]) => l.key)],
    );
  const now = new Map(officeCodes.map((code) => [code, new Map<string, KeptRenstra>()]));
  const renstra = new Map(officeCodes.map((code) => [code, new Map<string, readonly RenstraEntry[]>()]));
  for (const r of rows) {
    const line = r.kept ? keptOf.get(r.office_code)!.get(r.stream_id)! : { key: r.key, renstra: r.renstra };
    now.get(r.office_code)!.set(r.stream_id, line);
    if (line.renstra) renstra.get(r.office_code)!.set(r.code, line.renstra);
  }
  for (const [code, lines] of now) cache.replace(year, code, lines);
  return renstra;
}

/** Today in WIB (UTC+7), the offices' calendar: when the running year's evaluation is still provisional. */
const todayInWib = (): string => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);

/** Renstra figures and faktor notes for an evaluation; without an event store (benchmarks) there are no notes. */
export async function loadEvaluationInputs(
  dataSource: SqlRunner,
  store: Pick<EventStore, 'readStream'> | undefined,
  year: number,
  officeCode: string,
  /** The Renstra entries being read with the lines (a view in the past, ReportScope.renstra): not read again. */
  known?: Promise<Map<string, readonly RenstraEntry[]>>,
): Promise<EvaluationInputs> {
  const [renstra, notes] = await Promise.all([
    known ?? loadRenstra(dataSource, year, [officeCode]).then((byOffice) => byOffice.get(officeCode)!),
    store ? readNotes(store, officeCode, year) : Promise.resolve([]),
  ]);
  return { renstra, notes, today: todayInWib() };
}

/** The evaluation inputs of several offices: one query for their Renstra entries, their notes read side by side. */
export async function loadOfficesEvaluationInputs(
  dataSource: SqlRunner,
  store: Pick<EventStore, 'readStream'> | undefined,
  year: number,
  officeCodes: string[],
  /** Each office's Renstra entries already read with its lines (views in the past): then none are read. */
  known?: Map<string, Map<string, readonly RenstraEntry[]>>,
): Promise<Map<string, EvaluationInputs>> {
  const [renstra, notes] = await Promise.all([
    known ?? loadRenstra(dataSource, year, officeCodes),
    Promise.all(officeCodes.map((code) => (store ? readNotes(store, code, year) : Promise.resolve([])))),
  ]);
  const today = todayInWib();
  return new Map(officeCodes.map((code, i) => [code, { renstra: renstra.get(code)!, notes: notes[i], today }]));
}
