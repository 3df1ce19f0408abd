/** A failure of the embedded PostgreSQL, with PostgreSQL's own words and what the operator can do about it. */
export class EmbeddedPostgresError extends Error {
  constructor(
    message: string,
    /** What to do, in one sentence an operator can act on. */
    readonly hint: string,
  ) {
    super(message);
    this.name = 'EmbeddedPostgresError';
  }
}

interface Known {
  match: RegExp;
  hint: (context: FailureContext) => string;
}

export interface FailureContext {
  dataDir: string;
  port: number;
  logFile: string;
}

const KNOWN: Known[] = [
  {
    match: /No space left on device|could not extend file|disk full/i,
    hint: (c) =>
      `the disk holding ${c.dataDir} is full: free some space there (or move RENJA_DATA_DIR to a larger disk); ` +
      `the ledger's data is intact, PostgreSQL only refuses to write`,
  },
  {
    match: /Address already in use|could not create any TCP\/IP sockets/i,
    hint: (c) => `port ${c.port} is taken by another program: set RENJA_EMBEDDED_PG_PORT to a free port`,
  },
  {
    match: /pre-existing shared memory block|lock file .* already exists/i,
    hint: () =>
      'processes of an earlier PostgreSQL on this data folder are still running (they end by themselves within seconds ' +
      'after their server was killed); wait, or end them (ps -ef | grep postgres), then start again',
  },
  {
    match: /database files are incompatible with server|was initialized by PostgreSQL version/i,
    hint: (c) => `${c.dataDir}/pgdata was made by another major version of PostgreSQL: start the version that made it, or restore a backup`,
  },
  {
    match: /Permission denied|Operation not permitted|has wrong ownership|invalid permissions/i,
    hint: (c) => `PostgreSQL may not read or write ${c.dataDir}/pgdata: give it back to the user the server runs as (chown -R), mode 0700`,
  },
];

/** The lines that say why PostgreSQL stopped or did not start (FATAL, PANIC, ERROR), most recent last. */
export function causeLines(lines: string[]): string[] {
  // PostgreSQL often gives the reason on a LOG line just before the FATAL one ("could not bind ...: Address already in use").
  const severe = lines.filter((l) => /\b(FATAL|PANIC|ERROR):|\bcould not\b|No space left/.test(l));
  return (severe.length > 0 ? severe : lines.filter((l) => l.trim() !== '')).slice(-4).map((l) => l.trim());
}

/** Explains PostgreSQL's last words: the cause in its own words, and the hint of the first known cause that matches. */
export function explainPostgresFailure(what: string, lines: string[], context: FailureContext): EmbeddedPostgresError {
  const cause = causeLines(lines);
  const text = cause.join('\n');
  const known = KNOWN.find((k) => k.match.test(text) || lines.some((l) => k.match.test(l)));
  const said = cause.length > 0 ? `: PostgreSQL said:\n  ${cause.join('\n  ')}` : ' (PostgreSQL said nothing)';
  const hint = known ? known.hint(context) : `read ${context.logFile} for PostgreSQL's own account of what happened`;
  return new EmbeddedPostgresError(`${what}${said}`, hint);
}
