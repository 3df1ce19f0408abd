import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Pool } from 'pg';
import { API } from '../support/processes';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The ledger under test as an operator runs it: the built server on its embedded PostgreSQL, one data
 * folder for the whole run, so that every restart meets what the last fault left behind.
 */
export class LedgerProcess {
  private child: ChildProcess | null = null;
  private output = '';
  token = '';
  readonly api: string;

  constructor(
    readonly dataDir: string,
    readonly httpPort: number,
    readonly pgPort: number,
  ) {
    this.api = `http://127.0.0.1:${httpPort}`;
  }

  get env(): Record<string, string | undefined> {
    return {
      ...process.env,
      DATABASE_URL: undefined,
      RENJA_DATA_DIR: this.dataDir,
      PORT: String(this.httpPort),
      RENJA_EMBEDDED_PG_PORT: String(this.pgPort),
      RENJA_SAMPLE: 'none',
      RENJA_VERIFY_EVERY_MINUTES: '0',
      RENJA_RATE_LIMIT_PER_MINUTE: '0',
    };
  }

  /** Spawns the server; resolves at once (readiness is measured by polling, as a supervisor would). */
  start(): void {
    this.output = '';
    const child = spawn(process.execPath, [API], { env: this.env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (d: Buffer) => (this.output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (this.output += d.toString()));
    this.child = child;
  }

  get running(): boolean {
    return this.child !== null && this.child.exitCode === null && this.child.signalCode === null;
  }

  said(): string {
    return this.output;
  }

  /** Ready: /health/ready answers 200 where it exists, else an authenticated read answers 200. */
  async ready(): Promise<boolean> {
    try {
      const health = await fetch(`${this.api}/health/ready`, { signal: AbortSignal.timeout(2000) });
      if (health.status !== 404) return health.status === 200;
      if (!this.token) this.readToken();
      const read = await fetch(`${this.api}/api/v1/offices`, { headers: this.headers(), signal: AbortSignal.timeout(2000) });
      return read.status === 200;
    } catch {
      return false;
    }
  }

  /** Milliseconds until ready, or null after `limitMs`. */
  async waitReady(limitMs: number): Promise<number | null> {
    const started = Date.now();
    while (Date.now() - started < limitMs) {
      if (await this.ready()) return Date.now() - started;
      if (!this.running && this.child)
        throw new Error(`the server exited (${this.child.exitCode ?? this.child.signalCode}):\n${this.output}`);
      await sleep(100);
    }
    return null;
  }

  readToken(): void {
    const file = join(this.dataDir, 'admin-token');
    if (existsSync(file)) this.token = readFileSync(file, 'utf8').trim();
  }

  headers(): Record<string, string> {
    return { Authorization: `Bearer ${this.token}`, 'Content-Type': 'application/json' };
  }

  /** Signals the server and waits for it to exit; after `limitMs` it is killed (-9). `forced`: it had to be. */
  async kill(signal: NodeJS.Signals = 'SIGKILL', limitMs = 10_000): Promise<{ ms: number; forced: boolean }> {
    const child = this.child;
    if (!child || !this.running) return { ms: 0, forced: false };
    const started = Date.now();
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill(signal);
    await Promise.race([exited, sleep(limitMs)]);
    const forced = this.running;
    if (forced) {
      child.kill('SIGKILL');
      await exited;
    }
    return { ms: Date.now() - started, forced };
  }

  /** The embedded postmaster's pid, from its own pid file. */
  postmasterPid(): number | null {
    const file = join(this.dataDir, 'pgdata', 'postmaster.pid');
    if (!existsSync(file)) return null;
    const pid = Number(readFileSync(file, 'utf8').split('\n')[0]);
    try {
      process.kill(pid, 0);
      return pid;
    } catch {
      return null;
    }
  }

  /** Backends of the app role (process titles "postgres: renja_app renja_ledger …"). */
  appBackendPids(): number[] {
    const postmaster = this.postmasterPid();
    if (!postmaster) return [];
    const listing = execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(postmaster)], { encoding: 'utf8' });
    return listing
      .split('\n')
      .filter((line) => /postgres: renja_app /.test(line))
      .map((line) => Number(line.trim().split(/\s+/)[0]));
  }

  /** A pool as the app role (the role the server uses), for the audit's reads and pg_terminate_backend. */
  appPool(): Pool {
    const roles = JSON.parse(readFileSync(join(this.dataDir, 'db-roles.json'), 'utf8')) as { app: { name: string; password: string } };
    return new Pool({
      host: '127.0.0.1',
      port: this.pgPort,
      database: 'renja_ledger',
      user: roles.app.name,
      password: roles.app.password,
      max: 2,
      connectionTimeoutMillis: 5000,
    }).on('error', () => undefined);
  }

  /** Stops everything this run started: the server, then a PostgreSQL left running by a killed server. */
  async shutdown(): Promise<void> {
    await this.kill('SIGTERM');
    const pid = this.postmasterPid();
    if (pid) {
      process.kill(pid, 'SIGINT'); // fast shutdown
      for (let i = 0; i < 100 && this.postmasterPid(); i++) await sleep(100);
    }
  }
}
