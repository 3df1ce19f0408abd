import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { freePort, ROOT, runCli, startServer, stopServer } from '../support/processes';

const SAMPLE = join(ROOT, 'data', 'samples', 'dkukm-babel');

/** Waits until `condition` holds, checking every 100 ms; fails naming `what` after `timeoutMs`. */
async function until(what: string, condition: () => Promise<boolean>, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * `renja-ledger projections rebuild` on the embedded default, beside a running server: the CLI connects as the
 * tables' owner role, so it builds the new read models beside the live ones, which keep answering, and switches.
 */
describe('a rebuild of the read models on the embedded PostgreSQL', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'renja-rebuild-'));
  chmodSync(dataDir, 0o755); // as root, the embedded PostgreSQL (user "postgres") must reach the data folder
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keeps the read side readable while it builds beside the live tables, then switches to identical rows', async () => {
    const env = {
      DATABASE_URL: undefined,
      RENJA_DATA_DIR: dataDir,
      PORT: String(await freePort()),
      RENJA_EMBEDDED_PG_PORT: String(await freePort()),
    };
    const server = await startServer(env, 90_000, { sampleDir: SAMPLE });
    // A reader as the API is one: the application's role, and never waiting long for a lock.
    const roles = JSON.parse(readFileSync(join(dataDir, 'db-roles.json'), 'utf8')) as { app: { name: string; password: string } };
    const url = `postgres://${roles.app.name}:${encodeURIComponent(roles.app.password)}@127.0.0.1:${env.RENJA_EMBEDDED_PG_PORT}/renja_ledger`;
    const reader = new Client({ connectionString: url });
    const holder = new Client({ connectionString: url });
    let rebuild: ReturnType<typeof runCli> | null = null;
    try {
      await reader.connect();
      await holder.connect();
      await reader.query(`SET lock_timeout = '5s'`);
      const rows = async (table: string) =>
        (await reader.query<{ row: string }>(`SELECT t::text AS row FROM ${table} t ORDER BY 1`)).rows.map((r) => r.row);
      const snapshot = async () => ({
        offices: await rows('rm_offices'),
        lines: await rows('rm_plan_lines'),
        pagu: await rows('rm_line_pagu'),
        history: await rows('rm_line_history'),
      });
      const head = async () => (await reader.query<{ n: string }>('SELECT max(position)::text AS n FROM ledger_events')).rows[0].n;
      const position = async () =>
        (await reader.query<{ n: string }>(`SELECT position::text AS n FROM projection_checkpoints WHERE name = 'plan'`)).rows[0]?.n;
      await until('the server has projected the sample', async () => (await position()) === (await head()));
      const before = await snapshot();
      expect(before.lines.length).toBeGreaterThan(100);
      const report = ['report', 'reconciliation', '--year', '2022', '--office', 'DKUKM', '--format', 'json'];
      // The projection is at the head of the log: the report reads through the pg pool and loads no TypeORM.
      const reportBefore = await runCli(report, {
        ...env,
        NODE_OPTIONS: `--require ${join(ROOT, 'test', 'support', 'loaded-packages.cjs')}`,
      });
      expect(reportBefore.code).toBe(0);
      expect(reportBefore.stderr).toMatch(/loaded: typeorm=0 @nestjs\/core=0 /);

      // Holding the plan's checkpoint stops the rebuild where it must take it: after filling its copies, before the switch.
      await holder.query('BEGIN');
      await holder.query(`SELECT position FROM projection_checkpoints WHERE name = 'plan' FOR UPDATE`);
      rebuild = runCli(['projections', 'rebuild'], env);
      // A session that waits for a lock while holding, exclusively, tables no other session can see yet: the filled
      // copies of a rebuild beside the live tables (one in place would wait holding nothing new, its copies never made).
      await until('the rebuild has filled its copies and waits to switch', async () => {
        const { rows: waiting } = await reader.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_locks w
            WHERE NOT w.granted AND EXISTS (
              SELECT 1 FROM pg_locks c
               WHERE c.pid = w.pid AND c.granted AND c.locktype = 'relation' AND c.mode = 'AccessExclusiveLock'
                 AND c.database = (SELECT oid FROM pg_database WHERE datname = current_database())
                 AND NOT EXISTS (SELECT 1 FROM pg_class r WHERE r.oid = c.relation))`,
        );
        return waiting[0].n > 0;
      });

      // Meanwhile the read side answers as before: the live tables through the app role, and a report through the CLI.
      expect(await snapshot()).toEqual(before);
      const reportDuring = await runCli(report, env);
      expect([reportDuring.code, reportDuring.stdout]).toEqual([0, reportBefore.stdout]);

      await holder.query('ROLLBACK');
      const rebuilt = await rebuild;
      rebuild = null;
      expect(rebuilt.code).toBe(0);
      expect(rebuilt.stdout).toContain('Proyeksi "plan" dibangun ulang');
      expect(rebuilt.stdout).toMatch(
        /Dibangun di samping tabel yang dipakai, lalu ditukar: .*\(peran basis data renja_owner, pemilik tabelnya\)/,
      );
      expect(await snapshot()).toEqual(before);
      expect(await position()).toBe(await head());
    } finally {
      await holder.query('ROLLBACK').catch(() => undefined);
      await rebuild;
      await holder.end().catch(() => undefined);
      await reader.end().catch(() => undefined);
      await stopServer(server.child);
    }
  }, 300_000);
});
