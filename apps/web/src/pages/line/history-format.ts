import { formatRupiah } from '../../format';
import type { Locale } from '../../i18n/i18n';
import type { HistoryEntry } from './line-types';

/** Which entry corrects which: eventId of a corrected entry → the entry that corrects it. */
export function correctionsOf(entries: HistoryEntry[]): Map<string, HistoryEntry> {
  const map = new Map<string, HistoryEntry>();
  for (const entry of entries) if (entry.correctsEventId) map.set(entry.correctsEventId, entry);
  return map;
}

/** knownAt as the server reads it: a bare date means the end of that day (UTC). */
export function knownAtLimit(knownAt: string | undefined): string | undefined {
  if (!knownAt) return undefined;
  return /^\d{4}-\d{2}-\d{2}$/.test(knownAt) ? `${knownAt}T23:59:59.999999Z` : knownAt;
}

/**
 * The history as the ledger knew it at knownAt: entries recorded later are left out (the history
 * endpoint answers everything recorded, so the page applies the same rule as the server's reports:
 * recordedAt ≤ knownAt, compared as ISO texts of the same shape).
 */
export function knownEntries(entries: HistoryEntry[], knownAt: string | undefined): HistoryEntry[] {
  const limit = knownAtLimit(knownAt);
  if (!limit) return entries;
  const limitTime = Date.parse(limit);
  return entries.filter((e) => Date.parse(e.recordedAt) <= limitTime);
}

/** True when the entry takes effect after the view's validAt (known, but not yet in effect then). */
export function effectiveAfter(entry: HistoryEntry, validAt: string | undefined): boolean {
  return !!validAt && !!entry.effectiveDate && entry.effectiveDate > validAt;
}

const MONEY_FIGURE = /^(pagu|realisation)\./;
const DECIMAL = /^-?\d+\.\d{1,2}$/;

/** A changed value as text: pagu and realisation amounts (decimal strings) in rupiah, others as recorded. */
export function changeValue(figure: string, value: string | null, locale: Locale): string {
  if (value === null) return '—';
  return MONEY_FIGURE.test(figure) && DECIMAL.test(value) ? formatRupiah(value, locale) : value;
}
