// Deep imports for values on the rebuild's hot path: the package index re-exports them through getters, which took
// 0.2 s of a 488,440-event rebuild's profile. Types still come from the index.
import { familiesChangedBy, familyFigures, sortByFigure, unsortedDiff } from '@renja/domain/plan-line/describe-change';
import { LINE_EVENT_TYPES } from '@renja/domain/plan-line/events';
import { addToSummary, realisationSummary } from '@renja/domain/plan-line/realisation';
import { decimalOf, Money } from '@renja/domain/shared/money';
import { parsePeriod } from '@renja/domain/shared/period';
import { senOf, senOfMoney, senText } from '@renja/domain/shared/sen';
import type { FigureChange, FigureFamily, LineEntry, LineEvent, PlanLineState, RealisationSummary } from '@renja/domain';

type RealisationEntry = Extract<LineEntry, { kind: 'realisation' }>;

/**
 * The figures of a line along a rebuild's fold: the same changes as the domain's `FigureTracker` (and so
 * as `describeChange`), with one shortcut where the rebuild spends most of its time. A realisation adds to
 * its quarter's and its outputs' sums only, so after one the tracker updates those few figures in place
 * (the cumulative, the quarter, each output's quarter) instead of formatting every realisation figure of
 * the line again and comparing them all. Every other event recomputes the families it can change, as
 * `FigureTracker` does. One tracker per line, fed every line event in stream order.
 */
export class RebuildFigureTracker {
  private readonly families = new Map<FigureFamily, Map<string, string>>();
  /** The realisation summary behind the family's figures, once computed; extended in place by realisations. */
  private realisation: RealisationSummary | null = null;
  /**
   * The summary's cumulative and quarters in exact integer sen, while every amount in them has at most two
   * decimals (amounts always have: the parsers allow no more); then realisations add BigInts, not decimals,
   * and the summary's own cumulative and quarters are left behind. Null: the summary's decimals hold them.
   */
  private sen: { cumulative: bigint; quarters: bigint[] } | null = null;

  /** The changes `event` made, going from `before` (the state tracked so far) to `after`. */
  changes(before: PlanLineState, event: LineEvent, after: PlanLineState): FigureChange[] {
    const changed = familiesChangedBy(event, before);
    let changes: FigureChange[] = [];
    for (const family of changed) {
      let old = this.families.get(family);
      if (!old) {
        old = this.compute(before, family);
        this.families.set(family, old);
      }
      const added = after.entries.at(-1);
      if (
        family === 'realisation' &&
        event.type === LINE_EVENT_TYPES.realisationRecorded &&
        this.realisation &&
        added?.kind === 'realisation' &&
        added.eventId === event.id
      ) {
        // The family's map is changed in place: it is the tracker's own (never handed out).
        changes = changes.concat(this.addRealisation(old, this.realisation, added));
        continue;
      }
      const now = this.compute(after, family);
      this.families.set(family, now);
      changes = changes.length === 0 ? unsortedDiff(old, now) : changes.concat(unsortedDiff(old, now));
    }
    return sortByFigure(changes);
  }

  private compute(state: PlanLineState, family: FigureFamily): Map<string, string> {
    if (family !== 'realisation') return familyFigures(state, family);
    this.realisation = realisationSummary(state);
    const quarters = this.realisation.byQuarter.map(senOfMoney);
    const cumulative = senOfMoney(this.realisation.cumulative);
    this.sen = cumulative !== null && quarters.every((q) => q !== null) ? { cumulative, quarters: quarters } : null;
    return realisationFigures(
      this.realisation,
      state.entries.some((e) => e.kind === 'realisation'),
    );
  }

  /**
   * Adds `entry` to `summary` and brings `figures` (the summary's figures before, formatted as
   * `realisationFigures` formats them) up to date; returns what differs. Only the figures of the entry's
   * quarter and outputs can change, and the cumulative (which appears with the first realisation).
   */
  private addRealisation(figures: Map<string, string>, summary: RealisationSummary, entry: RealisationEntry): FigureChange[] {
    const q = parsePeriod(entry.data.period).quarter - 1;
    const changes: FigureChange[] = [];
    // Each figure the entry can change, brought up to date in `figures` at once (an output named twice in one
    // entry: its second value equals the first, so it adds no second change).
    const update = (figure: string, to: string | null): void => {
      const from = figures.get(figure) ?? null;
      if (from === to) return;
      changes.push({ figure, from, to });
      if (to === null) figures.delete(figure);
      else figures.set(figure, to);
    };
    const amount = entry.data.amount === null ? 0n : senOf(entry.data.amount);
    if (this.sen && amount !== null) {
      // As addToSummary adds, in sen: the cumulative, the quarter, each output (outputs are no money: decimals).
      this.sen.cumulative += amount;
      this.sen.quarters[q] += amount;
      for (const output of entry.data.outputs) {
        const row = summary.outputs.get(output.indicatorId) ?? [null, null, null, null];
        row[q] = (row[q] ?? ZERO).plus(decimalOf(output.value));
        summary.outputs.set(output.indicatorId, row);
      }
      update(CUMULATIVE, senText(this.sen.cumulative));
      update(QUARTERS[q], this.sen.quarters[q] === 0n ? null : senText(this.sen.quarters[q]));
    } else {
      if (this.sen) {
        // An amount with more than two decimals: the summary's decimals take over from the sen.
        summary.cumulative = new Money(senText(this.sen.cumulative));
        summary.byQuarter = this.sen.quarters.map((s) => new Money(senText(s))) as RealisationSummary['byQuarter'];
        this.sen = null;
      }
      addToSummary(summary, entry);
      update(CUMULATIVE, summary.cumulative.toFixed(2));
      const quarter = summary.byQuarter[q];
      update(QUARTERS[q], quarter.isZero() ? null : quarter.toFixed(2));
    }
    for (const output of entry.data.outputs) {
      const value = summary.outputs.get(output.indicatorId)?.[q];
      update(`output.${output.indicatorId}.Q${q + 1}`, value ? value.toString() : null);
    }
    return changes;
  }
}

const ZERO = new Money(0);
const CUMULATIVE = 'realisation.cumulative';
const QUARTERS = ['realisation.Q1', 'realisation.Q2', 'realisation.Q3', 'realisation.Q4'];
/** The realisation family's figures of a summary: as the domain's `familyFigures(state, 'realisation')` lists them. */
export function realisationFigures(realisation: RealisationSummary, anyRecorded: boolean): Map<string, string> {
  const figures = new Map<string, string>();
  if (anyRecorded) {
    figures.set('realisation.cumulative', realisation.cumulative.toFixed(2));
    realisation.byQuarter.forEach((v, i) => !v.isZero() && figures.set(`realisation.Q${i + 1}`, v.toFixed(2)));
  }
  for (const [indicatorId, quarters] of realisation.outputs) {
    quarters.forEach((v, i) => v && figures.set(`output.${indicatorId}.Q${i + 1}`, v.toString()));
  }
  return figures;
}
