import type Decimal from 'decimal.js';
// Deep imports for values on the rebuild's hot path: the package index re-exports them through getters, which took
// 0.2 s of a 488,440-event rebuild's profile. Types still come from the index.
import { entriesAsOf } from '@renja/domain/plan-line/as-of';
import { paguBreakdown } from '@renja/domain/plan-line/pagu';
import { decimalOf } from '@renja/domain/shared/money';
import { parsePeriod } from '@renja/domain/shared/period';
import { senMoney, senOf } from '@renja/domain/shared/sen';
import type { AsOf, PaguBreakdown, PlanLineState } from '@renja/domain';
import { plusOrNull, zero } from './amounts';
import type { LineKinerja, MoneyFigures, ReportLine } from './line-types';
import { rollUpTree, type RolledUp } from './roll-up-tree';

export type { LineKinerja, MoneyFigures } from './line-types';

/** Money and kinerja of one line from one pass over its entries in force (reports fold hundreds of lines). */
export function lineFacts(
  state: PlanLineState,
  asOf: AsOf,
  pagu: PaguBreakdown = paguBreakdown(state, asOf),
): { money: MoneyFigures; kinerja: LineKinerja } {
  const kinerja: LineKinerja = { outputs: new Map(), targets: new Map() };
  const realisations: Realisation[] = [];
  for (const entry of entriesAsOf(state, asOf)) {
    // Later revisions overwrite earlier ones: entries come in effective order, as targetsAsOf reads them.
    if (entry.kind === 'target') kinerja.targets.set(entry.data.indicatorId, decimalOf(entry.data.value));
    if (entry.kind !== 'realisation') continue;
    const period = parsePeriod(entry.data.period);
    for (const output of entry.data.outputs) {
      const row = kinerja.outputs.get(output.indicatorId) ?? [null, null, null, null];
      row[period.quarter - 1] = (row[period.quarter - 1] ?? zero()).plus(decimalOf(output.value));
      kinerja.outputs.set(output.indicatorId, row);
    }
    if (entry.data.amount === null) continue;
    realisations.push({ amount: entry.data.amount, quarter: period.quarter, month: period.granularity === 'month' ? period.index : null });
  }
  const sen = realisations.map((r) => senOf(r.amount));
  // Exact integer sen when every amount has at most two decimals and none is a negative zero (shared/sen.ts), else decimal.js.
  const { realised, months, quarters } = sen.every((a) => a !== null) ? senSums(realisations, sen) : decimalSums(realisations);
  const hasQuarterlyLines = realisations.some((r) => r.month === null);
  const money: MoneyFigures = {
    currentPagu: pagu.currentPagu,
    originalPagu: pagu.originalPagu ?? zero(),
    hasOriginal: pagu.originalPagu !== null,
    hasPagu: pagu.currentPhase !== null,
    realised,
    months,
    quarters,
    hasQuarterlyLines,
  };
  return { money, kinerja };
}

/** A realised amount in force and where it counts (month null: a quarterly line). */
type Realisation = { amount: string; quarter: number; month: number | null };
type Sums = { realised: Decimal; months: Array<Decimal | null>; quarters: Array<Decimal | null> };

/** The realised amounts in decimal.js, summed in the entries' order. */
function decimalSums(realisations: Realisation[]): Sums {
  const months: Array<Decimal | null> = Array(12).fill(null);
  const quarters: Array<Decimal | null> = Array(4).fill(null);
  let realised = zero();
  for (const r of realisations) {
    const amount = decimalOf(r.amount);
    realised = realised.plus(amount);
    quarters[r.quarter - 1] = (quarters[r.quarter - 1] ?? zero()).plus(amount);
    if (r.month !== null) months[r.month - 1] = (months[r.month - 1] ?? zero()).plus(amount);
  }
  return { realised, months, quarters };
}

/** The same sums in integer sen (`sen[i]` is the amount of `realisations[i]`), as the decimals decimal.js gives. */
function senSums(realisations: Realisation[], sen: bigint[]): Sums {
  const months: Array<bigint | null> = Array(12).fill(null);
  const quarters: Array<bigint | null> = Array(4).fill(null);
  let realised = 0n;
  realisations.forEach((r, i) => {
    realised += sen[i];
    quarters[r.quarter - 1] = (quarters[r.quarter - 1] ?? 0n) + sen[i];
    if (r.month !== null) months[r.month - 1] = (months[r.month - 1] ?? 0n) + sen[i];
  });
  const money = (a: bigint | null) => (a === null ? null : senMoney(a));
  return { realised: senMoney(realised), months: months.map(money), quarters: quarters.map(money) };
}

const emptyFigures = (): MoneyFigures => ({
  currentPagu: zero(),
  originalPagu: zero(),
  hasOriginal: false,
  hasPagu: false,
  realised: zero(),
  months: Array(12).fill(null),
  quarters: Array(4).fill(null),
  hasQuarterlyLines: false,
});

const plusFigures = (a: MoneyFigures, b: MoneyFigures): MoneyFigures => ({
  currentPagu: a.currentPagu.plus(b.currentPagu),
  originalPagu: a.originalPagu.plus(b.originalPagu),
  hasOriginal: a.hasOriginal || b.hasOriginal,
  hasPagu: a.hasPagu || b.hasPagu,
  realised: a.realised.plus(b.realised),
  months: a.months.map((m, i) => plusOrNull(m, b.months[i])),
  quarters: a.quarters.map((q, i) => plusOrNull(q, b.quarters[i])),
  hasQuarterlyLines: a.hasQuarterlyLines || b.hasQuarterlyLines,
});

export interface OfficeMoney {
  own: Map<string, MoneyFigures>;
  rolled: RolledUp<MoneyFigures>;
}

/** Every line's own money and the roll-up to kegiatan, program and office (plan reader's rule). */
export function officeMoney(lines: ReportLine[]): OfficeMoney {
  const own = new Map(lines.map((l) => [l.code, l.view.money]));
  return { own, rolled: rollUpTree(lines, (code) => own.get(code)!, plusFigures, emptyFigures) };
}
