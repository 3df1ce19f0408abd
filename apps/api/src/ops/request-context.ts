import { AsyncLocalStorage } from 'node:async_hooks';

/** What every log line written while serving one request carries. */
export interface RequestContext {
  requestId: string;
}

/** The request being served, wherever the code is (a handler, a command runner, a projector waiting for it). */
export const requestContext = new AsyncLocalStorage<RequestContext>();
