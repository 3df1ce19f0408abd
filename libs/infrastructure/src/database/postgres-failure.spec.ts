import { causeLines, explainPostgresFailure } from './postgres-failure';

const context = { dataDir: '/var/lib/renja-ledger', port: 54329, logFile: '/var/lib/renja-ledger/postgresql.log' };

describe('explainPostgresFailure', () => {
  it('a full disk: PostgreSQL own words, and what to do', () => {
    const lines = [
      '2026-12-05 10:00:00.000 UTC [1] LOG:  starting PostgreSQL 18.0',
      '2026-12-05 10:00:00.001 UTC [1] FATAL:  could not write lock file "postmaster.pid": No space left on device',
    ];
    const error = explainPostgresFailure('the embedded PostgreSQL did not start', lines, context);
    expect(error.message).toBe(
      'the embedded PostgreSQL did not start: PostgreSQL said:\n  2026-12-05 10:00:00.001 UTC [1] FATAL:  could not write lock file "postmaster.pid": No space left on device',
    );
    expect(error.hint).toMatch(/^the disk holding \/var\/lib\/renja-ledger is full: free some space/);
  });

  it('a taken port: the LOG line that says why comes with the FATAL one', () => {
    const lines = [
      'LOG:  could not bind IPv4 address "127.0.0.1": Address already in use',
      'HINT:  Is another postmaster already running on port 54329? If not, wait a few seconds and retry.',
      'WARNING:  could not create listen socket for "127.0.0.1"',
      'FATAL:  could not create any TCP/IP sockets',
    ];
    const error = explainPostgresFailure('the embedded PostgreSQL did not start', lines, context);
    expect(error.message).toMatch(/Address already in use[\s\S]*could not create any TCP\/IP sockets/);
    expect(error.hint).toBe('port 54329 is taken by another program: set RENJA_EMBEDDED_PG_PORT to a free port');
  });

  it('an unknown failure points at the log; no words at all are said to be none', () => {
    const unknown = explainPostgresFailure('the embedded PostgreSQL stopped unexpectedly (killed by SIGKILL)', [], context);
    expect(unknown.message).toBe('the embedded PostgreSQL stopped unexpectedly (killed by SIGKILL) (PostgreSQL said nothing)');
    expect(unknown.hint).toBe("read /var/lib/renja-ledger/postgresql.log for PostgreSQL's own account of what happened");
    expect(causeLines(['', 'LOG:  database system is ready to accept connections'])).toEqual([
      'LOG:  database system is ready to accept connections',
    ]);
  });
});
