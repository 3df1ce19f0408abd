import { senText } from '../shared/sen';
import { sortSmall } from '../shared/sort-small';
import { entriesAsOf, type AsOf } from './as-of';
import { paguBreakdown, paguSen } from './pagu';
import { addToSummary, realisationSummary, targetsAsOf, type RealisationSummary } from './realisation';
import { entryInForce, entryKindOf } from './evolve';
import { LINE_EVENT_TYPES, type LineEvent } from './events';
import type { LineEntry, PlanLineState } from './state';

/** One figure that an event changed: "pagu.APBD_P.DID" from "0.00" to "1000000000.00". */
export interface FigureChange {
  figure: string;
  from: string | null;
  to: string | null;
}

/**
 * The figures fall into families, each computed from one kind of entry only: pagu from pagu changes and
 * shift legs, realisation (Rupiah and outputs) from realisations, targets from target revisions. An event
 * that adds an entry of one kind leaves the other families as they were, which lets a fold of many
 * events recompute only what can have changed (see `FigureTracker`).
 */
export type FigureFamily = 'pagu' | 'realisation' | 'target';
export const FIGURE_FAMILIES: readonly FigureFamily[] = ['pagu', 'realisation', 'target'];

const FAMILY_OF_ENTRY: Record<LineEntry['kind'], FigureFamily> = {
  pagu: 'pagu',
  shift: 'pagu',
  realisation: 'realisation',
  target: 'target',
};

/** One family of a line's figures, in the order `lineFigures` lists them. */
export function familyFigures(state: PlanLineState, family: FigureFamily, asOf: AsOf = {}): Map<string, string> {
  const figures = new Map<string, string>();
  if (family === 'pagu') {
    // In exact integer sen where every amount allows (written as toFixed(2) writes them), else decimal.js.
    const sen = paguSen(entriesAsOf(state, asOf));
    if (sen) {
      for (const [phase, sources] of sen.phases) {
        for (const [source, amount] of sources) figures.set(`pagu.${phase}.${source}`, senText(amount));
      }
      if (sen.currentPhase) figures.set('pagu.current', senText(sen.currentPagu));
      return figures;
    }
    const pagu = paguBreakdown(state, asOf);
    for (const [phase, sources] of pagu.phases) {
      for (const [source, amount] of sources) figures.set(`pagu.${phase}.${source}`, amount.toFixed(2));
    }
    if (pagu.currentPhase) figures.set('pagu.current', pagu.currentPagu.toFixed(2));
  } else if (family === 'realisation') {
    return realisationFigures(realisationSummary(state, asOf), hasRealisation(state));
  } else {
    for (const [indicatorId, value] of targetsAsOf(state, asOf)) figures.set(`target.${indicatorId}`, value.toString());
  }
  return figures;
}

const hasRealisation = (state: PlanLineState): boolean => state.entries.some((e) => e.kind === 'realisation');

function realisationFigures(realisation: RealisationSummary, anyRecorded: boolean): Map<string, string> {
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

/** Every figure of a line that an inspector reads, keyed by a stable name. */
export function lineFigures(state: PlanLineState, asOf: AsOf = {}): Map<string, string> {
  const figures = new Map<string, string>();
  for (const family of FIGURE_FAMILIES) for (const [k, v] of familyFigures(state, family, asOf)) figures.set(k, v);
  return figures;
}

/**
 * The families an event can change, going from `before`: the family of the entry it adds; for a correction,
 * the family of the entry it corrects (its replacement is of the same kind, evolveLine); for anything
 * unforeseen all of them, to be safe. Registration and indicators add no entry and change no figure.
 */
export function familiesChangedBy(event: LineEvent, before: PlanLineState): readonly FigureFamily[] {
  if (
    event.type === LINE_EVENT_TYPES.registered ||
    event.type === LINE_EVENT_TYPES.indicatorDefined ||
    event.type === LINE_EVENT_TYPES.renstraRecorded
  )
    return [];
  if (event.type === LINE_EVENT_TYPES.corrected) {
    const original = entryInForce(before, event.data.correctedEventId);
    return original ? [FAMILY_OF_ENTRY[original.kind]] : FIGURE_FAMILIES;
  }
  const kind = entryKindOf(event.type);
  return kind ? [FAMILY_OF_ENTRY[kind]] : FIGURE_FAMILIES;
}

/**
 * The figures of a line as a fold goes from one state to the next, each family recomputed only when an
 * event can have changed it: `describeChange` for a whole stream in far fewer computations. Feed it
 * every event that adds an entry, in stream order (events that add none change no figure).
 */
export class FigureTracker {
  private readonly families = new Map<FigureFamily, Map<string, string>>();
  /** The realisation summary of the state tracked so far, once computed: a new realisation only adds to it. */
  private realisation: RealisationSummary | null = null;

  /** The changes `event` made, going from `before` (the state tracked so far) to `after`. */
  changes(before: PlanLineState, event: LineEvent, after: PlanLineState): FigureChange[] {
    const changed = familiesChangedBy(event, before);
    let changes: FigureChange[] = [];
    // A family the event cannot change adds no difference; the families' figure names are apart (each
    // starts with its family's own prefix), so the differences of the changed families, sorted as
    // diffFigures sorts, are the difference of the whole figures.
    for (const family of changed) {
      let old = this.families.get(family);
      if (!old) old = this.compute(before, family);
      const now = this.next(event, after, family);
      this.families.set(family, now);
      changes = changes.length === 0 ? unsortedDiff(old, now) : changes.concat(unsortedDiff(old, now));
    }
    return sortByFigure(changes);
  }

  private compute(state: PlanLineState, family: FigureFamily): Map<string, string> {
    if (family !== 'realisation') return familyFigures(state, family);
    this.realisation = realisationSummary(state);
    return realisationFigures(this.realisation, hasRealisation(state));
  }

  private next(event: LineEvent, after: PlanLineState, family: FigureFamily): Map<string, string> {
    const added = after.entries.at(-1);
    if (
      family === 'realisation' &&
      event.type === LINE_EVENT_TYPES.realisationRecorded &&
      this.realisation &&
      added?.kind === 'realisation' &&
      added.eventId === event.id
    ) {
      addToSummary(this.realisation, added);
      return realisationFigures(this.realisation, true);
    }
    return this.compute(after, family);
  }
}

/** The figures that differ between two states of a line (before and after an event). */
export function describeChange(before: PlanLineState, after: PlanLineState): FigureChange[] {
  return diffFigures(lineFigures(before), lineFigures(after));
}

/** The figures that differ between two `lineFigures` results (a fold can compute each state's figures once). */
export function diffFigures(a: Map<string, string>, b: Map<string, string>): FigureChange[] {
  return sortByFigure(unsortedDiff(a, b));
}

/** The order of figure changes: by figure name. */
export const byFigure = (x: FigureChange, y: FigureChange): number => x.figure.localeCompare(y.figure);

/**
 * `changes` sorted in place by `byFigure`, as `changes.sort(byFigure)` sorts them, without the copy that sort
 * makes: an event changes a few figures, and a rebuild sorted some 400,000 such lists (350 MB of copies).
 */
export const sortByFigure = (changes: FigureChange[]): FigureChange[] => sortSmall(changes, byFigure);

/** The figures that differ between two `lineFigures` results, in no particular order (diffFigures sorts them). */
export function unsortedDiff(a: Map<string, string>, b: Map<string, string>): FigureChange[] {
  const changes: FigureChange[] = [];
  for (const [figure, from] of a) {
    const to = b.get(figure) ?? null;
    if (from !== to) changes.push({ figure, from, to });
  }
  for (const [figure, to] of b) if (!a.has(figure)) changes.push({ figure, from: null, to });
  return changes;
}
