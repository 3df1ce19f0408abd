import type Decimal from 'decimal.js';
import { decimalOf, Money } from '../shared/money';
import { parsePeriod } from '../shared/period';
import { senMoney, senOf } from '../shared/sen';
import { entriesAsOf, type AsOf } from './as-of';
import type { LineEntry, PlanLineState } from './state';

export type RealisationEntry = Extract<LineEntry, { kind: 'realisation' }>;

export interface RealisationSummary {
  cumulative: Decimal;
  /** Rupiah per quarter (triwulan) 1-4. */
  byQuarter: [Decimal, Decimal, Decimal, Decimal];
  /** Rupiah per month 1-12 (only for lines that record monthly). */
  byMonth: Decimal[];
  /** Output per indicator per quarter; absent quarters are missing, not zero. */
  outputs: Map<string, Array<Decimal | null>>;
}

const realisations = (state: PlanLineState, asOf: AsOf): RealisationEntry[] =>
  entriesAsOf(state, asOf).filter((e): e is RealisationEntry => e.kind === 'realisation');

const ZERO = new Money(0);

const emptySummary = (): RealisationSummary => ({
  cumulative: ZERO,
  byQuarter: [ZERO, ZERO, ZERO, ZERO],
  byMonth: Array.from({ length: 12 }, () => ZERO),
  outputs: new Map(),
});

/**
 * Adds one realisation to a summary, in place. Sums do not depend on order, so a fold that appends a
 * realisation can extend the summary it already has instead of summing every entry again.
 */
export function addToSummary(summary: RealisationSummary, entry: RealisationEntry): void {
  const period = parsePeriod(entry.data.period);
  const q = period.quarter - 1;
  if (entry.data.amount !== null) {
    const amount = decimalOf(entry.data.amount);
    summary.cumulative = summary.cumulative.plus(amount);
    summary.byQuarter[q] = summary.byQuarter[q].plus(amount);
    if (period.granularity === 'month') summary.byMonth[period.index - 1] = summary.byMonth[period.index - 1].plus(amount);
  }
  for (const output of entry.data.outputs) {
    const row = summary.outputs.get(output.indicatorId) ?? [null, null, null, null];
    row[q] = (row[q] ?? ZERO).plus(decimalOf(output.value));
    summary.outputs.set(output.indicatorId, row);
  }
}

/** A copy that `addToSummary` can extend without changing the original. */
export const copySummary = (s: RealisationSummary): RealisationSummary => ({
  cumulative: s.cumulative,
  byQuarter: [...s.byQuarter],
  byMonth: [...s.byMonth],
  outputs: new Map([...s.outputs].map(([id, row]) => [id, [...row]])),
});

export function realisationSummary(state: PlanLineState, asOf: AsOf = {}): RealisationSummary {
  const entries = realisations(state, asOf);
  return senSummary(entries) ?? decimalSummary(entries);
}

function decimalSummary(entries: RealisationEntry[]): RealisationSummary {
  const summary = emptySummary();
  for (const entry of entries) addToSummary(summary, entry);
  return summary;
}

/**
 * The summary with its Rupiah summed in exact integer sen (BigInt), the outputs (no money) in decimal.js:
 * the same values as `addToSummary` gives; null when an amount has more than two decimals or is a
 * negative zero (decimal.js then sums it all).
 */
function senSummary(entries: RealisationEntry[]): RealisationSummary | null {
  let cumulative = 0n;
  const quarters = [0n, 0n, 0n, 0n];
  let months: bigint[] | null = null;
  const outputs = new Map<string, Array<Decimal | null>>();
  for (const entry of entries) {
    const period = parsePeriod(entry.data.period);
    const q = period.quarter - 1;
    if (entry.data.amount !== null) {
      const amount = senOf(entry.data.amount);
      if (amount === null) return null;
      cumulative += amount;
      quarters[q] += amount;
      if (period.granularity === 'month') {
        months ??= Array.from({ length: 12 }, () => 0n);
        months[period.index - 1] += amount;
      }
    }
    for (const output of entry.data.outputs) {
      const row = outputs.get(output.indicatorId) ?? [null, null, null, null];
      row[q] = (row[q] ?? ZERO).plus(decimalOf(output.value));
      outputs.set(output.indicatorId, row);
    }
  }
  return {
    cumulative: senMoney(cumulative),
    byQuarter: quarters.map(senMoney) as RealisationSummary['byQuarter'],
    byMonth: months ? months.map(senMoney) : Array.from({ length: 12 }, () => ZERO),
    outputs,
  };
}

/** Cumulative Rupiah realised with an effective date on or before `date`. */
export const cumulativeRealisationAt = (state: PlanLineState, date: string, knownAt?: string): Decimal =>
  realisationSummary(state, { validAt: date, knownAt }).cumulative;

/** The target in force per indicator: the latest revision by effective date. */
export function targetsAsOf(state: PlanLineState, asOf: AsOf = {}): Map<string, Decimal> {
  const targets = new Map<string, Decimal>();
  for (const entry of entriesAsOf(state, asOf)) {
    if (entry.kind === 'target') targets.set(entry.data.indicatorId, decimalOf(entry.data.value));
  }
  return targets;
}
