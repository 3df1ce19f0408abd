/** The stream changed since the version the client sent in If-Match. HTTP 412. */
export class PreconditionFailedError extends Error {
  constructor(
    readonly streamId: string,
    readonly expected: number,
    readonly actual: number,
  ) {
    super(`If-Match: expected version ${expected} but ${streamId} is at version ${actual}; reload and retry`);
    this.name = 'PreconditionFailedError';
  }
}

/** An idempotency key sent again with a different request body. HTTP 422. */
export class IdempotencyConflictError extends Error {
  constructor(readonly key: string) {
    super(`Idempotency-Key "${key}" was already used for a different request`);
    this.name = 'IdempotencyConflictError';
  }
}
