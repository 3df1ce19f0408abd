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
  return line.view.movements
    .filter((m) => EXECUTABLE_PHASES.includes(m.phase) && m.effectiveDate >= lastQuarterStarts && new Money(m.delta).greaterThan(0))
    .map((m) => ({
      code: line.code,
      name: line.name,
      eventId: m.eventId,
      eventType: m.eventType,
      kind: m.kind,
      phase: m.phase,
      fundingSource: m.fundingSource,
      amount: m.delta,
      effectiveDate: m.effectiveDate,
      legalBasis: m.legalBasis,
      reason: m.reason,
      recordedAt: m.recordedAt,
    }));
}
