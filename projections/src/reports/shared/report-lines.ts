import type { SqlRunner } from '../../shared/sql-runner';
import {
  isFullKnowledge,
  msg,
  notFound,
  sortByPlanCode,
  type AsOf,
  type PlanLevel,
  type PlanLineState,
  type RenstraEntry,
} from '@renja/domain';
import { STORED_VIEWS_VERSION } from '../../shared/stored-views';
import { cachedView, keepState, lineStateCache, type CachedLine, type KeptState } from './line-cache';
import { foldLineView, keptLineView, storedLineView } from './line-view';
import type { ReportLine } from './line-types';

export type { ReportLine } from './line-types';

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
  /**
   * The Renstra entries of the office's lines by code (every line of the office that has any, known by the
   * point of view or not): read with the lines for the evaluation. A view in the past has them from the
   * lines' states; the present only when asked for (ViewParts.renstra).
   */
  renstra?: Map<string, readonly RenstraEntry[]>;
}

interface LineRow {
  stream_id: string;
  code: string;
  level: PlanLevel;
  parent_code: string | null;
  name: string;
  state: PlanLineState | null;
  /** The stored views' JSON text. */
  report_view?: string | null;
  report_movements?: string | null;
  report_steps?: string | null;
}

/** The parts of the stored views a report reads besides the figures (each is a column of its own). */
export interface ViewParts {
  /** Pagu movements in force: reports that explain deltas (reconciliation, absorption's late additions). */
  movements?: boolean;
  /** Every pagu step, corrected ones included: the pagu trail. */
  steps?: boolean;
  /** The lines' Renstra entries (ReportScope.renstra): the evaluation. */
  renstra?: boolean;
}

/** A line belongs to an as-known-at view only once its registration was recorded (as in PlanReader). */
const knownBy = (state: { registeredAt?: string | null }, asOf: AsOf): boolean =>
  !asOf.knownAt || !state.registeredAt || state.registeredAt <= asOf.knownAt;

const inDocumentOrder = <T extends { code: string }>(lines: T[]): T[] => sortByPlanCode(lines, (l) => l.code);

async function officeOf(dataSource: SqlRunner, officeCode: string): Promise<{ code: string; name: string }> {
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
 * Lines read before and unchanged since (same version and last position) are not read again: their views
 * are kept between requests (line-cache.ts), and the query returns only their keys.
 */
export async function loadReportScope(
  dataSource: SqlRunner,
  year: number,
  officeCode: string,
  asOf: AsOf,
  parts: ViewParts = {},
): Promise<ReportScope> {
  // The office is looked up while its lines are read (a code not registered is a 404 either way).
  const office = officeOf(dataSource, officeCode);
  office.catch(() => undefined);
  const [scope] = await loadScopes(dataSource, year, [officeCode], () => office.then((o) => [o]), asOf, parts);
  return scope;
}

/**
 * The scopes of every office with lines in the year (in office code order), read as loadReportScope reads one
 * office's, but with one query for all of them: the same kept lines, the same views, so the same reports.
 */
export async function loadProvinceScopes(dataSource: SqlRunner, year: number, asOf: AsOf, parts: ViewParts = {}): Promise<ReportScope[]> {
  const offices = await officesOfYear(dataSource, year);
  return loadScopes(
    dataSource,
    year,
    offices.map((o) => o.code),
    async () => offices,
    asOf,
    parts,
  );
}

/** The offices with lines in the year, in code order. */
export async function officesOfYear(dataSource: SqlRunner, year: number): Promise<Array<{ code: string; name: string }>> {
  return dataSource.query(
    `SELECT o.code, o.name FROM rm_offices o
     WHERE EXISTS (SELECT 1 FROM rm_plan_lines l WHERE l.year = $1 AND l.office_code = o.code)
     ORDER BY o.code COLLATE "C"`,
    [year],
  );
}

type Offices = () => Promise<Array<{ code: string; name: string }>>;

/**
 * The offices' lines (`codes`, named by `offices`, asked for while the lines are read), one query for all:
 * rows grouped by office, each office's in document order.
 */
async function loadScopes(
  dataSource: SqlRunner,
  year: number,
  codes: string[],
  offices: Offices,
  asOf: AsOf,
  parts: ViewParts,
): Promise<ReportScope[]> {
  if (codes.length === 0) return [];
  if (!isFullKnowledge(asOf)) return loadPastScopes(dataSource, year, codes, offices, asOf);
  const cache = lineStateCache(dataSource);
  const keptOf = new Map(codes.map((code) => [code, cache.office(year, code)]));
  // Offices read whole before, with the parts asked for: one small query says whether any of their lines changed.
  const unchanged = await unchangedOffices(dataSource, year, keptOf, parts);
  const [named, read] = await Promise.all([
    offices(),
    readPresentLines(
      dataSource,
      year,
      codes.filter((code) => !unchanged.has(code)),
      keptOf,
      asOf,
      parts,
    ),
  ]);
  return named.map((office) => {
    const lines = unchanged.get(office.code) ?? read.get(office.code) ?? { lines: [], renstra: new Map() };
    // Copies: a report may not change what is kept.
    return { year, office, asOf, lines: [...lines.lines], ...(parts.renstra ? { renstra: new Map(lines.renstra) } : {}) };
  });
}

/**
 * An office's lines as last read whole, in document order, with what tells whether any changed since (MARK) and
 * the parts every line's view has. Kept with the office's kept lines (the very Map line-cache.ts keeps for it):
 * when those are replaced or dropped, this goes with them.
 */
interface PresentLines {
  lines: ReportLine[];
  renstra: Map<string, readonly RenstraEntry[]>;
  /** MARK of the lines read. */
  mark: string;
  /** The parts every line's view has. */
  parts: Required<ViewParts>;
}
const presentLines = new WeakMap<Map<string, CachedLine>, PresentLines>();

/**
 * What changes whenever any line of an office changes: the greatest last position and the number of lines. A
 * line is only ever written by projecting an event, with that event's position, which is greater than every
 * position written before; no line is ever deleted.
 */
const MARK = `max(last_position)::text || ':' || count(*)`;

/** The kept offices (of `keptOf`) whose lines are all as they were last read, with the parts asked for. */
async function unchangedOffices(
  dataSource: SqlRunner,
  year: number,
  keptOf: Map<string, Map<string, CachedLine>>,
  parts: ViewParts,
): Promise<Map<string, PresentLines>> {
  const candidates = new Map<string, PresentLines>();
  for (const [code, kept] of keptOf) {
    const present = presentLines.get(kept);
    if (
      present !== undefined &&
      (!parts.movements || present.parts.movements) &&
      (!parts.steps || present.parts.steps) &&
      (!parts.renstra || present.parts.renstra)
    )
      candidates.set(code, present);
  }
  const marks = await officeMarks(dataSource, year, [...candidates.keys()]);
  const unchanged = new Map<string, PresentLines>();
  for (const [code, present] of candidates) if (marks.get(code) === present.mark) unchanged.set(code, present);
  return unchanged;
}

/** MARK of each of the offices `codes` that has lines in the year (none asked for: no query). */
async function officeMarks(dataSource: SqlRunner, year: number, codes: string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const marks = await dataSource.query<{ office_code: string; mark: string }>(
    `SELECT office_code, ${MARK} AS mark FROM rm_plan_lines WHERE year = $1 AND office_code = ANY($2::text[]) GROUP BY office_code`,
    [year, codes],
  );
  return new Map(marks.map((m) => [m.office_code, m.mark]));
}

/** The present lines of the offices `codes`, by office, read in one query (see loadReportScope); kept for next time. */
async function readPresentLines(
  dataSource: SqlRunner,
  year: number,
  codes: string[],
  keptOf: Map<string, Map<string, CachedLine>>,
  asOf: AsOf,
  parts: ViewParts,
): Promise<Map<string, PresentLines>> {
  const read = new Map<string, PresentLines>();
  if (codes.length === 0) return read;
  const cache = lineStateCache(dataSource);
  // Lines kept with their present view and the parts asked for are not read again; the others are read with
  // every part any kept line has, so that reports asking for different parts do not read each other's away.
  const covers = (l: CachedLine) =>
    l.present !== null &&
    (!parts.movements || l.present.movements) &&
    (!parts.steps || l.present.steps) &&
    (!parts.renstra || l.present.renstra !== undefined);
  const allKept = codes.flatMap((code) => [...keptOf.get(code)!]);
  const reusable = allKept.filter(([, l]) => covers(l));
  const want = {
    movements: !!parts.movements || allKept.some(([, l]) => l.present?.movements),
    steps: !!parts.steps || allKept.some(([, l]) => l.present?.steps),
    renstra: !!parts.renstra || allKept.some(([, l]) => l.present?.renstra !== undefined),
  };
  // The stored views as text (line-view.ts keeps their parts as text).
  const unlessKept = (column: string) => `CASE WHEN k.key IS NULL THEN l.${column}::text END AS ${column}`;
  const columns = ['report_view', ...(want.movements ? ['report_movements'] : []), ...(want.steps ? ['report_steps'] : [])].map(unlessKept);
  // The Renstra entries are a part of the state (PostgreSQL parses the state's JSON to take them out): read
  // only for a line not kept whose state is not read whole anyway.
  if (want.renstra)
    columns.push(`CASE WHEN k.key IS NULL AND l.views_version IS NOT DISTINCT FROM $5 THEN l.state->'renstra' END AS renstra`);
  const rows = await dataSource.query<LineRow & { office_code: string; key: string; kept: boolean; renstra?: RenstraEntry[] | null }>(
    `SELECT l.office_code, l.stream_id, l.code, l.level, l.parent_code, l.name, ${KEY} AS key, k.key IS NOT NULL AS kept, ${columns.join(', ')},
       CASE WHEN k.key IS NULL AND l.views_version IS DISTINCT FROM $5 THEN l.state END AS state
     ${KEPT_JOIN_ANY}`,
    [year, codes, reusable.map(([id]) => id), reusable.map(([, l]) => l.key), STORED_VIEWS_VERSION],
  );
  for (const [code, officeRows] of groupByOffice(rows)) {
    const kept = keptOf.get(code)!;
    const now = new Map<string, CachedLine>();
    const renstra = new Map<string, readonly RenstraEntry[]>();
    const has = { movements: true, steps: true, renstra: true };
    let last = 0n;
    const lines = officeRows.map((r): ReportLine => {
      let line = r.kept ? kept.get(r.stream_id)! : undefined;
      if (!line) {
        const old = kept.get(r.stream_id);
        line = old && old.key === r.key ? old : { key: r.key, state: null, views: new Map(), present: null };
        const stored = r.state === null ? storedLineView(r.report_view!, r.report_movements ?? null, r.report_steps ?? null) : null;
        line.present = {
          indicators: stored ? stored.indicators : r.state!.indicators,
          view: stored ? stored.view : keptLineView(r.state!, asOf),
          movements: want.movements || !stored,
          steps: want.steps || !stored,
          ...(want.renstra || !stored ? { renstra: (stored ? r.renstra : r.state!.renstra) ?? null } : {}),
        };
      }
      now.set(r.stream_id, line);
      const present = line.present!;
      if (present.renstra) renstra.set(r.code, present.renstra);
      has.movements &&= present.movements;
      has.steps &&= present.steps;
      has.renstra &&= present.renstra !== undefined;
      const position = BigInt(r.key.slice(r.key.indexOf(':') + 1));
      if (position > last) last = position;
      return { code: r.code, level: r.level, parentCode: r.parent_code, name: r.name, indicators: present.indicators, view: present.view };
    });
    cache.replace(year, code, now);
    const office: PresentLines = { lines: inDocumentOrder(lines), renstra, mark: `${last}:${officeRows.length}`, parts: has };
    presentLines.set(now, office);
    read.set(code, office);
  }
  return read;
}

const groupByOffice = <T extends { office_code: string }>(rows: T[]): Map<string, T[]> => {
  const byOffice = new Map<string, T[]>();
  for (const r of rows) {
    const list = byOffice.get(r.office_code);
    if (list) list.push(r);
    else byOffice.set(r.office_code, [r]);
  }
  return byOffice;
};

/** What identifies a line's stored state and views: the stream version and the position of its last event. */
export const KEY = `l.version || ':' || l.last_position`;
/** The office's lines, joined with the keys of the kept ones ($3 stream ids, $4 keys) that are still current. */
export const KEPT_JOIN = `FROM rm_plan_lines l
  LEFT JOIN unnest($3::text[], $4::text[]) AS k(stream_id, key) ON k.stream_id = l.stream_id AND k.key = ${KEY}
  WHERE l.year = $1 AND l.office_code = $2`;
/** As KEPT_JOIN, for the offices $2 (an array of codes). */
export const KEPT_JOIN_ANY = `FROM rm_plan_lines l
  LEFT JOIN unnest($3::text[], $4::text[]) AS k(stream_id, key) ON k.stream_id = l.stream_id AND k.key = ${KEY}
  WHERE l.year = $1 AND l.office_code = ANY($2::text[])`;

interface PastRow {
  office_code: string;
  stream_id: string;
  code: string;
  level: PlanLevel;
  parent_code: string | null;
  name: string;
  key: string;
  /** The stored state's JSON text (kept as text: line-cache.ts). */
  state: string | null;
}

/**
 * The lines for a point of view in the past (validAt / knownAt), in one query: the states kept from earlier
 * requests (line-cache.ts) are sent as keys, and the query returns the state only of the lines whose key
 * differs (new events) or that were not kept. Each line's view is folded once per distinct point of view.
 */
async function loadPastScopes(dataSource: SqlRunner, year: number, codes: string[], offices: Offices, asOf: AsOf): Promise<ReportScope[]> {
  const cache = lineStateCache(dataSource);
  const keptOf = new Map(codes.map((code) => [code, cache.office(year, code)]));
  // Offices whose lines' states were all read before: one small query says whether any changed (as for the present).
  const candidates = new Map<string, PastLines>();
  for (const [code, kept] of keptOf) {
    const past = pastLines.get(kept);
    if (past) candidates.set(code, past);
  }
  const marks = await officeMarks(dataSource, year, [...candidates.keys()]);
  const unchanged = new Set([...candidates].filter(([code, past]) => marks.get(code) === past.mark).map(([code]) => code));
  const rest = codes.filter((code) => !unchanged.has(code));
  const withState = rest.flatMap((code) => [...keptOf.get(code)!].filter(([, l]) => l.state !== null));
  const [named, rows] = await Promise.all([
    offices(),
    rest.length === 0
      ? []
      : dataSource.query<PastRow>(
          `SELECT l.office_code, l.stream_id, l.code, l.level, l.parent_code, l.name, ${KEY} AS key, CASE WHEN k.key IS NULL THEN l.state::text END AS state
       ${KEPT_JOIN_ANY}`,
          [year, rest, withState.map(([id]) => id), withState.map(([, l]) => l.key)],
        ),
  ]);
  const byOffice = groupByOffice(rows);
  return named.map((office) => {
    const kept = keptOf.get(office.code)!;
    let officeRows: PastLine[];
    let now: Map<string, CachedLine & { state: KeptState }>;
    if (unchanged.has(office.code)) {
      officeRows = candidates.get(office.code)!.rows;
      now = kept as Map<string, CachedLine & { state: KeptState }>;
    } else {
      const read = byOffice.get(office.code) ?? [];
      now = new Map();
      let last = 0n;
      for (const r of read) {
        const position = BigInt(r.key.slice(r.key.indexOf(':') + 1));
        if (position > last) last = position;
        const old = kept.get(r.stream_id);
        if (r.state === null) {
          now.set(r.stream_id, old as CachedLine & { state: KeptState });
          continue;
        }
        const state = JSON.parse(r.state) as PlanLineState;
        const line = old && old.key === r.key ? old : { key: r.key, views: new Map(), present: null };
        now.set(r.stream_id, Object.assign(line, { state: keepState(r.state, state) }));
      }
      cache.replace(year, office.code, now);
      officeRows = read.map(({ stream_id, code, level, parent_code, name }) => ({ stream_id, code, level, parent_code, name }));
      if (read.length > 0) pastLines.set(now, { mark: `${last}:${read.length}`, rows: officeRows });
    }
    const renstra = new Map<string, readonly RenstraEntry[]>();
    for (const r of officeRows) {
      const entries = now.get(r.stream_id)!.state.renstra;
      if (entries) renstra.set(r.code, entries);
    }
    const lines = officeRows
      .filter((r) => knownBy(now.get(r.stream_id)!.state, asOf))
      .map((r): ReportLine => {
        const line = now.get(r.stream_id)!;
        return {
          code: r.code,
          level: r.level,
          parentCode: r.parent_code,
          name: r.name,
          indicators: line.state.indicators,
          view: cachedView(line, asOf),
        };
      });
    return { year, office, asOf, lines: inDocumentOrder(lines), renstra };
  });
}

/** A line as the past reads it besides its kept state. */
type PastLine = Pick<PastRow, 'stream_id' | 'code' | 'level' | 'parent_code' | 'name'>;

/** An office's lines whose states were all read in one query (kept with its kept lines, as PresentLines is). */
interface PastLines {
  /** MARK of the lines read. */
  mark: string;
  rows: PastLine[];
}
const pastLines = new WeakMap<Map<string, CachedLine>, PastLines>();

/** Every line of an office and year with its whole folded state, for reports that read the entries themselves. */
export async function loadStateScope(
  dataSource: SqlRunner,
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
