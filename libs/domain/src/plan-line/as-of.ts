import { invalid } from '../shared/errors';
import type { LineEntry, PlanLineState } from './state';

/**
 * Bitemporal read: `validAt` (effective date, YYYY-MM-DD) keeps what had taken legal effect by then;
 * `knownAt` (recorded time, ISO timestamp) keeps what the ledger had recorded by then. Both optional.
 */
export interface AsOf {
  validAt?: string;
  knownAt?: string;
}

/** Normalises a knownAt given as a date (end of that day, UTC) or a timestamp to the store's format. */
export function normaliseKnownAt(value: string, field = 'knownAt'): string {
  const isDate = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const ms = Date.parse(isDate ? `${value}T23:59:59.999Z` : value);
  if (Number.isNaN(ms)) throw invalid(field, `"${value}" is not a date or an ISO timestamp`, 'KNOWN_AT_FORMAT');
  const iso = new Date(ms).toISOString(); // 2022-12-15T23:59:59.999Z
  return `${iso.slice(0, 23)}${isDate ? '999' : '000'}Z`;
}

const known = (recordedAt: string | null, knownAt?: string): boolean =>
  knownAt === undefined || recordedAt === null || recordedAt <= knownAt;

/** Entries in force for a point of view, ordered by effective date then stream order. */
export function entriesAsOf(state: PlanLineState, asOf: AsOf = {}): LineEntry[] {
  return state.entries
    .filter((e) => known(e.recordedAt, asOf.knownAt))
    .filter((e) => !e.supersededBy || !known(e.supersededBy.recordedAt, asOf.knownAt))
    .filter((e) => asOf.validAt === undefined || e.effectiveDate <= asOf.validAt)
    .sort((a, b) => (a.effectiveDate === b.effectiveDate ? a.sequence - b.sequence : a.effectiveDate < b.effectiveDate ? -1 : 1));
}
