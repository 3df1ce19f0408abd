import type { LegalBasisValue } from '../reports/report-types';

/** One entry of GET …/changes (the same fields as a line's history entry, plus the line and its correction). */
export interface ChangeEntry {
  position: number;
  eventId: string;
  type: string;
  recordedAt: string;
  effectiveDate: string | null;
  actor: string;
  reason: string | null;
  legalBasis: LegalBasisValue | null;
  correctsEventId: string | null;
  /** The event that corrected this one (replaced or reversed it), if any. */
  correctedBy: string | null;
  changes: Array<{ figure: string; from: string | null; to: string | null }>;
  code: string;
  lineName: string;
}

export interface ChangeLog {
  entries: ChangeEntry[];
  /** The `after` cursor of the next page; null on the last page. */
  nextAfter: number | null;
  actors: string[];
  kinds: string[];
}

/** The filters of the log, as kept in the URL query. */
export interface ChangeFilters {
  from?: string;
  to?: string;
  actor?: string;
  kind?: string;
  code?: string;
  order?: 'asc' | 'desc';
}
