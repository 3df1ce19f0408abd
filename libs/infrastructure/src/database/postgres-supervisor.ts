import type { ChildProcess } from 'node:child_process';
import { EmbeddedPostgresError, explainPostgresFailure, type FailureContext } from './postgres-failure';
import type { PostgresLog } from './postgres-log';

/** Where the database layer reports; `level` says how loud (default info). */
export type DatabaseLog = (line: string, level?: 'info' | 'warn' | 'error') => void;

export interface SupervisedStatus {
  /** running: accepting connections; down: died or failed to start, a restart is scheduled; stopping/stopped: by request. */
  state: 'starting' | 'running' | 'down' | 'stopping' | 'stopped';
  /** When it entered this state (ISO). */
  since: string;
  /** Restarts after an unexpected death, since this process started it. */
  restarts: number;
  /** Why it is down, in PostgreSQL's words where it gave any. */
  problem: string | null;
  /** What the operator can do about it. */
  hint: string | null;
}

interface Startable {
  start(): Promise<void>;
  process?: ChildProcess;
}

/**
 * Restart delays: every 0.5 s for the first 20 attempts (10 s), then doubling to at most 30 s apart. The usual
 * reason a restart fails right after a crash passes within seconds (the killed postmaster's backends still hold
 * its shared memory until they notice it died): doubling from the first attempt had passed 15 s after four.
 */
const FIRST_DELAY_MS = 500;
const QUICK_ATTEMPTS = 20;
const MAX_DELAY_MS = 30_000;

/** The delay before restart attempt `attempt` (1, 2, …). */
export const restartDelayMs = (attempt: number): number =>
  Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** Math.max(0, attempt - QUICK_ATTEMPTS));
const STOP_TIMEOUT_MS = 8000;

const alive = (child: ChildProcess | undefined): boolean => !!child && child.exitCode === null && child.signalCode === null;

/**
 * Keeps the embedded PostgreSQL running: when its postmaster dies (killed, out of memory, a full disk
 * that made it PANIC), says so, and starts it again with backoff for as long as it takes, saying each
 * time why it could not. Meanwhile status() tells health and the HTTP layer (503 + Retry-After).
 */
export class PostgresSupervisor {
  private current: SupervisedStatus = { state: 'starting', since: new Date().toISOString(), restarts: 0, problem: null, hint: null };
  private stopping = false;
  private attempts = 0;
  private downSince = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly server: Startable,
    private readonly pgLog: PostgresLog,
    private readonly context: FailureContext,
    private readonly log: DatabaseLog,
  ) {}

  status(): SupervisedStatus {
    return { ...this.current };
  }

  /** The first start: its failure is thrown (explained), not retried. */
  async start(): Promise<void> {
    await this.launch('the embedded PostgreSQL did not start');
    this.set({ state: 'running', problem: null, hint: null });
  }

  private set(change: Partial<SupervisedStatus>): void {
    this.current = {
      ...this.current,
      ...change,
      since: change.state && change.state !== this.current.state ? new Date().toISOString() : this.current.since,
    };
  }

  private async launch(what: string): Promise<void> {
    const mark = this.pgLog.mark();
    try {
      await this.server.start();
    } catch (error) {
      const said = error instanceof Error ? error.message.split('\n') : [];
      throw explainPostgresFailure(what, [...this.pgLog.since(mark), ...said], this.context);
    }
    const child = this.server.process;
    if (!child) return;
    child.once('exit', (code, signal) => this.exited(code, signal, mark));
    if (!alive(child)) this.exited(child.exitCode, child.signalCode, mark);
  }

  private exited(code: number | null, signal: NodeJS.Signals | null, mark: number): void {
    if (this.stopping) return;
    const how = signal ? `killed by ${signal}` : `exit code ${code}`;
    const error = explainPostgresFailure(`the embedded PostgreSQL stopped unexpectedly (${how})`, this.pgLog.since(mark), this.context);
    this.downSince = Date.now();
    this.set({ state: 'down', problem: error.message, hint: error.hint });
    this.log(`${error.message}\nRestarting it; requests are answered 503 meanwhile.`, 'error');
    this.scheduleRestart();
  }

  private scheduleRestart(): void {
    if (this.stopping) return;
    this.attempts += 1;
    this.timer = setTimeout(() => void this.restart(), restartDelayMs(this.attempts));
    this.timer.unref();
  }

  private async restart(): Promise<void> {
    this.timer = null;
    if (this.stopping) return;
    try {
      await this.launch('the embedded PostgreSQL could not be restarted');
    } catch (error) {
      if (this.stopping) return;
      const explained = error instanceof EmbeddedPostgresError ? error : null;
      const message = explained?.message ?? String(error);
      this.set({ state: 'down', problem: message, hint: explained?.hint ?? null });
      this.log(
        `${message}${explained ? `\nWhat to do: ${explained.hint}` : ''}\nTrying again in ${restartDelayMs(this.attempts + 1) / 1000} s.`,
        'error',
      );
      this.scheduleRestart();
      return;
    }
    if (this.stopping) return;
    this.set({ state: 'running', restarts: this.current.restarts + 1, problem: null, hint: null });
    this.log(
      `The embedded PostgreSQL is running again (restart ${this.current.restarts}, ${((Date.now() - this.downSince) / 1000).toFixed(1)} s after it stopped)`,
    );
    this.attempts = 0;
  }

  /** Stops PostgreSQL (fast shutdown) and its supervision; at once when it is already dead. */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const child = this.server.process;
    if (!child || !alive(child)) {
      this.set({ state: 'stopped' });
      return;
    }
    this.set({ state: 'stopping' });
    await new Promise<void>((resolve) => {
      const done = setTimeout(resolve, STOP_TIMEOUT_MS + 2000);
      const harder = setTimeout(() => child.kill('SIGQUIT'), STOP_TIMEOUT_MS); // immediate shutdown: crash recovery at next start
      child.once('exit', () => {
        clearTimeout(done);
        clearTimeout(harder);
        resolve();
      });
      child.kill('SIGINT'); // fast shutdown: open transactions roll back, a checkpoint is written
    });
    this.set({ state: 'stopped' });
  }
}
