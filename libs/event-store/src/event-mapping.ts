import type { EvaluationNoteRecorded, LineEvent, OfficeRegistered, OfficeSignatorySet, StatedFigureRecorded } from '@renja/domain';
import type { EventMetadata, NewEvent, RecordedEvent } from './port/event-store.port';

/** What the application adds to every event it records: who, and the request chain it belongs to. */
export interface RecordingContext {
  actor: string;
  correlationId: string;
  causationId?: string | null;
}

type DomainEvent = LineEvent | OfficeRegistered | OfficeSignatorySet | StatedFigureRecorded | EvaluationNoteRecorded;

/** A domain event as the store keeps it: validity data goes to metadata, the payload to data. */
export function toNewEvent(event: DomainEvent, context: RecordingContext): NewEvent {
  const lineEvent = 'effectiveDate' in event ? event : null;
  const metadata: EventMetadata = {
    actor: context.actor,
    correlationId: context.correlationId,
    causationId: context.causationId ?? null,
    effectiveDate: lineEvent?.effectiveDate ?? null,
    legalBasis: lineEvent?.legalBasis ?? null,
    reason: lineEvent?.reason ?? null,
  };
  return { id: event.id, type: event.type, schemaVersion: 1, data: event.data as unknown as Record<string, unknown>, metadata };
}

/** A recorded line event as the domain folds it, with its recorded time and position. */
export function toLineEvent(recorded: RecordedEvent): LineEvent {
  const m = recorded.metadata;
  return {
    id: recorded.id,
    type: recorded.type,
    data: recorded.data,
    effectiveDate: m.effectiveDate ?? '',
    legalBasis: m.legalBasis ?? null,
    reason: m.reason ?? null,
    recordedAt: recorded.recordedAt,
    position: recorded.position,
    actor: m.actor,
  } as unknown as LineEvent;
}
