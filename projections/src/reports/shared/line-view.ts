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
 * Views kept between requests (line-cache.ts) are small: a class (its getters on the prototype: an object
 * literal with getters costs five closures and their accessors, about 1.3 kB, per view), and its parts kept as
 * text, as the stored views keep them, turned into new decimals on every read. A report reads each part of a
 * line once (and a kept report is not computed again), while a decimal is three heap objects. With closures and
 * decimals kept, the views of a province's lines were most of the API's heap, and the full garbage collections
 * that went through it paused every request for over half a second (docs/benchmarks.md).
 */

/**
 * A stored view back as the reports use it; each part turned into decimals on every read. Movements and steps
 * are null when the report did not read them: asking for them then is a programming error.
 */
class StoredView implements LineView {
  constructor(
    private readonly stored: StoredLineView,
    private readonly storedMovements: StoredLineMovements | null,
    private readonly storedSteps: StoredLineSteps | null,
  ) {}

  get breakdown(): PaguBreakdown {
    return readBreakdown(this.stored.breakdown);
  }

  get steps(): LineSteps {
    const s = this.storedSteps;
    if (!s) throw new Error('the pagu steps of this line were not loaded (loadReportScope with steps)');
    return { steps: s.steps, sumOfDeltas: amount(s.sumOfDeltas), finalAmount: amount(s.finalAmount), currentPhase: s.currentPhase };
  }

  get movements(): readonly PaguMovement[] {
    if (!this.storedMovements) throw new Error('the pagu movements of this line were not loaded (loadReportScope with movements)');
    return this.storedMovements.movements;
  }

  get money(): MoneyFigures {
    return readMoney(this.stored.money);
  }

  get kinerja(): LineKinerja {
    return readKinerja(this.stored.kinerja);
  }
}

export function readStoredLineView(
  stored: StoredLineView,
  { movements, steps }: { movements: StoredLineMovements | null; steps: StoredLineSteps | null },
): LineView {
  return new StoredView(stored, movements, steps);
}

/**
 * The line state folded for a point of view, to be kept: each part folded on first use and kept as text (see
 * above); the pagu steps are folded on every use and not kept (only the pagu trail lists them).
 *
 * A kept state's text (line-cache.ts) is parsed when a part is first folded, and the parsed state is held
 * weakly: it lives through the request that folds the parts (a WeakRef's target is kept to the end of the
 * synchronous job that made or read it), and is garbage after it.
 */
class KeptView implements LineView {
  private keptBreakdown?: StoredLineView['breakdown'];
  private keptMoney?: StoredLineView['money'];
  private keptKinerja?: StoredLineView['kinerja'];
  private keptMovements?: PaguMovement[];
  private parsed?: WeakRef<PlanLineState>;

  constructor(
    private readonly source: PlanLineState | { text: string },
    private readonly asOf: AsOf,
    parsed?: PlanLineState,
  ) {
    if (parsed) this.parsed = new WeakRef(parsed);
  }

  private get state(): PlanLineState {
    if ('entries' in this.source) return this.source;
    let state = this.parsed?.deref();
    if (!state) this.parsed = new WeakRef((state = JSON.parse(this.source.text) as PlanLineState));
    return state;
  }

  get breakdown(): PaguBreakdown {
    if (this.keptBreakdown) return readBreakdown(this.keptBreakdown);
    const folded = paguBreakdown(this.state, this.asOf);
    this.keptBreakdown = storeBreakdown(folded);
    return folded;
  }

  get steps(): LineSteps {
    return paguSteps(this.state, this.asOf, this.breakdown);
  }

  get movements(): readonly PaguMovement[] {
    return (this.keptMovements ??= movementsOf(this.steps));
  }

  get money(): MoneyFigures {
    return this.keptMoney ? readMoney(this.keptMoney) : this.facts().money;
  }

  get kinerja(): LineKinerja {
    return this.keptKinerja ? readKinerja(this.keptKinerja) : this.facts().kinerja;
  }

  private facts(): { money: MoneyFigures; kinerja: LineKinerja } {
    const folded = lineFacts(this.state, this.asOf, this.breakdown);
    this.keptMoney = storeMoney(folded.money);
    this.keptKinerja = storeKinerja(folded.kinerja);
    return folded;
  }
}

/** A view to keep, of a state or of a kept state's text (`parsed`: that text just parsed, if it was). */
export const keptLineView = (source: PlanLineState | { text: string }, asOf: AsOf, parsed?: PlanLineState): LineView =>
  new KeptView(source, asOf, parsed);
