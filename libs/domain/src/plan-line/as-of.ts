import { invalid } from '../shared/errors';
import { msg } from '../shared/messages/message';
import { sortSmall } from '../shared/sort-small';
import type { LineEntry, PlanLineState } from './state';

/**
 * Bitemporal read: `validAt` (effective date, YYYY-MM-DD) keeps what had taken legal effect by then;
 * `knownAt` (recorded time, ISO timestamp) keeps what the ledger had recorded by then. Both optional.
 */
export interface AsOf {
  validAt?: string;
  knownAt?: string;
}

const KNOWN_AT = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

/** No validAt and no knownAt: everything recorded counts and every effective date has passed (the "now" view). */
export const isFullKnowledge = (asOf: AsOf): boolean => asOf.validAt === undefined && asOf.knownAt === undefined;

/**
 * Normalises a knownAt given as a date (end of that day, UTC) or an ISO timestamp to the store's format,
 * ISO 8601 UTC with microseconds (2022-12-15T23:59:59.999999Z), so that it compares as text with
 * recordedAt. A timestamp without offset is UTC. Microseconds are kept: an event's own recordedAt, used
 * as knownAt, includes that event.
 */
export function normaliseKnownAt(value: string, field = 'knownAt'): string {
  const fail = () => invalid(field, msg('KNOWN_AT_FORMAT', { value }), 'KNOWN_AT_FORMAT');
  const m = typeof value === 'string' ? KNOWN_AT.exec(value.trim()) : null;
  if (!m) throw fail();
  const [, date, time, seconds = '00', fraction = '', zone = 'Z'] = m;
  const day = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(day) || new Date(day).toISOString().slice(0, 10) !== date) throw fail(); // 2022-02-30
  if (!time) return `${date}T23:59:59.999999Z`;
  const ms = Date.parse(`${date}T${time}:${seconds}${zone.toUpperCase()}`);
  if (Number.isNaN(ms)) throw fail();
  const iso = new Date(ms).toISOString(); // 2022-12-15T09:15:02.000Z: seconds exact, fraction added below
  return `${iso.slice(0, 20)}${fraction.padEnd(6, '0').slice(0, 6)}Z`;
}

const known = (recordedAt: string | null, knownAt?: string): boolean =>
  knownAt === undefined || recordedAt === null || recordedAt <= knownAt;

/**
 * Folds ask for the same entries several times (pagu, realisation, targets, the pagu trail), so the
 * result is remembered per entries array (states never change theirs: evolve makes a new one) and point
 * of view. The array is shared: callers read it, never change it.
 */
const inForce = new WeakMap<readonly LineEntry[], Map<string, readonly LineEntry[]>>();

/** Entries in force for a point of view, ordered by effective date then stream order. */
export function entriesAsOf(state: PlanLineState, asOf: AsOf = {}): readonly LineEntry[] {
  const key = `${asOf.validAt ?? ''}|${asOf.knownAt ?? ''}`;
  let byView = inForce.get(state.entries);
  if (!byView) inForce.set(state.entries, (byView = new Map()));
  let entries = byView.get(key);
  if (!entries) byView.set(key, (entries = Object.freeze(selectEntries(state, asOf))));
  return entries;
}

/** By effective date, then stream order. */
const byEffectiveDate = (a: LineEntry, b: LineEntry): number =>
  a.effectiveDate === b.effectiveDate ? a.sequence - b.sequence : a.effectiveDate < b.effectiveDate ? -1 : 1;

function selectEntries(state: PlanLineState, asOf: AsOf): LineEntry[] {
  const selected = state.entries.filter(
    (e) =>
      known(e.recordedAt, asOf.knownAt) &&
      (!e.supersededBy || !known(e.supersededBy.recordedAt, asOf.knownAt)) &&
      (asOf.validAt === undefined || e.effectiveDate <= asOf.validAt),
  );
  return sortSmall(selected, byEffectiveDate);
}
