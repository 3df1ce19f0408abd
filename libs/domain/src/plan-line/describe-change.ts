import type { AsOf } from './as-of';
import { paguBreakdown } from './pagu';
import { realisationSummary, targetsAsOf } from './realisation';
import type { PlanLineState } from './state';

/** One figure that an event changed: "pagu.APBD_P.DID" from "0.00" to "1000000000.00". */
export interface FigureChange {
  figure: string;
  from: string | null;
  to: string | null;
}

/** Every figure of a line that an inspector reads, keyed by a stable name. */
export function lineFigures(state: PlanLineState, asOf: AsOf = {}): Map<string, string> {
  const figures = new Map<string, string>();
  const pagu = paguBreakdown(state, asOf);
  for (const [phase, sources] of pagu.phases) {
    for (const [source, amount] of sources) figures.set(`pagu.${phase}.${source}`, amount.toFixed(2));
  }
  if (pagu.currentPhase) figures.set('pagu.current', pagu.currentPagu.toFixed(2));
  const realisation = realisationSummary(state, asOf);
  if (state.entries.some((e) => e.kind === 'realisation')) {
    figures.set('realisation.cumulative', realisation.cumulative.toFixed(2));
    realisation.byQuarter.forEach((v, i) => !v.isZero() && figures.set(`realisation.Q${i + 1}`, v.toFixed(2)));
  }
  for (const [indicatorId, quarters] of realisation.outputs) {
    quarters.forEach((v, i) => v && figures.set(`output.${indicatorId}.Q${i + 1}`, v.toString()));
  }
  for (const [indicatorId, value] of targetsAsOf(state, asOf)) figures.set(`target.${indicatorId}`, value.toString());
  return figures;
}

/** The figures that differ between two states of a line (before and after an event). */
export function describeChange(before: PlanLineState, after: PlanLineState): FigureChange[] {
  const a = lineFigures(before);
  const b = lineFigures(after);
  const changes: FigureChange[] = [];
  for (const figure of new Set([...a.keys(), ...b.keys()])) {
    const from = a.get(figure) ?? null;
    const to = b.get(figure) ?? null;
    if (from !== to) changes.push({ figure, from, to });
  }
  return changes.sort((x, y) => x.figure.localeCompare(y.figure));
}
