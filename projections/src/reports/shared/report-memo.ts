import { cachedLinesLimit } from './line-cache';
import type { ReportScope } from './report-lines';

/**
 * Whole reports kept between requests, for as long as the lines they were computed from are the same.
 *
 * The report reader keeps each line's views (line-cache.ts): a kept view is the same object for as long as
 * the line's key (stream version, last position) and, in the past, the point of view's digits are the same,
 * and a new object otherwise. A report computed from a scope is a pure function of the office, each line's
 * place, name, indicators and view, and the report's own parameters; so a scope whose lines carry the very
 * same objects gives the very same report, and it is not computed again. Views are compared by identity
 * (a number given to each object once, never reused), so a line read again (a new view) is a new report.
 * Without kept lines (RENJA_REPORT_CACHE_LINES=0) every view is new and nothing is kept here either.
 */
const ids = new WeakMap<object, number>();
let lastId = 0;

/** A number for an object, given once and never reused. */
export const idOf = (o: object): number => {
  let id = ids.get(o);
  if (id === undefined) ids.set(o, (id = ++lastId));
  return id;
};

/** What a report computed from the scope's lines depends on (the point of view only through the views). */
export function linesFingerprint(scope: ReportScope): string {
  const parts: Array<string | number> = [scope.year, scope.office.code, scope.office.name];
  for (const l of scope.lines) parts.push(l.code, l.level, l.parentCode ?? '', l.name, idOf(l.indicators), idOf(l.view));
  return parts.join('\u0000');
}

/**
 * Reports kept, least recently used dropped first, bounded by lines: a report of an office of 670 lines
 * counts 670. The bound is twice the kept lines' (RENJA_REPORT_CACHE_LINES): two reports of each kept office.
 */
export class ReportMemo {
  private readonly kept = new Map<string, { value: unknown; lines: number }>();
  private lines = 0;

  constructor(readonly limit: number) {}

  /** The report for this key (kind, parameters, fingerprint): kept, or computed and kept. */
  get<T>(key: string, lines: number, compute: () => T): T {
    const hit = this.kept.get(key);
    if (hit) {
      this.kept.delete(key);
      this.kept.set(key, hit);
      return hit.value as T;
    }
    const value = compute();
    if (lines > this.limit) return value;
    this.kept.set(key, { value, lines });
    this.lines += lines;
    for (const [oldest, kept] of this.kept) {
      if (this.lines <= this.limit) break;
      this.kept.delete(oldest);
      this.lines -= kept.lines;
    }
    return value;
  }
}

const memos = new WeakMap<object, ReportMemo>();

/** The kept reports of one read model (keyed like the kept lines, by the reader's database handle). */
export function reportMemo(dataSource: object, limit = 2 * cachedLinesLimit()): ReportMemo {
  let memo = memos.get(dataSource);
  if (!memo) memos.set(dataSource, (memo = new ReportMemo(limit)));
  return memo;
}
