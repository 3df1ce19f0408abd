import type Decimal from 'decimal.js';
import { Money } from '../shared/money';
import { parsePeriod } from '../shared/period';
import { entriesAsOf, type AsOf } from './as-of';
import type { LineEntry, PlanLineState } from './state';

type RealisationEntry = Extract<LineEntry, { kind: 'realisation' }>;
type TargetEntry = Extract<LineEntry, { kind: 'target' }>;

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

export function realisationSummary(state: PlanLineState, asOf: AsOf = {}): RealisationSummary {
  const zero = () => new Money(0);
  const byQuarter: RealisationSummary['byQuarter'] = [zero(), zero(), zero(), zero()];
  const byMonth = Array.from({ length: 12 }, zero);
  const outputs = new Map<string, Array<Decimal | null>>();
  let cumulative = zero();
  for (const entry of realisations(state, asOf)) {
    const period = parsePeriod(entry.data.period);
    const q = period.quarter - 1;
    if (entry.data.amount !== null) {
      cumulative = cumulative.plus(entry.data.amount);
      byQuarter[q] = byQuarter[q].plus(entry.data.amount);
      if (period.granularity === 'month') byMonth[period.index - 1] = byMonth[period.index - 1].plus(entry.data.amount);
    }
    for (const output of entry.data.outputs) {
      const row = outputs.get(output.indicatorId) ?? [null, null, null, null];
      row[q] = (row[q] ?? zero()).plus(output.value);
      outputs.set(output.indicatorId, row);
    }
  }
  return { cumulative, byQuarter, byMonth, outputs };
}

/** Cumulative Rupiah realised with an effective date on or before `date`. */
export const cumulativeRealisationAt = (state: PlanLineState, date: string, knownAt?: string): Decimal =>
  realisationSummary(state, { validAt: date, knownAt }).cumulative;

/** The target in force per indicator: the latest revision by effective date. */
export function targetsAsOf(state: PlanLineState, asOf: AsOf = {}): Map<string, Decimal> {
  const targets = new Map<string, Decimal>();
  for (const entry of entriesAsOf(state, asOf)) {
    if (entry.kind === 'target') targets.set((entry as TargetEntry).data.indicatorId, new Money(entry.data.value));
  }
  return targets;
}
