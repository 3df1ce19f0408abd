/** Typed errors of the event-store port. The HTTP layer maps them in one place. */
export class EventStoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** The stream's actual version differs from the expected one (optimistic concurrency). */
export class WrongExpectedVersionError extends EventStoreError {
  constructor(
    readonly streamId: string,
    readonly expected: number | 'no_stream',
    readonly actual: number,
  ) {
    super(`stream ${streamId}: expected version ${expected}, actual version ${actual}`);
  }
}

/** The same idempotency key was sent earlier with a different request. */
export class IdempotencyKeyReusedError extends EventStoreError {
  constructor(readonly key: string) {
    super(`idempotency key ${key} was already used for a different request`);
  }
}

/** An event id that is already in the store, outside an idempotent replay. */
export class DuplicateEventIdError extends EventStoreError {
  constructor(readonly eventId: string) {
    super(`event id ${eventId} is already recorded`);
  }
}
