import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../support/processes';
import { startTestApp, type TestApp } from '../support/test-app';

const FIXTURE = join(__dirname, '..', 'fixtures', 'import', 'did-story');
const SUB = '2.17.07.1.01.0001';
/** The row: "150.000.000,50" meant, a trailing comma left out, so 50 lands in Realisasi Kinerja (target 100 → the year's output 40 + 50 + 45). */
const TW2 = `Tahun,Perangkat Daerah,Kode,Periode,Indikator,Realisasi,Realisasi Kinerja,Tanggal Berlaku,Alasan\n2022,DKUKM,${SUB},TW II,Jumlah UMKM yang dibina,150.000.000,5000,,\n`;

interface Warning {
  file: string;
  row: number;
  column: string;
  value: string;
  rule: string;
  message: string;
}

/** Imports that show what they read (issue 14): warnings over HTTP and in the CLI, the dry-run listing, one answer for offices. */
describe('import warnings, the dry-run listing and unknown offices (HTTP and CLI)', () => {
  let t: TestApp;
  let token: string;
  const work = mkdtempSync(join(tmpdir(), 'renja-import-warn-'));
  const head = async () =>
    (await t.pool.query("SELECT (SELECT count(*)::int FROM ledger_events) AS n, (SELECT encode(last_hash, 'hex') FROM ledger_head) AS h"))
      .rows[0];
  const upload = (files: Array<[string, Buffer | string]>, query = '', fields: Record<string, string> = {}) => {
    let req = t.http().post(`/api/v1/imports${query}`).set(t.auth);
    for (const [name, value] of Object.entries(fields)) req = req.field(name, value);
    for (const [name, content] of files) req = req.attach('file', Buffer.from(content), name);
    return req;
  };
  const cli = (...args: string[]) => runCli(args, { DATABASE_URL: t.db.url, RENJA_TOKEN: token });

  beforeAll(async () => {
    t = await startTestApp();
    token = await t.tokenFor(['admin', 'planner', 'finance'], '*', 'Budi (Bappeda)');
    // The DID story without its realisations: TW II is the row under test.
    const story = readdirSync(FIXTURE)
      .filter((f) => f.endsWith('.csv') && f !== 'realisasi.csv' && f !== 'total.csv')
      .map((f): [string, Buffer] => [f, readFileSync(join(FIXTURE, f))]);
    expect((await upload(story)).status).toBe(201);
  });
  afterAll(async () => {
    rmSync(work, { recursive: true, force: true });
    await t.close();
  });

  it('HTTP: the dry run answers every row as read with the warnings; without confirmation 422 IMPORT_WARNINGS writes nothing; acceptWarnings writes', async () => {
    const before = await head();
    const dry = await upload([['realisasi-tw2.csv', TW2]], '?dryRun=true');
    expect([dry.status, dry.body.status]).toEqual([200, 'dry_run']);
    const warnings = dry.body.warnings as Warning[];
    expect(warnings.map((w) => [w.file, w.row, w.column, w.value, w.rule])).toEqual([
      ['realisasi-tw2.csv', 2, 'Realisasi Kinerja', '5000', 'ACHIEVEMENT_IMPLAUSIBLE'],
    ]);
    expect(warnings[0].message).toContain('capaian "Jumlah UMKM yang dibina" menjadi 5.000,00 %');
    expect(dry.body.preview.tables[0].rows[0]).toMatchObject({
      row: 2,
      outcome: 'records',
      values: { Periode: '2022-Q2', 'Realisasi Kinerja': '5000', Kode: SUB },
    });
    expect(await head()).toEqual(before);

    const held = await upload([['realisasi-tw2.csv', TW2]]);
    expect([held.status, held.body.rule, held.body.status, held.body.warnings.length]).toEqual([422, 'IMPORT_WARNINGS', 'warnings', 1]);
    expect(await head()).toEqual(before);
    const bad = await upload([['realisasi-tw2.csv', TW2]], '?acceptWarnings=perhaps');
    expect([bad.status, bad.body.field]).toEqual([400, 'acceptWarnings']);

    // The browser sends the confirmation as a multipart field; a client may use the query parameter.
    const written = await upload([['realisasi-tw2.csv', TW2]], '', { acceptWarnings: 'true' });
    expect([written.status, written.body.status, written.body.events]).toEqual([201, 'imported', 1]);
    const recorded = await t.pool.query("SELECT data FROM ledger_events WHERE type = 'import.recorded' ORDER BY position DESC LIMIT 1");
    expect(recorded.rows[0].data.acceptedWarnings.map((w: Warning) => w.rule)).toEqual(['ACHIEVEMENT_IMPLAUSIBLE']);
  });

  it("HTTP: an unknown office and one outside the token's get the same 422 OFFICE_UNKNOWN, not 403", async () => {
    const before = await head();
    const row = (office: string) => `Tahun,Perangkat Daerah,Kode,Periode,Realisasi\n2022,${office},${SUB},TW III,"10.000.000"\n`;
    const typo = await upload([['realisasi-typo.csv', row('DKUKN')]]);
    const scoped = await t.tokenFor(['finance'], ['DINKES'], 'Keuangan Dinkes');
    const outside = await t
      .anonymous()
      .post('/api/v1/imports')
      .set('Authorization', `Bearer ${scoped}`)
      .attach('file', Buffer.from(row('DKUKM')), 'realisasi-luar.csv');
    for (const [res, office] of [
      [typo, 'DKUKN'],
      [outside, 'DKUKM'],
    ] as const) {
      expect([res.status, res.body.rule]).toEqual([422, 'IMPORT_INVALID']);
      expect(res.body.problems.map((p: Warning) => [p.row, p.column, p.value, p.rule])).toEqual([
        [2, 'Perangkat Daerah', office, 'OFFICE_UNKNOWN'],
      ]);
      expect(res.body.problems[0].message).toContain(`kode perangkat daerah "${office}" tidak dikenal atau di luar kantor Anda`);
    }
    expect(await head()).toEqual(before);
  });

  it('CLI: --dry-run --show lists each row as understood; warnings exit 3 with the --accept-warnings hint; --accept-warnings writes', async () => {
    const file = join(work, 'realisasi-tw3.csv');
    writeFileSync(file, TW2.replace('TW II', 'TW III'));
    const before = await head();
    const shown = await cli('import', file, '--dry-run', '--show');
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain('realisasi-tw3.csv — tabel realisasi');
    expect(shown.stdout).toContain(`baris 2  DKUKM ${SUB}  → Pencatatan realisasi (${SUB})`);
    expect(shown.stdout).toContain(
      'Periode: TW III 2022 · Realisasi: Rp 150.000.000,00 · Indikator: Jumlah UMKM yang dibina · Realisasi Kinerja: 5.000',
    );
    expect(shown.stdout).toContain('! Realisasi Kinerja: "5000" dibaca sebagai 5.000 Unit; capaian');
    expect(shown.stdout).toContain('realisasi-tw3.csv:2  Realisasi Kinerja  "5000"  ACHIEVEMENT_IMPLAUSIBLE');

    const held = await cli('import', file);
    expect(held.code).toBe(3);
    expect(held.stdout).toContain('ACHIEVEMENT_IMPLAUSIBLE');
    expect(held.stdout).toContain('impor lagi dengan --accept-warnings');
    expect(await head()).toEqual(before);

    const written = await cli('import', file, '--accept-warnings');
    expect(written.code).toBe(0);
    expect(written.stdout).toMatch(/1 events written/);
  });

  it('CLI: a Windows-1252 CSV is read and said so; a row with a decimal comma too many exits 2 naming it', async () => {
    const excel = join(work, 'rencana-excel.csv');
    // "Café" with é as the single byte 0xE9, as Excel on Windows saves it
    writeFileSync(
      excel,
      Buffer.concat([
        Buffer.from('Tahun,Perangkat Daerah,Kode,Program/Kegiatan/Sub Kegiatan\n2022,DKUKM,2.17.07.1.01.0007,Pelatihan Caf'),
        Buffer.from([0xe9, 0x0a]),
      ]),
    );
    const read = await cli('import', excel);
    expect(read.code).toBe(0);
    expect(read.stdout).toContain('rencana-excel.csv dibaca sebagai Windows-1252');
    const names = await t.pool.query(
      "SELECT data->>'name' AS name FROM ledger_events WHERE stream_id = 'line-2022-DKUKM-2.17.07.1.01.0007'",
    );
    expect(names.rows).toEqual([{ name: 'Pelatihan Café' }]);

    const before = await head();
    const split = join(work, 'realisasi-koma.csv');
    writeFileSync(split, TW2.replace('TW II', 'TW IV').replace('150.000.000,5000,,', '150.000.000,50,,,'));
    const refused = await cli('import', split);
    expect(refused.code).toBe(2);
    expect(refused.stdout).toContain('realisasi-koma.csv:2  Realisasi');
    expect(refused.stdout).toContain('ROW_TOO_LONG  Baris 2 berisi 10 sel, sedangkan baris judul 9 kolom');
    expect(refused.stdout).toContain('koma desimal tanpa tanda kutip');
    expect(await head()).toEqual(before);
  });
});
