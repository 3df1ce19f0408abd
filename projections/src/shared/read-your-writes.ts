import { AsyncLocalStorage } from 'node:async_hooks';

interface ReadYourWritesScope {
  /** The highest position a write of this request could not see in the read model, if any. */
  behindAt: number | null;
}

const scope = new AsyncLocalStorage<ReadYourWritesScope>();

/**
 * Read-your-writes, per request: the HTTP layer runs each request in a scope; when a write's wait for
 * the read model fails (Projector.waitFor), the position it could not see is noted here, and the answer
 * says so (X-Read-Model: behind; position=N) instead of a plain 201 that a following read would contradict.
 */
export const readYourWrites = {
  run<T>(fn: () => T): T {
    return scope.run({ behindAt: null }, fn);
  },
  noteBehind(position: number): void {
    const current = scope.getStore();
    if (current) current.behindAt = Math.max(current.behindAt ?? 0, position);
  },
  /** The position the read model had not reached when this request's write was answered, or null. */
  behindAt(): number | null {
    return scope.getStore()?.behindAt ?? null;
  },
};
