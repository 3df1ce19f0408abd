import {
  addToSummary,
  familiesChangedBy,
  familyFigures,
  LINE_EVENT_TYPES,
  parsePeriod,
  realisationSummary,
  type FigureChange,
  type FigureFamily,
  type LineEntry,
  type LineEvent,
  type PlanLineState,
  type RealisationSummary,
} from '@renja/domain';

type RealisationEntry = Extract<LineEntry, { kind: 'realisation' }>;

const byFigure = (x: FigureChange, y: FigureChange): number => x.figure.localeCompare(y.figure);

function unsortedDiff(a: Map<string, string>, b: Map<string, string>): FigureChange[] {
  const changes: FigureChange[] = [];
  for (const [figure, from] of a) {
    const to = b.get(figure) ?? null;
    if (from !== to) changes.push({ figure, from, to });
  }
  for (const [figure, to] of b) if (!a.has(figure)) changes.push({ figure, from: null, to });
  return changes;
}

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

  /** The changes `event` made, going from `before` (the state tracked so far) to `after`. */
  changes(before: PlanLineState, event: LineEvent, after: PlanLineState): FigureChange[] {
    const changed = familiesChangedBy(event);
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
    return changes.length > 1 ? changes.sort(byFigure) : changes;
  }

  private compute(state: PlanLineState, family: FigureFamily): Map<string, string> {
    if (family !== 'realisation') return familyFigures(state, family);
    this.realisation = realisationSummary(state);
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
    addToSummary(summary, entry);
    const q = parsePeriod(entry.data.period).quarter - 1;
    const next = new Map<string, string | null>();
    next.set('realisation.cumulative', summary.cumulative.toFixed(2));
    const quarter = summary.byQuarter[q];
    next.set(`realisation.Q${q + 1}`, quarter.isZero() ? null : quarter.toFixed(2));
    for (const output of entry.data.outputs) {
      const value = summary.outputs.get(output.indicatorId)?.[q];
      next.set(`output.${output.indicatorId}.Q${q + 1}`, value ? value.toString() : null);
    }
    const changes: FigureChange[] = [];
    for (const [figure, to] of next) {
      const from = figures.get(figure) ?? null;
      if (from === to) continue;
      changes.push({ figure, from, to });
      if (to === null) figures.delete(figure);
      else figures.set(figure, to);
    }
    return changes;
  }
}

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
