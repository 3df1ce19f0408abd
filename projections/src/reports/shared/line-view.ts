import type Decimal from 'decimal.js';
import {
  decimalOf,
  paguBreakdown,
  type AsOf,
  type ChainPhase,
  type IndicatorDefinedData,
  type PaguBreakdown,
  type Phase,
  type PlanLineState,
} from '@renja/domain';
import { paguSteps, type LineSteps, type PaguStep } from '../pagu-trail/pagu-steps';
import { lineFacts } from './line-money';
import type { LineKinerja, LineView, MoneyFigures, PaguMovement } from './line-types';

export type { LineView, PaguMovement } from './line-types';

const movementsOf = (steps: LineSteps): PaguMovement[] =>
  steps.steps
    .filter((s) => s.status === 'in_force' && s.kind !== 'phase_start')
    .map((s) => ({
      kind: s.kind as PaguMovement['kind'],
      phase: s.phase,
      fundingSource: s.fundingSource!,
      eventId: s.eventId!,
      eventType: s.eventType!,
      delta: s.delta,
      effectiveDate: s.effectiveDate!,
      legalBasis: s.legalBasis,
      reason: s.reason,
      recordedAt: s.recordedAt,
      corrects: s.corrects?.eventId ?? null,
    }));

/** The line state folded for a point of view (any validAt / knownAt). */
export function foldLineView(state: PlanLineState, asOf: AsOf, folded?: { pagu: PaguBreakdown }): LineView {
  let breakdown: PaguBreakdown | undefined = folded?.pagu;
  let steps: LineSteps | undefined;
  let movements: PaguMovement[] | undefined;
  let facts: { money: MoneyFigures; kinerja: LineKinerja } | undefined;
  const pagu = () => (breakdown ??= paguBreakdown(state, asOf));
  const allSteps = () => (steps ??= paguSteps(state, asOf, pagu()));
  const moneyAndKinerja = () => (facts ??= lineFacts(state, asOf, pagu()));
  return {
    get breakdown() {
      return pagu();
    },
    get steps() {
      return allSteps();
    },
    get movements() {
      return (movements ??= movementsOf(allSteps()));
    },
    get money() {
      return moneyAndKinerja().money;
    },
    get kinerja() {
      return moneyAndKinerja().kinerja;
    },
  };
}

type Amount = string;

/**
 * The full-knowledge view (every event known, every effective date) of a line as JSON, written by the plan
 * projection with the line's row. The reports' default view reads it instead of folding the whole state:
 * a fraction of the state's size, and no entry is folded again on every request. The pagu steps, the
 * biggest part, are a column of their own (StoredLineSteps), read only by the reports that list them.
 */
export interface StoredLineView {
  indicators: IndicatorDefinedData[];
  breakdown: {
    phases: Array<[Phase, Array<[string, Amount]>]>;
    currentPhase: Phase | null;
    currentPagu: Amount;
    executablePhase: Phase | null;
    executablePagu: Amount;
    originalPagu: Amount | null;
  };
  money: {
    currentPagu: Amount;
    originalPagu: Amount;
    hasOriginal: boolean;
    hasPagu: boolean;
    realised: Amount;
    months: Array<Amount | null>;
    quarters: Array<Amount | null>;
    hasQuarterlyLines: boolean;
  };
  kinerja: { outputs: Array<[string, Array<Amount | null>]>; targets: Array<[string, Amount]> };
}

/** A line's pagu movements (for the reports that explain deltas), a column of their own. */
export interface StoredLineMovements {
  movements: PaguMovement[];
}

/** A line's pagu steps as paguSteps gives them (read only by the pagu trail). */
export interface StoredLineSteps {
  steps: PaguStep[];
  sumOfDeltas: Amount;
  finalAmount: Amount;
  currentPhase: ChainPhase | null;
}

// toFixed() without digits: every digit, never exponent notation.
const text = (d: Decimal): Amount => d.toFixed();
const textOrNull = (d: Decimal | null): Amount | null => (d === null ? null : d.toFixed());
const amount = (s: Amount): Decimal => decimalOf(s);
const amountOrNull = (s: Amount | null): Decimal | null => (s === null ? null : decimalOf(s));

// Each part of a view as text and back: the stored views' columns, and what a kept view keeps (keptLineView).
const storeBreakdown = (b: PaguBreakdown): StoredLineView['breakdown'] => ({
  phases: [...b.phases].map(([phase, sources]) => [phase, [...sources].map(([source, a]) => [source, text(a)])]),
  currentPhase: b.currentPhase,
  currentPagu: text(b.currentPagu),
  executablePhase: b.executablePhase,
  executablePagu: text(b.executablePagu),
  originalPagu: textOrNull(b.originalPagu),
});
const readBreakdown = (b: StoredLineView['breakdown']): PaguBreakdown => ({
  phases: new Map(b.phases.map(([phase, sources]) => [phase, new Map(sources.map(([source, a]) => [source, amount(a)]))])),
  currentPhase: b.currentPhase,
  currentPagu: amount(b.currentPagu),
  executablePhase: b.executablePhase,
  executablePagu: amount(b.executablePagu),
  originalPagu: amountOrNull(b.originalPagu),
});
const storeMoney = (m: MoneyFigures): StoredLineView['money'] => ({
  currentPagu: text(m.currentPagu),
  originalPagu: text(m.originalPagu),
  hasOriginal: m.hasOriginal,
  hasPagu: m.hasPagu,
  realised: text(m.realised),
  months: m.months.map(textOrNull),
  quarters: m.quarters.map(textOrNull),
  hasQuarterlyLines: m.hasQuarterlyLines,
});
const readMoney = (m: StoredLineView['money']): MoneyFigures => ({
  currentPagu: amount(m.currentPagu),
  originalPagu: amount(m.originalPagu),
  hasOriginal: m.hasOriginal,
  hasPagu: m.hasPagu,
  realised: amount(m.realised),
  months: m.months.map(amountOrNull),
  quarters: m.quarters.map(amountOrNull),
  hasQuarterlyLines: m.hasQuarterlyLines,
});
const storeKinerja = (k: LineKinerja): StoredLineView['kinerja'] => ({
  outputs: [...k.outputs].map(([id, quarters]) => [id, quarters.map(textOrNull)]),
  targets: [...k.targets].map(([id, target]) => [id, text(target)]),
});
const readKinerja = (k: StoredLineView['kinerja']): LineKinerja => ({
  outputs: new Map(k.outputs.map(([id, quarters]) => [id, quarters.map(amountOrNull)])),
  targets: new Map(k.targets.map(([id, target]) => [id, amount(target)])),
});

/** The full-knowledge view and steps of a line, as the plan projection stores them. */
export function storeLineView(
  state: PlanLineState,
  folded?: { pagu: PaguBreakdown },
): { view: StoredLineView; movements: StoredLineMovements; steps: StoredLineSteps } {
  const { breakdown: b, steps: s, movements, money: m, kinerja: k } = foldLineView(state, {}, folded);
  const steps: StoredLineSteps = {
    steps: s.steps,
    sumOfDeltas: text(s.sumOfDeltas),
    finalAmount: text(s.finalAmount),
    currentPhase: s.currentPhase,
  };
  const view: StoredLineView = {
    indicators: state.indicators,
    breakdown: storeBreakdown(b),
    money: storeMoney(m),
    kinerja: storeKinerja(k),
  };
  return { view, movements: { movements: [...movements] }, steps };
}

/*
 * Views kept between requests (line-cache.ts) are few heap objects: a class (its getters on the prototype: an
 * object literal with getters costs five closures and their accessors, about 1.3 kB, per view), and each part
 * kept as one JSON string (one object, nothing inside for the garbage collector to follow), parsed and turned
 * into new decimals on every read. A report reads each part of a line once (and a kept report is not computed
 * again), while parts kept as decimals, maps and arrays were dozens of objects per view: the views of a
 * province's lines were most of the API's heap, and the full garbage collections that went through it paused
 * every request for over half a second (docs/benchmarks.md, projections/src/reports/bench/heap.bench.ts).
 */

/** A stored view's parts as JSON text, as the reports' query reads them (each part its own text). */
export interface StoredViewText {
  breakdown: string;
  money: string;
  kinerja: string;
  /** StoredLineMovements, null when the report did not read them. */
  movements: string | null;
  /** StoredLineSteps, null when the report did not read them. */
  steps: string | null;
}

/**
 * A stored view back as the reports use it, each part parsed and turned into decimals on every read. Movements
 * and steps are null when the report did not read them: asking for them then is a programming error.
 */
class StoredView implements LineView {
  constructor(private readonly parts: StoredViewText) {}

  get breakdown(): PaguBreakdown {
    return readBreakdown(JSON.parse(this.parts.breakdown) as StoredLineView['breakdown']);
  }

  get steps(): LineSteps {
    if (this.parts.steps === null) throw new Error('the pagu steps of this line were not loaded (loadReportScope with steps)');
    const s = JSON.parse(this.parts.steps) as StoredLineSteps;
    return { steps: s.steps, sumOfDeltas: amount(s.sumOfDeltas), finalAmount: amount(s.finalAmount), currentPhase: s.currentPhase };
  }

  get movements(): readonly PaguMovement[] {
    if (this.parts.movements === null) throw new Error('the pagu movements of this line were not loaded (loadReportScope with movements)');
    return (JSON.parse(this.parts.movements) as StoredLineMovements).movements;
  }

  get money(): MoneyFigures {
    return readMoney(JSON.parse(this.parts.money) as StoredLineView['money']);
  }

  get kinerja(): LineKinerja {
    return readKinerja(JSON.parse(this.parts.kinerja) as StoredLineView['kinerja']);
  }
}

/**
 * A stored view from the JSON text of its columns (as the reports' query reads them): the indicators parsed,
 * the view's other parts kept each as its own text.
 */
export function storedLineView(
  view: string,
  movements: string | null,
  steps: string | null,
): { indicators: IndicatorDefinedData[]; view: LineView } {
  const { indicators, breakdown, money, kinerja } = JSON.parse(view) as StoredLineView;
  return {
    indicators,
    view: new StoredView({
      breakdown: JSON.stringify(breakdown),
      money: JSON.stringify(money),
      kinerja: JSON.stringify(kinerja),
      movements,
      steps,
    }),
  };
}

/** A stored view back as the reports use it (see StoredView). */
export function readStoredLineView(
  stored: StoredLineView,
  { movements, steps }: { movements: StoredLineMovements | null; steps: StoredLineSteps | null },
): LineView {
  return new StoredView({
    breakdown: JSON.stringify(stored.breakdown),
    money: JSON.stringify(stored.money),
    kinerja: JSON.stringify(stored.kinerja),
    movements: movements && JSON.stringify(movements),
    steps: steps && JSON.stringify(steps),
  });
}

/**
 * The line state folded for a point of view, to be kept: each part folded on first use and kept as JSON text
 * (see above); the pagu steps are folded on every use and not kept (only the pagu trail lists them).
 *
 * A kept state's text (line-cache.ts) is parsed when a part is first folded, and the parsed state is held
 * weakly, by the kept state, for all its views: it lives through the request that folds the parts (a WeakRef's
 * target is kept at least to the end of the job that made or read it) and is garbage after it, to be parsed
 * again only if a part is folded after a garbage collection took it.
 */
class KeptView implements LineView {
  private keptBreakdown?: string;
  private keptMoney?: string;
  private keptKinerja?: string;
  private keptMovements?: string;

  constructor(
    private readonly source: PlanLineState | KeptStateText,
    private readonly asOf: AsOf,
  ) {}

  private get state(): PlanLineState {
    return 'entries' in this.source ? this.source : parsedState(this.source);
  }

  get breakdown(): PaguBreakdown {
    if (this.keptBreakdown) return readBreakdown(JSON.parse(this.keptBreakdown) as StoredLineView['breakdown']);
    const folded = paguBreakdown(this.state, this.asOf);
    this.keptBreakdown = JSON.stringify(storeBreakdown(folded));
    return folded;
  }

  get steps(): LineSteps {
    return paguSteps(this.state, this.asOf, this.breakdown);
  }

  get movements(): readonly PaguMovement[] {
    if (this.keptMovements) return JSON.parse(this.keptMovements) as PaguMovement[];
    const movements = movementsOf(this.steps);
    this.keptMovements = JSON.stringify(movements);
    return movements;
  }

  get money(): MoneyFigures {
    return this.keptMoney ? readMoney(JSON.parse(this.keptMoney) as StoredLineView['money']) : this.facts().money;
  }

  get kinerja(): LineKinerja {
    return this.keptKinerja ? readKinerja(JSON.parse(this.keptKinerja) as StoredLineView['kinerja']) : this.facts().kinerja;
  }

  private facts(): { money: MoneyFigures; kinerja: LineKinerja } {
    const folded = lineFacts(this.state, this.asOf, this.breakdown);
    this.keptMoney = JSON.stringify(storeMoney(folded.money));
    this.keptKinerja = JSON.stringify(storeKinerja(folded.kinerja));
    return folded;
  }
}

/** A kept state's JSON text, and the state parsed from it while it is in use. */
export interface KeptStateText {
  text: string;
  parsed?: WeakRef<PlanLineState>;
}

/** The kept state parsed (again, if the one parsed last was collected). */
export function parsedState(kept: KeptStateText): PlanLineState {
  let state = kept.parsed?.deref();
  if (!state) kept.parsed = new WeakRef((state = JSON.parse(kept.text) as PlanLineState));
  return state;
}

/** A view to keep, of a state or of a kept state's text. */
export const keptLineView = (source: PlanLineState | KeptStateText, asOf: AsOf): LineView => new KeptView(source, asOf);
