import { join } from 'node:path';
import { pathSources, systemPrincipal } from '@renja/application';
import { openImportBench, type ImportBench } from '@renja/application/import/testing/import-fixture';
import { normaliseKnownAt, type AsOf } from '@renja/domain';
import { appendOffice, officeStreams } from './bench/generate-office';
import { ReportReader } from './report-reader';

const SAMPLE_DIR = join(__dirname, '..', '..', '..', 'data', 'samples', 'dkukm-babel');
const json = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

/**
 * The province reports (every office of a year in one request) read the lines of all offices in one query;
 * each office's report in them must be exactly the office's own report, read by a reader of its own (nothing
 * kept from the province read), at any validAt / knownAt, read cold and read again.
 */
describe('province reports: each office exactly as its own report', () => {
  let bench: ImportBench;
  let reader: ReportReader;
  let knownAts: string[] = [];
  const YEAR = 2023;

  beforeAll(async () => {
    bench = await openImportBench();
    const result = await bench.service.run({ sources: pathSources([SAMPLE_DIR]), principal: systemPrincipal('uji') });
    expect(result.status).toBe('imported');
    // Three generated offices of the sample's year, appended after it: a knownAt between sees none of their lines.
    for (const office of ['DPRKP', 'BAPPEDA', 'DINKES'])
      await appendOffice(bench.store, officeStreams(YEAR, office, { programs: 2, kegiatanPerProgram: 2, subPerKegiatan: 3 }));
    await bench.projector.catchUp();
    reader = new ReportReader(bench.dataSource);
    const head = await bench.store.headPosition();
    const { rows } = await bench.pool.query<{ t: string }>(
      `SELECT to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS t FROM ledger_events WHERE position = ANY($1) ORDER BY position`,
      [[0.2, 0.5, 0.8, 0.95].map((f) => Math.max(1, Math.floor(head * f)))],
    );
    knownAts = rows.map((r) => normaliseKnownAt(r.t));
  }, 600_000);
  afterAll(() => bench.close());

  /** A reader with caches of its own (they are kept per database handle): nothing shared with `reader`. */
  const freshReader = () => new ReportReader({ query: (sql: string, params?: unknown[]) => bench.dataSource.query(sql, params) });

  const officesOf = async (year: number): Promise<string[]> =>
    (
      await bench.dataSource.query<Array<{ office_code: string }>>(
        'SELECT office_code FROM rm_plan_lines WHERE year = $1 GROUP BY office_code ORDER BY office_code COLLATE "C"',
        [year],
      )
    ).map((r) => r.office_code);

  async function compare(year: number, asOf: AsOf): Promise<void> {
    const label = `${year} ${JSON.stringify(asOf)}`;
    const offices = await officesOf(year);
    const reconciliation = await reader.provinceReconciliation({ year, asOf });
    const evaluation = await reader.provinceEvaluation({ year, asOf });
    expect([label, reconciliation.report, evaluation.report]).toEqual([label, 'province-reconciliation', 'province-evaluation']);
    expect([label, reconciliation.offices.map((r) => r.office.code)]).toEqual([label, offices]);
    expect([label, evaluation.offices.map((r) => r.office.code)]).toEqual([label, offices]);
    const own = freshReader();
    for (const [i, office] of offices.entries()) {
      const request = { year, office, asOf };
      const where = `${label} ${office}`;
      expect([where, json(reconciliation.offices[i])]).toEqual([where, json(await own.reconciliation(request))]);
      expect([where, json(evaluation.offices[i])]).toEqual([where, json(await own.evaluation(request))]);
    }
  }

  const points = (year: number): AsOf[] => {
    const validAts = [`${year}-01-15`, `${year}-06-30`, `${year}-10-31`, `${year}-12-31`];
    return [
      {},
      ...validAts.map((validAt) => ({ validAt })),
      ...knownAts.map((knownAt) => ({ knownAt })),
      ...validAts.flatMap((validAt) => knownAts.slice(1, 3).map((knownAt) => ({ validAt, knownAt }))),
    ];
  };

  it('present and past, for the multi-office year and a single-office year, twice (read, then kept)', async () => {
    expect((await officesOf(YEAR)).length).toBeGreaterThanOrEqual(4);
    for (const round of [1, 2])
      for (const year of [YEAR, 2022]) for (const asOf of points(year)) await compare(year, asOf).then(() => round);
  }, 600_000);

  it('per-office phases apply to every office; a bad phase is a 400 naming the field before anything is read', async () => {
    const asOf = { validAt: `${YEAR}-12-31` };
    const province = await reader.provinceReconciliation({ year: YEAR, asOf, from: 'APBD', to: 'APBD_P' });
    const own = freshReader();
    for (const report of province.offices)
      expect(json(report)).toEqual(
        json(await own.reconciliation({ year: YEAR, office: report.office.code, asOf, from: 'APBD', to: 'APBD_P' })),
      );
    await expect(reader.provinceReconciliation({ year: YEAR, from: 'APBD_P', to: 'APBD' })).rejects.toMatchObject({ field: 'to' });
    await expect(reader.provinceReconciliation({ year: YEAR, from: 'NOPE' })).rejects.toMatchObject({ field: 'from' });
  }, 600_000);

  it('lines=false: each office exactly its own report without the lines (reconciliation) or rows (evaluation)', async () => {
    for (const asOf of [{}, { validAt: `${YEAR}-10-31`, knownAt: knownAts[2] }]) {
      const reconciliation = await reader.provinceReconciliation({ year: YEAR, asOf, lines: false });
      const evaluation = await reader.provinceEvaluation({ year: YEAR, asOf, lines: false });
      const own = freshReader();
      expect(reconciliation.offices.length).toBeGreaterThanOrEqual(4);
      let left = 0; // lines and rows the totals leave out (some office has them at every point of view here)
      for (const [i, totals] of reconciliation.offices.entries()) {
        const office = totals.office.code;
        const { lines, ...whole } = await own.reconciliation({ year: YEAR, office, asOf });
        left += lines.length;
        expect([office, 'lines' in totals, json(totals)]).toEqual([office, false, json(whole)]);
        const { rows, ...summary } = await own.evaluation({ year: YEAR, office, asOf });
        left += rows.length;
        expect([office, 'rows' in evaluation.offices[i], json(evaluation.offices[i])]).toEqual([office, false, json(summary)]);
      }
      expect(left).toBeGreaterThan(0);
    }
  }, 600_000);

  it("leaves out the offices outside the reader's scope, and a year without lines has no office", async () => {
    const scoped = await reader.provinceEvaluation({ year: YEAR, offices: ['DINKES', 'DKUKM'] });
    expect(scoped.offices.map((r) => r.office.code)).toEqual(['DINKES', 'DKUKM']);
    const none = await reader.provinceReconciliation({ year: 2031 });
    expect(none).toEqual({ report: 'province-reconciliation', year: 2031, asOf: {}, offices: [] });
  }, 600_000);
});
