import { EXECUTABLE_PHASES, Money, type LegalBasis } from '@renja/domain';
import type { ReportLine } from '../shared/report-lines';

/** Pagu that arrived in the last quarter: the usual reason why a line could not absorb its budget. */
export interface LateAdditionEvent {
  code: string;
  name: string;
  eventId: string;
  eventType: string;
  /** pagu_add (a delta), pagu_set (an amount raised, e.g. by APBD-P), shift_in (pergeseran into the line). */
  kind: string;
  phase: string;
  fundingSource: string;
  amount: string;
  effectiveDate: string;
  legalBasis: LegalBasis | null;
  reason: string | null;
  recordedAt: string | null;
}

export interface LateAddition extends LateAdditionEvent {
  lineRealised: string;
  lineCurrentPagu: string;
  lineAbsorption: { current: string | null; original: string | null };
}

/** Steps in force that raised the executable pagu with an effective date in the last quarter. */
export function lateAdditionsOf(line: ReportLine, lastQuarterStarts: string): LateAdditionEvent[] {
  return line.view.steps
    .steps.filter(
      (s) =>
        s.status === 'in_force' &&
        s.kind !== 'phase_start' &&
        EXECUTABLE_PHASES.includes(s.phase) &&
        s.effectiveDate !== null &&
        s.effectiveDate >= lastQuarterStarts &&
        new Money(s.delta).greaterThan(0),
    )
    .map((s) => ({
      code: line.code,
      name: line.name,
      eventId: s.eventId!,
      eventType: s.eventType!,
      kind: s.kind,
      phase: s.phase,
      fundingSource: s.fundingSource!,
      amount: s.delta,
      effectiveDate: s.effectiveDate!,
      legalBasis: s.legalBasis,
      reason: s.reason,
      recordedAt: s.recordedAt,
    }));
}
