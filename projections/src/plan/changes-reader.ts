import type { SqlRunner } from '../shared/sql-runner';
import type { HistoryEntry } from './plan-reader';

/** One change in an office-year's log: the line history entry, which line, and the correction of it if any. */
export interface ChangeEntry extends HistoryEntry {
  code: string;
  lineName: string;
  level: string;
  /** The event that corrected this one, if any. */
  correctedBy: string | null;
}

export interface ChangeFilter {
  /** Recorded at or after (inclusive), ISO instant. */
  from?: string;
  /** Recorded before (exclusive), ISO instant. */
  before?: string;
  actor?: string;
  kind?: string;
  code?: string;
  order: 'asc' | 'desc';
  limit: number;
  /** Position cursor: entries after it in the chosen order. */
  after?: number;
}

export interface ChangeLog {
  entries: ChangeEntry[];
  /** Pass as `after` for the next page; null on the last page. */
  nextAfter: number | null;
  actors: string[];
  kinds: string[];
}

interface Row {
  position: string;
  event_id: string;
  event_type: string;
  recorded_at: string;
  effective_date: string | null;
  actor: string;
  figure: string | null;
  from_value: string | null;
  to_value: string | null;
  reason: string | null;
  legal_basis: HistoryEntry['legalBasis'];
  corrects_event_id: string | null;
  code: string;
  name: string;
  level: string;
  corrected_by: string | null;
}

/** The office-year's change log from the line history read model, filtered and paged by position. */
export async function officeYearChanges(dataSource: SqlRunner, year: number, office: string, filter: ChangeFilter): Promise<ChangeLog> {
  const where = ['p.year = $1', 'p.office_code = $2'];
  const values: unknown[] = [year, office];
  const add = (sql: (n: string) => string, value: unknown) => {
    values.push(value);
    where.push(sql(`$${values.length}`));
  };
  if (filter.from !== undefined) add((n) => `h.recorded_at::timestamptz >= ${n}::timestamptz`, filter.from);
  if (filter.before !== undefined) add((n) => `h.recorded_at::timestamptz < ${n}::timestamptz`, filter.before);
  if (filter.actor !== undefined) add((n) => `h.actor = ${n}`, filter.actor);
  if (filter.kind !== undefined) add((n) => `h.event_type = ${n}`, filter.kind);
  if (filter.code !== undefined) add((n) => `p.code = ${n}`, filter.code);
  const desc = filter.order === 'desc';
  if (filter.after !== undefined) add((n) => `h.position ${desc ? '<' : '>'} ${n}`, filter.after);
  values.push(filter.limit + 1);
  const direction = desc ? 'DESC' : 'ASC';
  const rows: Row[] = await dataSource.query(
    `WITH picked AS (
       SELECT DISTINCT h.position FROM rm_line_history h JOIN rm_plan_lines p ON p.stream_id = h.stream_id
        WHERE ${where.join(' AND ')} ORDER BY h.position ${direction} LIMIT $${values.length})
     SELECT h.position, h.event_id, h.event_type, h.recorded_at, to_char(h.effective_date, 'YYYY-MM-DD') AS effective_date, h.actor,
            h.figure, h.from_value, h.to_value, h.reason, h.legal_basis, h.corrects_event_id, p.code, p.name, p.level,
            (SELECT c.event_id FROM rm_line_history c WHERE c.corrects_event_id = h.event_id ORDER BY c.position LIMIT 1) AS corrected_by
       FROM picked JOIN rm_line_history h ON h.position = picked.position JOIN rm_plan_lines p ON p.stream_id = h.stream_id
      ORDER BY h.position ${direction}, h.seq`,
    values,
  );
  const entries = new Map<number, ChangeEntry>();
  for (const r of rows) {
    const position = Number(r.position);
    const entry = entries.get(position) ?? {
      position,
      eventId: r.event_id,
      type: r.event_type,
      recordedAt: r.recorded_at,
      effectiveDate: r.effective_date,
      actor: r.actor,
      reason: r.reason,
      legalBasis: r.legal_basis,
      correctsEventId: r.corrects_event_id,
      changes: [],
      code: r.code,
      lineName: r.name,
      level: r.level,
      correctedBy: r.corrected_by,
    };
    if (r.figure !== null) entry.changes.push({ figure: r.figure, from: r.from_value, to: r.to_value });
    entries.set(position, entry);
  }
  const all = [...entries.values()];
  const page = all.slice(0, filter.limit);
  const distinct: Array<{ actors: string[] | null; kinds: string[] | null }> = await dataSource.query(
    `SELECT array_agg(DISTINCT h.actor ORDER BY h.actor) AS actors, array_agg(DISTINCT h.event_type ORDER BY h.event_type) AS kinds
       FROM rm_line_history h JOIN rm_plan_lines p ON p.stream_id = h.stream_id WHERE p.year = $1 AND p.office_code = $2`,
    [year, office],
  );
  return {
    entries: page,
    nextAfter: all.length > filter.limit ? page[page.length - 1].position : null,
    actors: distinct[0]?.actors ?? [],
    kinds: distinct[0]?.kinds ?? [],
  };
}
