import { formatDecimal } from '../../format';
import type { Locale } from '../../i18n/i18n';
import type { CodedRow, ConsistencyRow, ConsistencyStatus } from './report-types';

/** Compares plan codes segment by segment ("2.17.01" before "2.17.01.1.01" before "2.17.02"); no arithmetic on amounts. */
export function comparePlanCodes(a: string, b: string): number {
  const x = a.split('.');
  const y = b.split('.');
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    if (x[i] !== y[i]) return x[i].length !== y[i].length ? x[i].length - y[i].length : x[i] < y[i] ? -1 : 1;
  }
  return x.length - y.length;
}

export interface HierarchyRow<T> {
  row: T;
  /** A program or kegiatan subtotal (rolled up by the server), as opposed to a line's own amounts. */
  subtotal: boolean;
}

/**
 * Interleaves the server's program and kegiatan subtotals with the lines, in plan order, so each
 * subtotal heads what it sums. Only reorders rows: every figure is the server's.
 */
export function inPlanOrder<T extends CodedRow>(programs: T[], kegiatan: T[], lines: T[]): Array<HierarchyRow<T>> {
  const rows = [
    ...programs.map((row) => ({ row, subtotal: true })),
    ...kegiatan.map((row) => ({ row, subtotal: true })),
    ...lines.map((row) => ({ row, subtotal: false })),
  ];
  return rows.sort((a, b) => comparePlanCodes(a.row.code ?? '', b.row.code ?? '') || Number(b.subtotal) - Number(a.subtotal));
}

const STATUS_ORDER: Record<ConsistencyStatus, number> = { MISMATCH: 0, NOT_COMPUTABLE: 1, OK: 2 };

/** Mismatches first, then figures the ledger cannot compute, then agreements; the report's order within each. */
export function mismatchesFirst(rows: ConsistencyRow[]): ConsistencyRow[] {
  return rows
    .map((row, index) => ({ row, index }))
    .sort((a, b) => STATUS_ORDER[a.row.status] - STATUS_ORDER[b.row.status] || a.index - b.index)
    .map(({ row }) => row);
}

/** Funding sources named in any row's deltas, in alphabetical order (keys only; amounts untouched). */
export function sourcesOf(rows: Array<{ deltaBySource: Record<string, string> }>): string[] {
  const names = new Set<string>();
  for (const row of rows) for (const source of Object.keys(row.deltaBySource)) names.add(source);
  return [...names].sort();
}

/** A kinerja value in its own unit ("12.5" → "12,5"): as many decimal places as the server sent. */
export function formatK(value: string | null | undefined, locale: Locale): string {
  if (value === null || value === undefined || value === '') return '—';
  const places = /\.(\d+)$/.exec(value)?.[1].length ?? 0;
  return formatDecimal(value, locale, places);
}
