import { ServiceUnavailableException } from '@nestjs/common';
import { msg } from '@renja/domain';

/** Seconds a client is told to wait (Retry-After) while the database is unavailable or the server stops. */
export const RETRY_AFTER_SECONDS = 5;

/** SQLSTATEs of a database that is gone, restarting or cannot write (class 08 connection, 57P0x shutdown, 53100 disk full). */
const UNAVAILABLE_CODES = new Set(['57P01', '57P02', '57P03', '53100', '08000', '08001', '08003', '08004', '08006']);
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH']);
const DRIVER_MESSAGES = [
  /Connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /is not queryable/i,
  /Cannot use a pool after calling end/i,
  /the database system is (starting up|shutting down|in recovery mode)/i,
];

/** The database is not there (down, restarting, out of disk): a 503 to retry, not a 500. Follows TypeORM's driverError and `cause`. */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 4) return false;
  const e = error as { code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown; errors?: unknown };
  if (typeof e.code === 'string' && (UNAVAILABLE_CODES.has(e.code) || NETWORK_CODES.has(e.code))) return true;
  if (typeof e.message === 'string' && DRIVER_MESSAGES.some((m) => m.test(e.message as string))) return true;
  // An AggregateError (connecting to 127.0.0.1 and ::1 both refused) carries its causes in errors.
  if (Array.isArray(e.errors) && e.errors.length > 0 && e.errors.every((inner) => isDatabaseUnavailable(inner, depth + 1))) return true;
  return isDatabaseUnavailable(e.driverError, depth + 1) || isDatabaseUnavailable(e.cause, depth + 1);
}

/** The last request that met a missing or full database: /health/ready shows it for a minute (reads may work while writes fail). */
let lastUnavailable: { at: number; error: string; diskFull: boolean } | null = null;

function innermostMessage(error: unknown, depth = 0): string {
  const e = error as { message?: unknown; driverError?: unknown; cause?: unknown } | null;
  if (!e || typeof e !== 'object' || depth > 4) return String(error);
  const inner = e.driverError ?? e.cause;
  return inner ? innermostMessage(inner, depth + 1) : typeof e.message === 'string' && e.message ? e.message : String(error);
}

/** What the requests of the last `withinMs` met, if the database failed them. */
export function recentUnavailability(withinMs = 60_000): { at: string; error: string; hint?: string } | null {
  if (!lastUnavailable || Date.now() - lastUnavailable.at > withinMs) return null;
  return {
    at: new Date(lastUnavailable.at).toISOString(),
    error: lastUnavailable.error,
    ...(lastUnavailable.diskFull ? { hint: "the database's disk is full: free space there; writes are refused until then" } : {}),
  };
}

/** 503 DATABASE_UNAVAILABLE: said from the catalogue in the request's language, with Retry-After added by the request hooks. */
export class DatabaseUnavailableError extends ServiceUnavailableException {
  constructor(readonly original: unknown) {
    super({ message: msg('DATABASE_UNAVAILABLE', { seconds: RETRY_AFTER_SECONDS }), rule: 'DATABASE_UNAVAILABLE' });
  }
}

/**
 * The error to answer with: a DatabaseUnavailableError for a missing database (remembered for /health/ready),
 * the error itself otherwise.
 */
export function asDatabaseUnavailable(error: unknown): unknown {
  if (error instanceof DatabaseUnavailableError || !isDatabaseUnavailable(error)) return error;
  const met = innermostMessage(error);
  lastUnavailable = { at: Date.now(), error: met, diskFull: /No space left on device|could not extend file/i.test(met) };
  return new DatabaseUnavailableError(error);
}
