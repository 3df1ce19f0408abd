import { EmbeddedPostgresError } from '@renja/infrastructure/database/postgres-failure';

export interface StartFailure {
  /** What failed, with the real cause (never "undefined"). */
  message: string;
  /** What the operator can do. */
  hint: string;
}

interface Clue {
  code?: unknown;
  message?: unknown;
  cause?: unknown;
  errors?: unknown;
  path?: unknown;
  address?: unknown;
  port?: unknown;
}

const HINTS: Array<{ test: (e: Clue) => boolean; hint: (e: Clue) => string }> = [
  {
    test: (e) => e.code === 'ENOSPC' || e.code === '53100' || /No space left on device/i.test(String(e.message)),
    hint: () => 'the disk is full: free space on the disk that holds RENJA_DATA_DIR (df -h) and start again; no data was lost',
  },
  {
    test: (e) => e.code === 'EADDRINUSE',
    hint: (e) => `port ${String(e.port ?? '')} is already in use (another Renja Ledger?): stop that program or set PORT to a free port`,
  },
  {
    test: (e) => e.code === 'EACCES' || e.code === 'EPERM' || e.code === 'EROFS',
    hint: (e) =>
      `this user may not write ${typeof e.path === 'string' ? e.path : 'the data folder'}: fix its owner/permissions, or set RENJA_DATA_DIR`,
  },
  {
    test: (e) => e.code === 'ECONNREFUSED' || e.code === 'ENOTFOUND' || e.code === 'ETIMEDOUT',
    hint: () => 'PostgreSQL (DATABASE_URL) does not answer: start it, or correct the host and port in DATABASE_URL',
  },
  {
    test: (e) => e.code === '28P01' || e.code === '28000',
    hint: () => 'PostgreSQL refused the user or password: correct DATABASE_URL (or RENJA_MIGRATION_DATABASE_URL)',
  },
  {
    test: (e) => e.code === '3D000',
    hint: () => 'the database named in DATABASE_URL does not exist: create it (createdb) or correct the URL',
  },
  {
    test: (e) => /^RENJA_|DATABASE_URL|PORT /.test(String(e.message)),
    hint: () => 'correct the setting named above (docs/operations.md lists them) and start again',
  },
];

function describeError(error: unknown): string {
  if (error === undefined || error === null) return 'an error without any message (a bug: please report it with the log above)';
  if (!(error instanceof Error)) return typeof error === 'string' ? error : JSON.stringify(error);
  const e = error as Error & Clue;
  const parts = [e.message || e.name];
  if (typeof e.code === 'string' && !e.message.includes(e.code)) parts.push(`(${e.code})`);
  if (Array.isArray(e.errors) && e.errors.length > 0 && !e.message) parts.push(e.errors.map(describeError).join('; '));
  if (e.cause !== undefined) parts.push(`— caused by: ${describeError(e.cause)}`);
  return parts.join(' ');
}

/** Every error in the chain (cause, AggregateError's errors), the outermost first. */
function chain(error: unknown, depth = 0): Clue[] {
  if (!error || typeof error !== 'object' || depth > 5) return [];
  const e = error as Clue;
  const inner = Array.isArray(e.errors) ? e.errors.flatMap((x) => chain(x, depth + 1)) : [];
  return [e, ...inner, ...chain(e.cause, depth + 1)];
}

/** Why the server did not start, in words an operator can act on. */
export function explainStartFailure(error: unknown): StartFailure {
  if (error instanceof EmbeddedPostgresError) return { message: error.message, hint: error.hint };
  const clues = chain(error);
  for (const { test, hint } of HINTS) {
    const clue = clues.find(test);
    if (clue) return { message: describeError(error), hint: hint(clue) };
  }
  return {
    message: describeError(error),
    hint: 'read the message above; docs/operations.md ("When it does not start") lists the usual causes',
  };
}
