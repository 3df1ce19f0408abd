import type { LineEntry, PlanLineState } from './state';
import { LINE_EVENT_TYPES, type LineEvent } from './events';
import { parsePeriod } from '../shared/period';

type EntryKind = LineEntry['kind'];

const ENTRY_KIND_BY_TYPE: Partial<Record<LineEvent['type'], EntryKind>> = {
  [LINE_EVENT_TYPES.targetRevised]: 'target',
  [LINE_EVENT_TYPES.paguChanged]: 'pagu',
  [LINE_EVENT_TYPES.paguShifted]: 'shift',
  [LINE_EVENT_TYPES.realisationRecorded]: 'realisation',
};

export const entryKindOf = (type: string): EntryKind | undefined => ENTRY_KIND_BY_TYPE[type as LineEvent['type']];

function entryFrom(event: LineEvent, kind: EntryKind, data: unknown, sequence: number, extra?: Partial<LineEntry>): LineEntry {
  const entry = {
    kind,
    data,
    eventId: event.id,
    effectiveDate: event.effectiveDate,
    legalBasis: event.legalBasis,
    reason: event.reason,
    recordedAt: event.recordedAt ?? null,
    actor: event.actor ?? null,
    sequence,
    corrects: null,
    supersededBy: null,
  } as LineEntry;
  // Only a correction's replacement has more to say: a spread of nothing still cost every other entry a copy.
  return extra ? Object.assign(entry, extra) : entry;
}

function granularityAfter(state: PlanLineState, entry: LineEntry): PlanLineState['realisationGranularity'] {
  if (entry.kind !== 'realisation' || state.realisationGranularity) return state.realisationGranularity;
  return parsePeriod(entry.data.period).granularity;
}

/** Granularity of the realisation entries still in force (all share one), or null when there is none. */
export function realisationGranularityOf(entries: readonly LineEntry[]): PlanLineState['realisationGranularity'] {
  const active = entries.find((e) => e.kind === 'realisation' && !e.supersededBy);
  return active?.kind === 'realisation' ? parsePeriod(active.data.period).granularity : null;
}

/** The entry a correction of `eventId` replaces: the one recorded by that event and not yet superseded. */
export const entryInForce = (state: PlanLineState, eventId: string): LineEntry | undefined =>
  state.entries.find((e) => e.eventId === eventId && !e.supersededBy);

/** Folds one event into a line's state. Never mutates its input. */
export function evolveLine(state: PlanLineState, event: LineEvent): PlanLineState {
  const next: PlanLineState = { ...state, version: state.version + 1 };
  switch (event.type) {
    case LINE_EVENT_TYPES.registered:
      return { ...next, line: event.data, registeredAt: event.recordedAt ?? null };
    case LINE_EVENT_TYPES.indicatorDefined:
      return { ...next, indicators: [...state.indicators, event.data] };
    case LINE_EVENT_TYPES.renstraRecorded: {
      const entry = {
        eventId: event.id,
        effectiveDate: event.effectiveDate,
        recordedAt: event.recordedAt ?? null,
        actor: event.actor ?? null,
        reason: event.reason,
        data: event.data,
      };
      return { ...next, renstra: [...(state.renstra ?? []), entry] };
    }
    case LINE_EVENT_TYPES.corrected: {
      const { correctedEventId, replacement } = event.data;
      const original = entryInForce(state, correctedEventId);
      if (!original) return next; // decide() never lets this happen; a projection stays total anyway
      const superseded = { ...original, supersededBy: { eventId: event.id, recordedAt: event.recordedAt ?? null } } as LineEntry;
      const entries = state.entries.map((e) => (e === original ? superseded : e));
      // A corrected realisation may have been the one that fixed the line's granularity: derive it again.
      if (!replacement) return { ...next, entries, realisationGranularity: realisationGranularityOf(entries) };
      // The replacement takes the original's place in the order of the stream.
      const replacementEntry = entryFrom(event, original.kind, replacement.data, original.sequence, {
        effectiveDate: replacement.effectiveDate,
        corrects: correctedEventId,
      });
      const after = [...entries, replacementEntry];
      return { ...next, entries: after, realisationGranularity: realisationGranularityOf(after) };
    }
    default: {
      const kind = entryKindOf(event.type);
      if (!kind) return next;
      const entry = entryFrom(event, kind, event.data, next.version);
      // Most events of a line end here: `next` is this call's own object, so it takes the new entries itself.
      next.entries = [...state.entries, entry];
      next.realisationGranularity = granularityAfter(state, entry);
      return next;
    }
  }
}
