import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, runCli, startServer, stopServer } from '../support/processes';
import { startTestApp, type TestApp } from '../support/test-app';

const FIXTURE = join(__dirname, '..', 'fixtures', 'import', 'did-story');

describe('renja-ledger import and report consistency', () => {
  let t: TestApp;
  let token: string;
  const work = mkdtempSync(join(tmpdir(), 'renja-import-cli-'));
  const cli = (...args: string[]) => runCli(args, { DATABASE_URL: t.db.url, RENJA_TOKEN: token });

  beforeAll(async () => {
    t = await startTestApp();
    // registering the office needs admin; plan rows planner; APBD pagu and realisations finance
    token = await t.tokenFor(['admin', 'planner', 'finance'], '*', 'Budi (Bappeda)');
  });
  afterAll(async () => {
    rmSync(work, { recursive: true, force: true });
    await t.close();
  });

  it('exits 2 and lists every problem of an invalid import; a 50 MB file is refused, nothing written', async () => {
    const bad = join(work, 'pagu.csv');
    writeFileSync(
      bad,
      `${readFileSync(join(FIXTURE, 'pagu.csv'), 'utf8')}2022,DKUKM,2.17.07.1.01.0001,APBD,DAU,"1.000,123",,2022-01-03,x,Perda,1,2022-01-01\n`,
    );
    const invalid = await cli('import', join(FIXTURE, 'perangkat_daerah.csv'), join(FIXTURE, 'rencana.csv'), bad);
    expect(invalid.code).toBe(2);
    expect(invalid.stdout).toContain('pagu.csv:5  Pagu  "1.000,123"  TOO_MANY_DECIMALS');
    const big = join(work, 'realisasi.csv');
    writeFileSync(big, Buffer.alloc(50 * 1024 * 1024, 0x41));
    const tooBig = await cli('import', big);
    expect(tooBig.code).toBe(2);
    expect(tooBig.stdout).toContain('IMPORT_TOO_LARGE');
    expect((await t.pool.query('SELECT count(*)::int AS n FROM ledger_events')).rows[0].n).toBe(0);
    const noToken = await runCli(['import', FIXTURE], { DATABASE_URL: t.db.url, RENJA_TOKEN: undefined });
    expect([noToken.code, noToken.stderr]).toEqual([1, expect.stringContaining('--token')]);
  });

  it('imports a directory with a progress bar, then writes nothing the second time', async () => {
    const dry = await cli('import', FIXTURE, '--dry-run', '--json');
    expect(dry.code).toBe(0);
    expect(JSON.parse(dry.stdout)).toMatchObject({ status: 'dry_run', events: 23 });
    const done = await cli('import', FIXTURE);
    expect(done.code).toBe(0);
    expect(done.stderr).toMatch(/Validating rows: 100%/);
    expect(done.stderr).toMatch(/Writing events: 100% 23\/23/);
    expect(done.stdout).toMatch(/23 events written/);
    const actors = await t.pool.query("SELECT DISTINCT metadata->>'actor' AS actor FROM ledger_events");
    expect(actors.rows).toEqual([{ actor: 'Budi (Bappeda)' }]);
    const again = await cli('import', FIXTURE);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/already imported on .* by Budi \(Bappeda\)/);
  });

  it('prints the consistency report as a table and CSV', async () => {
    const table = await cli('report', 'consistency', '--year', '2022', '--office', 'DKUKM');
    expect(table.code).toBe(0);
    expect(table.stdout).toContain('8 angka dinyatakan: 6 sesuai, 2 TIDAK SESUAI');
    expect(table.stdout).toMatch(/Rp 1\.022\.435\.384,00 +Rp 710\.592\.410,00 +Rp 311\.842\.974,00 +TIDAK SESUAI/);
    const csv = await cli('report', 'consistency', '--year', '2022', '--office', 'DKUKM', '--format', 'csv');
    expect(csv.stdout.split('\n')[0]).toContain('stated');
  });
});

describe('npm start on an empty embedded ledger loads the built-in sample', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'renja-ledger-sample-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('imports the sample directory as the built-in actor and says how to start empty', async () => {
    const env = {
      DATABASE_URL: undefined,
      RENJA_DATA_DIR: dataDir,
      PORT: String(await freePort()),
      RENJA_EMBEDDED_PG_PORT: String(await freePort()),
      RENJA_VERIFY_EVERY_MINUTES: '0',
    };
    const server = await startServer(env, 90_000, { sampleDir: FIXTURE });
    try {
      expect(server.output()).toContain(`Loaded the built-in sample from ${FIXTURE}`);
      expect(server.output()).toContain('npm start -- --empty');
      const admin = readFileSync(join(dataDir, 'admin-token'), 'utf8').trim();
      const res = await fetch(`http://127.0.0.1:${env.PORT}/api/v1/years/2022/offices/DKUKM/lines/2.17.07.1.01.0001/history`, {
        headers: { Authorization: `Bearer ${admin}` },
      });
      const history = (await res.json()) as Array<{ actor: string }>;
      expect(history.length).toBeGreaterThan(5);
      expect(new Set(history.map((h) => h.actor))).toEqual(new Set(['renja-ledger (contoh bawaan)']));
    } finally {
      expect(await stopServer(server.child)).toBe(0);
    }
  });
});
