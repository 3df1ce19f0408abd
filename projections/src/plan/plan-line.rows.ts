// Deep imports for values on the rebuild's hot path: the package index re-exports them through getters, which took
// 0.2 s of a 488,440-event rebuild's profile. Types still come from the index.
import { describeChange, diffFigures } from '@renja/domain/plan-line/describe-change';
import { LINE_EVENT_TYPES } from '@renja/domain/plan-line/events';
import { paguBreakdown } from '@renja/domain/plan-line/pagu';
import { realisationSummary } from '@renja/domain/plan-line/realisation';
import { renstraFigureMap } from '@renja/domain/plan-line/renstra';
import type { FigureChange, LineEvent, PaguBreakdown, PlanLineState } from '@renja/domain';
import { storeLineView } from '../reports/shared/line-view';
import { STORED_VIEWS_VERSION } from '../shared/stored-views';
import { storePlanFigures } from './line-figures';
import { LineHistoryView, LinePaguView, PlanLineView } from './plan.entities';

/** The plan-line row derived from a line's state (full knowledge, every effective date). */
export function planLineRow(
  streamId: string,
  state: PlanLineState,
  lastPosition: number,
  pagu: PaguBreakdown = paguBreakdown(state),
): PlanLineView {
  const line = state.line!;
  // One fold of the pagu and the realisation, shared by the row's figures, the plan figures and the report view.
  const realisation = realisationSummary(state);
  const stored = storeLineView(state, { pagu });
  return Object.assign(new PlanLineView(), {
    streamId,
    year: line.year,
    officeCode: line.officeCode,
    code: line.code,
    level: line.level,
    parentCode: line.parentCode,
    name: line.name,
    version: state.version,
    currentPhase: pagu.currentPhase,
    currentPagu: pagu.currentPagu,
    originalPagu: pagu.originalPagu,
    executablePagu: pagu.executablePagu,
    realised: realisation.cumulative,
    state,
    viewsVersion: STORED_VIEWS_VERSION,
    planFigures: storePlanFigures(state, { pagu, realisation }),
    reportView: stored.view,
    reportMovements: stored.movements,
    reportSteps: stored.steps,
    lastPosition,
  });
}

/** `pagu`: the state's breakdown, where the caller has it (planLineRow's). */
export function paguRows(streamId: string, state: PlanLineState, pagu: PaguBreakdown = paguBreakdown(state)): LinePaguView[] {
  const rows: LinePaguView[] = [];
  for (const [phase, sources] of pagu.phases) {
    for (const [fundingSource, amount] of sources) rows.push(Object.assign(new LinePaguView(), { streamId, phase, fundingSource, amount }));
  }
  return rows;
}

function figuresWithoutAmounts(event: LineEvent): Array<{ figure: string; from: string | null; to: string | null }> {
  if (event.type === LINE_EVENT_TYPES.registered) return [{ figure: 'line', from: null, to: `${event.data.code} ${event.data.name}` }];
  if (event.type === LINE_EVENT_TYPES.indicatorDefined) {
    const d = event.data;
    return [{ figure: `indicator.${d.indicatorId}`, from: null, to: `${d.name} (${d.unit}; ${d.direction})` }];
  }
  return [];
}

/** What one event changed, one entry per history row: the figures it changed, or one without a figure. */
export function historyChanges(
  event: LineEvent,
  before: PlanLineState,
  after: PlanLineState,
  describe: () => FigureChange[] = () => describeChange(before, after),
): FigureChange[] {
  let changes = figuresWithoutAmounts(event);
  // Renstra figures are no pagu, realisation or target: what a Renstra event changed is read from the two states.
  if (event.type === LINE_EVENT_TYPES.renstraRecorded)
    changes = diffFigures(renstraFigureMap(before.renstra), renstraFigureMap(after.renstra));
  if (changes.length === 0) changes = describe();
  if (changes.length === 0) changes = [{ figure: null as unknown as string, from: null, to: null }];
  return changes;
}

/** History rows for one event: one per figure it changed (at least one row per event). */
export function historyRows(
  streamId: string,
  event: LineEvent,
  before: PlanLineState,
  after: PlanLineState,
  describe: () => FigureChange[] = () => describeChange(before, after),
): LineHistoryView[] {
  return historyChanges(event, before, after, describe).map((c, seq) =>
    Object.assign(new LineHistoryView(), {
      position: event.position!,
      seq,
      streamId,
      eventId: event.id,
      eventType: event.type,
      recordedAt: event.recordedAt!,
      effectiveDate: event.effectiveDate || null,
      actor: event.actor ?? 'unknown',
      figure: c.figure,
      fromValue: c.from,
      toValue: c.to,
      reason: event.reason,
      legalBasis: event.legalBasis,
      correctsEventId: event.type === LINE_EVENT_TYPES.corrected ? event.data.correctedEventId : null,
    }),
  );
}
