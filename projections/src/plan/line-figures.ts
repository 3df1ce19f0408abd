import Decimal from 'decimal.js';
// Deep imports for values on the rebuild's hot path: the package index re-exports them through getters, which took
// 0.2 s of a 488,440-event rebuild's profile. Types still come from the index.
import { paguBreakdown, totalOf } from '@renja/domain/plan-line/pagu';
import { realisationSummary, targetsAsOf } from '@renja/domain/plan-line/realisation';
import { Money, percentage } from '@renja/domain/shared/money';
import { senOfMoney, senText } from '@renja/domain/shared/sen';
import type { AsOf, PaguBreakdown, RealisationSummary, PlanLineState } from '@renja/domain';

/** The figures of one line as JSON for the API: amounts as plain decimal strings. */
export interface LineFigures {
  currentPhase: string | null;
  pagu: Record<string, Record<string, string> & { total: string }>;
  currentPagu: string;
  originalPagu: string | null;
  executablePagu: string;
  realised: string;
  realisedByQuarter: string[];
  absorption: { current: string | null; original: string | null };
  indicators: IndicatorFigures[];
}

export interface IndicatorFigures {
  id: string;
  name: string;
  unit: string;
  direction: string;
  target: string | null;
  /** Output per quarter (TW I-IV); null where nothing was reported. */
  outputs: Array<string | null>;
  outputTotal: string | null;
  /** Capaian kinerja (%): realised ÷ target, inverted for lower-is-better indicators. */
  achievement: string | null;
}

/**
 * `toFixed(2)` of an amount; the folds' sums (made from integer sen by senMoney) are written from their
 * sen, the same text without decimal.js's formatting.
 */
function fixed(amount: Decimal): string {
  const sen = senOfMoney(amount);
  return sen === null ? amount.toFixed(2) : senText(sen);
}

function achievement(direction: string, target: Decimal | undefined, total: Decimal | null): string | null {
  if (!target || total === null) return null;
  return direction === 'lower_is_better' ? percentage(target, total) : percentage(total, target);
}

/** A line's figures for the full-knowledge view, stored with its row by the plan projection (plan_figures). */
export const storePlanFigures = (state: PlanLineState, folded?: Folded): LineFigures => lineFigures(state, {}, folded);

/** A line's pagu and realisation already folded for the same point of view (computed once, shared). */
export interface Folded {
  pagu: PaguBreakdown;
  realisation: RealisationSummary;
}

export function lineFigures(state: PlanLineState, asOf: AsOf = {}, folded?: Folded): LineFigures {
  const pagu = folded?.pagu ?? paguBreakdown(state, asOf);
  const realisation = folded?.realisation ?? realisationSummary(state, asOf);
  const targets = targetsAsOf(state, asOf);
  const phases: LineFigures['pagu'] = {};
  for (const [phase, sources] of pagu.phases) {
    const entry: Record<string, string> = {};
    let total: bigint | null = 0n;
    for (const [source, amount] of sources) {
      entry[source] = fixed(amount);
      const sen: bigint | null = total === null ? null : senOfMoney(amount);
      total = sen === null || total === null ? null : total + sen;
    }
    phases[phase] = { ...entry, total: total === null ? totalOf(sources).toFixed(2) : senText(total) };
  }
  return {
    currentPhase: pagu.currentPhase,
    pagu: phases,
    currentPagu: fixed(pagu.currentPagu),
    originalPagu: pagu.originalPagu ? fixed(pagu.originalPagu) : null,
    executablePagu: fixed(pagu.executablePagu),
    realised: fixed(realisation.cumulative),
    realisedByQuarter: realisation.byQuarter.map(fixed),
    absorption: {
      current: percentage(realisation.cumulative, pagu.currentPagu),
      original: pagu.originalPagu ? percentage(realisation.cumulative, pagu.originalPagu) : null,
    },
    indicators: state.indicators.map((i) => {
      const outputs = realisation.outputs.get(i.indicatorId) ?? [null, null, null, null];
      const reported = outputs.filter((o): o is Decimal => o !== null);
      const total = reported.length ? reported.reduce((a, b) => a.plus(b), new Money(0)) : null;
      return {
        id: i.indicatorId,
        name: i.name,
        unit: i.unit,
        direction: i.direction,
        target: targets.get(i.indicatorId)?.toString() ?? null,
        outputs: outputs.map((o) => o?.toString() ?? null),
        outputTotal: total?.toString() ?? null,
        achievement: achievement(i.direction, targets.get(i.indicatorId), total),
      };
    }),
  };
}
