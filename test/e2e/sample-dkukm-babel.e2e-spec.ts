import { runCli } from '../support/processes';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * Round trip of the built-in sample (data/samples/dkukm-babel, the reference document transcribed):
 * `renja-ledger import` through the built CLI, then the API's reports reproduce the document's figures.
 * `npm test` builds dist/ first.
 */
const SAMPLE = 'data/samples/dkukm-babel';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- report JSON is checked field by field
type Json = any;

/** Every object inside a JSON value (the consistency report's exact shape belongs to the importer branch). */
const objectsIn = (value: Json): Json[] =>
  value && typeof value === 'object' ? [...(Array.isArray(value) ? [] : [value]), ...Object.values(value).flatMap(objectsIn)] : [];
const mentions = (o: Json, text: string) => Object.values(o).some((v) => typeof v === 'string' && (v === text || v.startsWith(`${text}.`)));

describe('built-in sample: import and reports', () => {
  let t: TestApp;
  let env: Record<string, string>;
  let firstImport: { code: number | null; stdout: string; stderr: string };
  const office = (year: number) => `/api/v1/years/${year}/offices/DKUKM`;
  const byCode = (rows: Json[], code: string) => rows.find((r: Json) => r.code === code);

  beforeAll(async () => {
    t = await startTestApp();
    env = { DATABASE_URL: t.db.url };
    const created = await runCli(
      ['token', 'create', '--name', 'importer', '--role', 'admin', '--role', 'planner', '--role', 'finance', '--office', '*'],
      env,
    );
    expect(created.code).toBe(0);
    const token = created.stdout.trim();
    firstImport = await runCli(['import', SAMPLE, '--token', token], env);
    if (firstImport.code !== 0) throw new Error(`import failed:\n${firstImport.stdout}\n${firstImport.stderr}`);
  }, 300_000);
  afterAll(() => t?.close());

  it('gives the 2024 Renja office total Rp 23.633.051.862 and the eight program totals', async () => {
    const { body } = await t
      .http()
      .get(`${office(2024)}/plan`)
      .expect(200);
    expect(body.totals.currentPagu).toBe('23633051862.00');
    const programs = ['2.17.01', '2.17.02', '2.17.03', '2.17.04', '2.17.05', '2.17.06', '2.17.07', '2.17.08'];
    expect(programs.map((p) => byCode(body.lines, p).totals.currentPagu)).toEqual([
      '13633250262.00',
      '60000000.00',
      '135000000.00',
      '90000000.00',
      '3824212800.00',
      '1312239600.00',
      '2379622100.00',
      '2198727100.00',
    ]);
  });

  it('reconciles RKPD against the Renja 2024: the same office total, the maintenance sub kegiatan named differently', async () => {
    const { body } = await t
      .http()
      .get(`${office(2024)}/reports/reconciliation?from=RKPD&to=RENJA`)
      .expect(200);
    expect(body.officeTotal).toMatchObject({ fromAmount: '23633051862.00', toAmount: '23633051862.00', delta: '0.00' });
    expect(byCode(body.lines, '2.17.01.1.09.0005')).toMatchObject({ toAmount: '409431528.00' });
  });

  it('reconciles APBD against APBD-P 2022 with the DID under PMK 170/PMK.07/2022', async () => {
    const { body } = await t
      .http()
      .get(`${office(2022)}/reports/reconciliation`)
      .expect(200);
    expect([body.fromPhase, body.toPhase]).toEqual(['APBD', 'APBD_P']);
    expect(byCode(body.lines, '2.17.07.1.01.0001')).toMatchObject({
      fromAmount: '653027794.00',
      toAmount: '1653027794.00',
      delta: '1000000000.00',
      deltaBySource: { DID: '1000000000.00' },
    });
    expect(byCode(body.lines, '2.17.08.1.01.0001')).toMatchObject({
      fromAmount: '518553447.00',
      toAmount: '6145553447.00',
      delta: '5627000000.00',
      deltaBySource: { DID: '5627000000.00' },
    });
    expect(byCode(body.lines, '2.17.08.1.01.0001').events).toEqual([
      expect.objectContaining({
        fundingSource: 'DID',
        legalBasis: { kind: 'PMK', number: '170/PMK.07/2022', date: '2022-11-08' },
        effectiveDate: '2022-11-08',
      }),
    ]);
    expect(body.officeTotal).toMatchObject({ fromAmount: '14918476653.00', toAmount: '22312585924.00', delta: '7394109271.00' });
    expect(body.officeTotal.deltaBySource).toMatchObject({ DID: '6627000000.00' });
  });

  it('shows the 2022 absorption: 38,15 %, 39,77 % and 74,06 % for the office', async () => {
    const { body } = await t
      .http()
      .get(`${office(2022)}/reports/absorption`)
      .expect(200);
    expect(byCode(body.programs, '2.17.07')).toMatchObject({
      currentPagu: '1653027794.00',
      realised: '630592410.00',
      absorption: expect.objectContaining({ current: '38.15' }),
    });
    expect(byCode(body.programs, '2.17.08')).toMatchObject({
      currentPagu: '6145553447.00',
      realised: '2444304781.00',
      absorption: expect.objectContaining({ current: '39.77' }),
    });
    expect(body.officeTotal).toMatchObject({
      currentPagu: '22312585924.00',
      realised: '16524057351.00',
      absorption: expect.objectContaining({ current: '74.06' }),
    });
  });

  it("lists the document's contradictions as MISMATCH in the consistency report", async () => {
    const { body } = await t
      .http()
      .get(`${office(2022)}/reports/consistency`)
      .expect(200);
    const figures = objectsIn(body).filter((o) => Object.values(o).includes('OK') || Object.values(o).includes('MISMATCH'));
    const statusOf = (stated: string, computed: string) =>
      figures
        .filter((o) => mentions(o, stated) && mentions(o, computed))
        .map((o) => (Object.values(o).includes('MISMATCH') ? 'MISMATCH' : 'OK'));
    expect(statusOf('22312405660', '22312585924')).toEqual(['MISMATCH', 'MISMATCH']); // Bab II text (twice) against Tabel 2.1's lines
    expect(statusOf('1022435384', '630592410')).toEqual(['MISMATCH']); // Pemberdayaan UMKM realisation, text against table
    const tableTotal = figures.filter((o) => mentions(o, '22312585924') && !mentions(o, '22312405660'));
    expect(tableTotal.map((o) => (Object.values(o).includes('MISMATCH') ? 'MISMATCH' : 'OK'))).toEqual(['OK']); // Tabel 2.1's own total
    expect(statusOf('14711072921', '14918476653')).toEqual(['MISMATCH']); // APBD induk in the text; no per-line induk in the document
  });

  // The default view reads the figures and line views the projection stored; any validAt folds the line
  // states. A validAt after every effective date sees what the default view sees: the answers must be equal.
  const VIEWS = [
    'plan',
    'lines/2.17.07.1.01.0001',
    'reports/pagu-trail',
    'reports/reconciliation',
    'reports/reconciliation?from=RKPD&to=RENJA',
    'reports/absorption',
    'reports/evaluation',
  ];
  const withoutAsOf = ({ asOf, ...rest }: Json) => (expect(asOf).toBeDefined(), rest);
  async function expectStoredViewsToMatchFolds(): Promise<void> {
    for (const year of [2022, 2023, 2024]) {
      for (const view of VIEWS) {
        const path = `${office(year)}/${view}`;
        const stored = await t.http().get(path);
        if (view.startsWith('lines/') && stored.status === 404) continue; // not a line of that year
        expect([path, stored.status]).toEqual([path, 200]);
        const folded = (
          await t
            .http()
            .get(`${path}${view.includes('?') ? '&' : '?'}validAt=9999-12-31`)
            .expect(200)
        ).body;
        // The plan and a line say nothing about the point of view when asked for none.
        const plain = (body: Json) => (view.startsWith('reports/') || view === 'plan' ? withoutAsOf(body) : body);
        expect({ path, ...plain(stored.body) }).toEqual({ path, ...plain(folded) });
      }
    }
  }

  it('gives the same reports from the stored line views as from folding the line states', async () => {
    const missing =
      'SELECT count(*)::int AS n FROM rm_plan_lines WHERE views_version IS DISTINCT FROM 1 OR plan_figures IS NULL OR report_view IS NULL OR report_movements IS NULL OR report_steps IS NULL';
    expect((await t.pool.query(missing)).rows[0].n).toBe(0);
    await expectStoredViewsToMatchFolds();
  });

  it('folds the line states of rows without a stored view (written before it existed), with the same reports', async () => {
    // As written before the views existed, and as written by an older version of them.
    await t.pool.query(
      "UPDATE rm_plan_lines SET views_version = NULL, plan_figures = NULL, report_view = NULL, report_movements = NULL, report_steps = NULL WHERE code LIKE '2.17.07%'",
    );
    await t.pool.query("UPDATE rm_plan_lines SET views_version = 0 WHERE code LIKE '2.17.08%'");
    await expectStoredViewsToMatchFolds();
    const rebuilt = await runCli(['projections', 'rebuild'], env);
    expect(rebuilt.code).toBe(0);
    const missing =
      'SELECT count(*)::int AS n FROM rm_plan_lines WHERE views_version IS DISTINCT FROM 1 OR plan_figures IS NULL OR report_view IS NULL OR report_movements IS NULL OR report_steps IS NULL';
    expect((await t.pool.query(missing)).rows[0].n).toBe(0);
    await expectStoredViewsToMatchFolds();
  }, 120_000);

  it('writes nothing when the same files are imported again', async () => {
    const token = (
      await runCli(['token', 'create', '--name', 'importer again', '--role', 'planner', '--role', 'finance', '--office', 'DKUKM'], env)
    ).stdout.trim();
    const before = (await t.pool.query('SELECT count(*)::int AS n FROM ledger_events')).rows[0].n;
    const again = await runCli(['import', SAMPLE, '--token', token], env);
    expect(again.code).toBe(0);
    expect((await t.pool.query('SELECT count(*)::int AS n FROM ledger_events')).rows[0].n).toBe(before);
    expect(firstImport.code).toBe(0);
  });
});
