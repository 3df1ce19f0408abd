import type { AsOf, IndicatorDefinedData, PlanLineState, RenstraEntry } from '@renja/domain';
import { keptLineView, type KeptStateText, type LineView } from './line-view';

/**
 * Line states of the plan read model, kept between report requests for the views in the past
 * (validAt / knownAt), and the line views already folded from them.
 *
 * A stored state is the fold of its stream's events 1..version, and events never change: a state is
 * identified by (stream, version, last position) and can be kept for as long as the read model
 * reports that key. Reading and parsing the states (about 7 KB of JSON per line) was most of the cost of a
 * report in the past; with the states kept, a report loads only the rows' keys and the states that changed.
 *
 * A line's view depends on the point of view only through three facts about each entry: whether it was
 * known (recorded by knownAt), whether it had taken effect (effective date by validAt), and whether its
 * correction was known. Those facts, one digit per entry, are the key of a folded view: two points of
 * view that see the same of every entry get the same view, folded once.
 */
export interface CachedLine {
  key: string;
  /** The stored state (null until a view in the past needed it). */
  state: KeptState | null;
  /** Views in the past, by viewKey. */
  views: Map<string, LineView>;
  /** The full-knowledge view, from the stored views, with the parts read (movements, steps, Renstra entries). */
  present: {
    indicators: IndicatorDefinedData[];
    view: LineView;
    movements: boolean;
    steps: boolean;
    /** The line's Renstra entries (null: none), undefined when they were not read. */
    renstra?: readonly RenstraEntry[] | null;
  } | null;
}

/**
 * A stored state as it is kept: its JSON text, one string (the parsed state is hundreds of small objects, and
 * a province's of them were a third of the API's heap, all of it for the garbage collector to go through),
 * parsed again only to fold a view not kept; and what every view in the past reads of it, parsed once.
 */
export interface KeptState extends KeptStateText {
  registeredAt: string | null;
  indicators: IndicatorDefinedData[];
  renstra: readonly RenstraEntry[] | null;
  /** What viewKey reads, three values per entry: recorded at, effective date, recorded at of its correction (undefined: none). */
  facts: Array<string | null | undefined>;
}

/** The state to keep, from its stored JSON text and that text parsed (held weakly, for the views folded now). */
export function keepState(text: string, state: PlanLineState): KeptState {
  const facts: KeptState['facts'] = [];
  for (const e of state.entries) facts.push(e.recordedAt, e.effectiveDate, e.supersededBy ? e.supersededBy.recordedAt : undefined);
  return {
    text,
    parsed: new WeakRef(state),
    registeredAt: state.registeredAt ?? null,
    indicators: state.indicators,
    renstra: state.renstra ?? null,
    facts,
  };
}

/** Views kept per line: a few points of view (the ones an inspector goes back and forth between). */
const VIEWS_PER_LINE = 4;

// The very test of the folds (as-of.ts, pagu-steps.ts), so that a digit says what they will decide.
const known = (recordedAt: string | null, knownAt?: string): boolean =>
  knownAt === undefined || recordedAt === null || recordedAt <= knownAt;

/** The digits that decide what a point of view sees of a line (see above). */
export function viewKey({ facts }: KeptState, asOf: AsOf): string {
  let key = '';
  for (let i = 0; i < facts.length; i += 3) {
    const corrected = facts[i + 2];
    const digit =
      (known(facts[i] as string | null, asOf.knownAt) ? 1 : 0) +
      (asOf.validAt === undefined || (facts[i + 1] as string) <= asOf.validAt ? 2 : 0) +
      (corrected !== undefined && known(corrected, asOf.knownAt) ? 4 : 0);
    key += String(digit);
  }
  return key;
}

/** The line's view for a point of view, folded once per distinct key. */
export function cachedView(line: CachedLine & { state: KeptState }, asOf: AsOf): LineView {
  const key = viewKey(line.state, asOf);
  let view = line.views.get(key);
  if (view) return view;
  view = keptLineView(line.state, asOf);
  if (line.views.size >= VIEWS_PER_LINE) line.views.delete(line.views.keys().next().value!);
  line.views.set(key, view);
  return view;
}

/**
 * The kept states of one read model (one per DataSource), bounded by a number of lines: whole offices are
 * dropped, least recently read first. The default holds a province of 40 offices of 670 lines.
 */
export class LineStateCache<Line = CachedLine> {
  private readonly offices = new Map<string, Map<string, Line>>();
  private lines = 0;

  constructor(readonly limit: number) {}

  /** The office's kept lines (marked as read just now). */
  office(year: number, officeCode: string): Map<string, Line> {
    const id = `${year}|${officeCode}`;
    const lines = this.offices.get(id) ?? new Map<string, Line>();
    this.offices.delete(id);
    this.offices.set(id, lines);
    return lines;
  }

  /** Keeps the office's lines as they were just read (those no longer in the read model are gone). */
  replace(year: number, officeCode: string, lines: Map<string, Line>): void {
    const id = `${year}|${officeCode}`;
    this.lines -= this.offices.get(id)?.size ?? 0;
    this.offices.delete(id);
    if (lines.size > this.limit) return;
    this.offices.set(id, lines);
    this.lines += lines.size;
    for (const [oldest, kept] of this.offices) {
      if (this.lines <= this.limit) break;
      this.offices.delete(oldest);
      this.lines -= kept.size;
    }
  }
}

const caches = new WeakMap<object, LineStateCache>();

/**
 * Lines kept: RENJA_REPORT_CACHE_LINES, by default 30,000 (a province of 40 offices × 670 lines; about 7 KB
 * of parsed state each when the past was read, ~200 MB at most); 0 keeps nothing (every request reads all).
 */
export const cachedLinesLimit = (env: Record<string, string | undefined> = process.env): number => {
  const value = Number(env.RENJA_REPORT_CACHE_LINES ?? 30_000);
  return Number.isInteger(value) && value >= 0 ? value : 30_000;
};

/** The cache of one read model (keyed by its DataSource: tests run many databases in one process). */
export function lineStateCache(dataSource: object, limit = cachedLinesLimit()): LineStateCache {
  let cache = caches.get(dataSource);
  if (!cache) caches.set(dataSource, (cache = new LineStateCache(limit)));
  return cache;
}
