import type Decimal from 'decimal.js';
import {
  invalid,
  Money,
  isPhase,
  msg,
  percentage,
  PHASE_CHAIN,
  totalOf,
  type AsOf,
  type ChainPhase,
  type PaguBreakdown,
} from '@renja/domain';
import { phaseName } from '../render/cells';
import { fixed, plusSources, sourcesJson, tieOut, zero, type TieOut } from '../shared/amounts';
import type { ReportLine, ReportScope } from '../shared/report-lines';
import { rollUpTree } from '../shared/roll-up-tree';
import { amountsInPhase, chainIndex, phaseBetween } from './phase-amounts';

/** A recorded change that moved a line's amount between the two phases. */
export interface ExplainingEvent {
  eventId: string;
  eventType: string;
  kind: string;
  phase: string;
  fundingSource: string;
  delta: string;
  effectiveDate: string;
  legalBasis: { kind: string; number: string; date: string } | null;
  reason: string | null;
  corrects: string | null;
}

export interface ReconciliationLine {
  code: string;
  level: string;
  parentCode: string | null;
  name: string;
  /** both, or a line that has an amount in only one of the phases (listed, never dropped). */
  presence: 'both' | 'only_from' | 'only_to';
  fromAmount: string | null;
  toAmount: string | null;
  /** The phase the `to` amount was recorded in, when the line carries it forward unchanged. */
  toCarriedFrom: string | null;
  delta: string;
  deltaPercent: string | null;
  deltaBySource: Record<string, string>;
  events: ExplainingEvent[];
  /** Sum of the events' deltas, or for a line absent from `to` its whole `from` amount taken away. */
  explainedDelta: string;
  explained: boolean;
}

export interface ReconciliationTotal {
  code: string | null;
  level: string;
  name: string;
  fromAmount: string;
  toAmount: string;
  delta: string;
  deltaPercent: string | null;
  deltaBySource: Record<string, string>;
}

export interface ReconciliationReport {
  report: 'reconciliation';
  year: number;
  office: { code: string; name: string };
  asOf: AsOf;
  fromPhase: ChainPhase;
  toPhase: ChainPhase;
  lines: ReconciliationLine[];
  kegiatan: ReconciliationTotal[];
  programs: ReconciliationTotal[];
  officeTotal: ReconciliationTotal;
  tieOut: { deltas: TieOut; explained: TieOut; unexplainedLines: string[] };
}

interface Sums {
  from: Decimal;
  to: Decimal;
  fromBySource: Map<string, Decimal>;
  toBySource: Map<string, Decimal>;
}

const chainPhase = (value: string, field: string): ChainPhase => {
  if (!isPhase(value) || value === 'PRAKIRAAN_MAJU') {
    throw invalid(field, msg('PHASE_FORMAT', { value, phases: PHASE_CHAIN.join(', ') }), 'PHASE_FORMAT');
  }
  return value;
};

/** Default: APBD against APBD_P; without any APBD_P in effect, against the latest phase in effect (null: checks only). */
export function resolvePhases(
  scope: ReportScope | null,
  breakdowns: Map<string, PaguBreakdown>,
  from?: string,
  to?: string,
): { fromPhase: ChainPhase; toPhase: ChainPhase } {
  const fromPhase = from === undefined ? 'APBD' : chainPhase(from, 'from');
  if (to !== undefined) {
    const toPhase = chainPhase(to, 'to');
    if (chainIndex(toPhase) <= chainIndex(fromPhase))
      throw invalid('to', msg('PHASE_ORDER', { to: toPhase, from: fromPhase }), 'PHASE_ORDER');
    return { fromPhase, toPhase };
  }
  const current = [...breakdowns.values()].map((b) => b.currentPhase).filter((p): p is ChainPhase => p !== null && p !== 'PRAKIRAAN_MAJU');
  const latest = current.sort((a, b) => chainIndex(b) - chainIndex(a))[0];
  const toPhase = current.includes('APBD_P') ? 'APBD_P' : latest && chainIndex(latest) > chainIndex(fromPhase) ? latest : fromPhase;
  return { fromPhase, toPhase };
}

function reconcileLine(
  line: ReportLine,
  breakdown: PaguBreakdown,
  fromPhase: ChainPhase,
  toPhase: ChainPhase,
): { row: ReconciliationLine | null; sums: Sums } {
  const from = amountsInPhase(breakdown, fromPhase);
  const to = amountsInPhase(breakdown, toPhase);
  const sums: Sums = {
    from: totalOf(from?.bySource),
    to: totalOf(to?.bySource),
    fromBySource: from?.bySource ?? new Map(),
    toBySource: to?.bySource ?? new Map(),
  };
  if (!from && !to) return { row: null, sums };
  const delta = sums.to.minus(sums.from);
  // From absent: every step that built the `to` amount explains it; otherwise the steps after `from` up to `to`.
  const events = to
    ? line.view.movements
        .filter((m) => phaseBetween(m.phase, from ? fromPhase : null, toPhase))
        .map((m) => ({
          eventId: m.eventId,
          eventType: m.eventType,
          kind: m.kind,
          phase: m.phase,
          fundingSource: m.fundingSource,
          delta: m.delta,
          effectiveDate: m.effectiveDate,
          legalBasis: m.legalBasis,
          reason: m.reason,
          corrects: m.corrects,
        }))
    : [];
  const explainedDelta = to ? events.reduce((s, e) => s.plus(e.delta), zero()) : sums.from.negated();
  const deltaBySource = new Map(sums.toBySource);
  for (const [source, amount] of sums.fromBySource) deltaBySource.set(source, (deltaBySource.get(source) ?? zero()).minus(amount));
  return {
    sums,
    row: {
      code: line.code,
      level: line.level,
      parentCode: line.parentCode,
      name: line.name,
      presence: from && to ? 'both' : from ? 'only_from' : 'only_to',
      fromAmount: from ? fixed(sums.from) : null,
      toAmount: to ? fixed(sums.to) : null,
      toCarriedFrom: to && to.recordedIn !== toPhase ? to.recordedIn : null,
      delta: fixed(delta),
      deltaPercent: from ? percentage(delta, sums.from) : null,
      deltaBySource: sourcesJson(deltaBySource, { dropZero: true }),
      events,
      explainedDelta: fixed(explainedDelta),
      explained: explainedDelta.equals(delta),
    },
  };
}

/**
 * Lines already reconciled, by view: a kept view (shared/line-cache.ts) is the same object for as long as the
 * line and what the point of view sees of it are the same, and a line's row and sums depend on nothing else
 * but its place and name and the two phases. A point of view never asked before still shares most lines'
 * views with earlier ones (most lines see the same entries at neighbouring dates).
 */
const reconciled = new WeakMap<object, Map<string, { row: ReconciliationLine | null; sums: Sums }>>();

function reconcileKept(line: ReportLine, breakdown: PaguBreakdown, fromPhase: ChainPhase, toPhase: ChainPhase) {
  const key = `${fromPhase}|${toPhase}|${line.code}|${line.level}|${line.parentCode ?? ''}|${line.name}`;
  let byKey = reconciled.get(line.view);
  if (!byKey) reconciled.set(line.view, (byKey = new Map()));
  let result = byKey.get(key);
  if (!result) byKey.set(key, (result = reconcileLine(line, breakdown, fromPhase, toPhase)));
  return result;
}

const totalRow = (code: string | null, level: string, name: string, s: Sums): ReconciliationTotal => {
  const bySource = new Map(s.toBySource);
  for (const [source, amount] of s.fromBySource) bySource.set(source, (bySource.get(source) ?? zero()).minus(amount));
  const delta = s.to.minus(s.from);
  return {
    code,
    level,
    name,
    fromAmount: fixed(s.from),
    toAmount: fixed(s.to),
    delta: fixed(delta),
    deltaPercent: percentage(delta, s.from),
    deltaBySource: sourcesJson(bySource, { dropZero: true }),
  };
};

/** APBD against APBD-P (or any two phases of the chain), per line, rolled up, with the events that explain each delta. */
export function reconciliationReport(scope: ReportScope, from?: string, to?: string): ReconciliationReport {
  // One breakdown per line, shared by the phase defaults, the amounts and the explaining steps.
  const breakdowns = new Map(scope.lines.map((l) => [l.code, l.view.breakdown]));
  const { fromPhase, toPhase } = resolvePhases(scope, breakdowns, from, to);
  const perLine = new Map(scope.lines.map((l) => [l.code, reconcileKept(l, breakdowns.get(l.code)!, fromPhase, toPhase)]));
  const emptySums = (): Sums => ({ from: zero(), to: zero(), fromBySource: new Map(), toBySource: new Map() });
  const plus = (a: Sums, b: Sums): Sums => ({
    from: a.from.plus(b.from),
    to: a.to.plus(b.to),
    fromBySource: plusSources(a.fromBySource, b.fromBySource),
    toBySource: plusSources(a.toBySource, b.toBySource),
  });
  const rolled = rollUpTree(scope.lines, (code) => perLine.get(code)!.sums, plus, emptySums);
  const lines = [...perLine.values()].map((r) => r.row).filter((r): r is ReconciliationLine => r !== null);
  const totalsAt = (level: string) =>
    scope.lines.filter((l) => l.level === level).map((l) => totalRow(l.code, l.level, l.name, rolled.byCode.get(l.code)!));
  const officeTotal = totalRow(null, 'office', scope.office.name, rolled.office);
  const lineDeltas = lines.reduce((s, l) => s.plus(l.delta), zero());
  const explained = lines.reduce((s, l) => s.plus(l.explainedDelta), zero());
  const unexplainedLines = lines.filter((l) => !l.explained).map((l) => l.code);
  // Offsetting errors could hide in a sum: the check only passes when every single line is explained.
  const explainedCheck = tieOut(
    'jumlah selisih baris = jumlah yang dijelaskan peristiwa tercatat, baris demi baris',
    lineDeltas,
    explained,
  );
  return {
    report: 'reconciliation',
    year: scope.year,
    office: scope.office,
    asOf: scope.asOf,
    fromPhase,
    toPhase,
    lines,
    kegiatan: totalsAt('kegiatan'),
    programs: totalsAt('program'),
    officeTotal,
    tieOut: {
      deltas: tieOut(
        `jumlah selisih baris = selisih perangkat daerah (${phaseName(toPhase)} – ${phaseName(fromPhase)})`,
        new Money(officeTotal.delta),
        lineDeltas,
      ),
      explained: unexplainedLines.length > 0 ? { ...explainedCheck, status: 'MISMATCH' } : explainedCheck,
      unexplainedLines,
    },
  };
}
