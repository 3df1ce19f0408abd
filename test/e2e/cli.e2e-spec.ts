import type { Pool } from 'pg';
import { recordDidStory } from '../support/did-story';
import { runCli } from '../support/processes';
import { startTestApp, type TestApp } from '../support/test-app';

/** Every read-model row, in a stable order, as text: two snapshots are equal only if every row is. */
async function snapshot(pool: Pool): Promise<Record<string, string[]>> {
  const tables = ['rm_offices', 'rm_plan_lines', 'rm_line_pagu', 'rm_line_history', 'projection_checkpoints'];
  const result: Record<string, string[]> = {};
  for (const table of tables) {
    const { rows } = await pool.query(`SELECT t::text AS row FROM ${table} t ORDER BY t::text`);
    result[table] = rows.map((r) => r.row);
  }
  return result;
}

describe('renja-ledger CLI', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
    await recordDidStory(t);
  });
  afterAll(() => t.close());

  it('rebuilds the projections from zero with a progress bar, giving identical rows', async () => {
    const before = await snapshot(t.pool);
    expect(before.rm_line_history.length).toBeGreaterThan(20);
    const result = await runCli(['projections', 'rebuild', '--batch-size', '7'], { DATABASE_URL: t.db.url });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/Membangun ulang plan: 100% \d+\/\d+ peristiwa/);
    expect(result.stdout).toMatch(/Proyeksi "plan" dibangun ulang dari \d+ peristiwa/);
    expect(await snapshot(t.pool)).toEqual(before);
    const status = await runCli(['projections', 'status'], { DATABASE_URL: t.db.url });
    expect(status.stdout).toMatch(/plan\tposisi (\d+) dari \1 \(mutakhir\)/);
  });

  it('creates a token whose holder becomes the actor of what it writes', async () => {
    const created = await runCli(['token', 'create', '--name', 'Siti (BPKAD)', '--role', 'admin', '--office', 'BPKAD'], {
      DATABASE_URL: t.db.url,
    });
    expect(created.code).toBe(0);
    const token = created.stdout.trim();
    expect(token).toMatch(/^rl_[A-Za-z0-9_-]{43}$/);
    await t
      .http()
      .post('/api/v1/offices')
      .set('Authorization', `Bearer ${token}`)
      .send({ code: 'BPKAD', name: 'Badan Pengelolaan Keuangan dan Aset Daerah' })
      .expect(201);
    const { rows } = await t.pool.query(`SELECT metadata->>'actor' AS actor FROM ledger_events WHERE stream_id = 'office-BPKAD'`);
    expect(rows).toEqual([{ actor: 'Siti (BPKAD)' }]);
    const list = await runCli(['token', 'list'], { DATABASE_URL: t.db.url });
    expect(list.stdout).toMatch(
      /#(\d+)\tSiti \(BPKAD\)\tperan admin\tperangkat daerah BPKAD\tberlaku sampai \d\d-\d\d-20\d\d \d\d:\d\d WIB\tterakhir dipakai \d\d-\d\d-20\d\d \d\d:\d\d WIB/,
    );
    expect(list.stdout).not.toContain(token);
    const id = /#(\d+)\tSiti/.exec(list.stdout)![1];
    expect((await runCli(['token', 'revoke', id], { DATABASE_URL: t.db.url })).stdout).toBe(`Token #${id} dicabut\n`);
    const events = await t.pool.query(
      `SELECT type, metadata->>'actor' AS actor FROM ledger_events WHERE stream_id = $1 ORDER BY position`,
      [`access-token-${id}`],
    );
    expect(events.rows).toEqual([
      { type: 'access.token.granted', actor: expect.stringMatching(/^renja-ledger CLI \(.+\)$/) },
      { type: 'access.token.revoked', actor: expect.stringMatching(/^renja-ledger CLI \(.+\)$/) },
    ]);
    const refused = await runCli(['token', 'create', '--name', 'X', '--role', 'root', '--office', '*'], { DATABASE_URL: t.db.url });
    expect(refused).toMatchObject({ code: 1, stderr: expect.stringMatching(/roles: "root" bukan peran/) });
  });

  it("keeps a holder's NIP with the token and lists it; refuses one that is not 18 digits", async () => {
    const env = { DATABASE_URL: t.db.url };
    const created = await runCli(
      ['token', 'create', '--name', 'Andi (Inspektorat)', '--role', 'inspector', '--office', 'DKUKM', '--nip', '19800101 200501 1 001'],
      env,
    );
    expect(created.code).toBe(0);
    const list = await runCli(['token', 'list'], env);
    expect(list.stdout).toMatch(/Andi \(Inspektorat\)\tNIP 198001012005011001\tperan inspector/);
    const refused = await runCli(['token', 'create', '--name', 'Budi', '--role', 'inspector', '--office', 'DKUKM', '--nip', '1980'], env);
    expect(refused).toMatchObject({ code: 1, stderr: expect.stringMatching(/nip/) });
  });

  it('explains itself and fails clearly on a bad command', async () => {
    const help = await runCli(['--help']);
    expect(help.stdout).toMatch(/token[\s\S]*projections[\s\S]*migrate/);
    const bad = await runCli(['projections', 'rebuild', '--batch-size', 'lots'], { DATABASE_URL: t.db.url });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/--batch-size harus bilangan bulat/);
    const unknown = await runCli(['frobnicate']);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toMatch(/unknown command 'frobnicate'/);
  });
});
