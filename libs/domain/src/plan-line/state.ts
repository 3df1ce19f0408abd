import type { LegalBasis } from '../shared/legal-basis';
import type {
  IndicatorDefinedData,
  LineRegisteredData,
  PaguChangedData,
  PaguShiftedData,
  RealisationRecordedData,
  RenstraRecordedData,
  TargetRevisedData,
} from './events';

/** Something that changes a line's figures. Corrections never remove entries: they mark them superseded. */
interface EntryBase {
  /** The event that produced this entry (for a replacement: the correcting event). */
  eventId: string;
  effectiveDate: string;
  legalBasis: LegalBasis | null;
  reason: string | null;
  recordedAt: string | null;
  actor: string | null;
  /** Order inside the stream; breaks ties between entries with the same effective date. */
  sequence: number;
  /** Set when this entry replaces another (a correction). */
  corrects: string | null;
  /** The correcting event and when it was recorded, once this entry has been corrected. */
  supersededBy: { eventId: string; recordedAt: string | null } | null;
}

export type LineEntry =
  | (EntryBase & { kind: 'pagu'; data: PaguChangedData })
  | (EntryBase & { kind: 'shift'; data: PaguShiftedData })
  | (EntryBase & { kind: 'realisation'; data: RealisationRecordedData })
  | (EntryBase & { kind: 'target'; data: TargetRevisedData });

/** Renstra figures as recorded, with when and by whom: the evaluation folds them for its point of view. */
export interface RenstraEntry {
  eventId: string;
  effectiveDate: string;
  recordedAt: string | null;
  actor: string | null;
  reason: string | null;
  data: RenstraRecordedData;
}

/** A plan line's state: plain JSON, so read models can store it and fold further events into it. */
export interface PlanLineState {
  line: LineRegisteredData | null;
  /** When the ledger recorded the registration (system time); null before it is stored. */
  registeredAt?: string | null;
  indicators: IndicatorDefinedData[];
  entries: LineEntry[];
  /** Realisation is recorded either monthly or quarterly on one line, never both (no double counting). */
  realisationGranularity: 'month' | 'quarter' | null;
  /** Renstra figures in the order recorded; absent in states stored before they could be recorded. */
  renstra?: RenstraEntry[];
  /** Number of events folded: the stream version. */
  version: number;
}

export const initialLineState = (): PlanLineState => ({
  line: null,
  indicators: [],
  entries: [],
  realisationGranularity: null,
  version: 0,
});
