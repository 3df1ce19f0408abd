import type Decimal from 'decimal.js';
import { decimalOf, entriesAsOf, paguBreakdown, parsePeriod, type AsOf, type PaguBreakdown, type PlanLineState } from '@renja/domain';
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
  const months: Array<Decimal | null> = Array(12).fill(null);
  const quarters: Array<Decimal | null> = Array(4).fill(null);
  let realised = zero();
  let hasQuarterlyLines = false;
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
    const amount = decimalOf(entry.data.amount);
    realised = realised.plus(amount);
    quarters[period.quarter - 1] = (quarters[period.quarter - 1] ?? zero()).plus(amount);
    if (period.granularity === 'month') months[period.index - 1] = (months[period.index - 1] ?? zero()).plus(amount);
    else hasQuarterlyLines = true;
  }
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
