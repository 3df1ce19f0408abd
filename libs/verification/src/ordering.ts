import type { RecordedEvent } from '@renja/event-store';
import { msg, type Message } from '@renja/domain/shared/messages/message';

/**
 * Why an event that does not hash to its claimed hash is out of place rather than altered, or
 * null. The database gives every event a recorded time under the append lock (never decreasing
 * with position) and every stream consecutive versions, so an event moved elsewhere in the log
 * shows up as a time earlier than its predecessor's or later than its successor's, or as a
 * version that does not follow its stream's previous one. These checks are only used to name a
 * failure: an event that hashes correctly is accepted even if the clock once went backwards.
 */
export function outOfOrder(
  event: RecordedEvent,
  previous: RecordedEvent | null,
  next: RecordedEvent | null,
  lastVersion?: number,
): Message | null {
  if (previous && event.recordedAt < previous.recordedAt) {
    return msg('VERIFY_WHY.recorded_before', { at: event.recordedAt, position: previous.position, other: previous.recordedAt });
  }
  if (next && next.position > event.position && next.recordedAt < event.recordedAt) {
    return msg('VERIFY_WHY.recorded_after', { at: event.recordedAt, position: next.position, other: next.recordedAt });
  }
  if (lastVersion !== undefined && event.version !== lastVersion + 1) {
    return msg('VERIFY_WHY.version', { version: event.version, stream: event.streamId, previous: lastVersion });
  }
  return null;
}

/** Last version seen per stream: O(number of streams) memory, the one state that grows with the ledger's shape. */
export class StreamVersions {
  private readonly last = new Map<string, number>();

  of(streamId: string): number {
    return this.last.get(streamId) ?? 0;
  }

  record(event: RecordedEvent): void {
    this.last.set(event.streamId, event.version);
  }
}
