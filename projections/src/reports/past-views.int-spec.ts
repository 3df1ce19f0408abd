import { join } from 'node:path';
import { pathSources, systemPrincipal } from '@renja/application';
import { csv, openImportBench, type ImportBench } from '@renja/application/import/testing/import-fixture';
import { normaliseKnownAt, type AsOf } from '@renja/domain';
import { absorptionReport } from './absorption/absorption.report';
import { evaluationReport } from './evaluation/evaluation.report';
import { loadEvaluationInputs } from './evaluation/evaluation-inputs';
import { paguTrailReport } from './pagu-trail/pagu-trail.report';
import { reconciliationReport } from './reconciliation/reconciliation.report';
import { ReportReader } from './report-reader';
import { loadStateScope } from './shared/report-lines';

const SAMPLE_DIR = join(__dirname, '..', '..', '..', 'data', 'samples', 'dkukm-babel');
const json = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

/**
 * The reports in the past read kept line states and fold each line once per distinct point of view
 * (shared/line-cache.ts). They must say exactly what the plain fold of the stored states says, at any
 * validAt / knownAt, on the first request and on later ones, and after new events.
 */
describe('reports now and in the past: the kept states and views give exactly the plain fold', () => {
  let bench: ImportBench;
  let reader: ReportReader;
  const scopes: Array<{ year: number; office: string }> = [];
  let knownAts: string[] = [];

  beforeAll(async () => {
    bench = await openImportBench();
    const result = await bench.service.run({ sources: pathSources([SAMPLE_DIR]), principal: systemPrincipal('uji') });
    expect(result.status).toBe('imported');
    reader = new ReportReader(bench.dataSource);
    const rows = await bench.dataSource.query('SELECT DISTINCT year, office_code FROM rm_plan_lines ORDER BY year, office_code');
    scopes.push(...rows.map((r: { year: number; office_code: string }) => ({ year: r.year, office: r.office_code })));
    knownAts = await recordedTimes(bench, [0.1, 0.3, 0.5, 0.7, 0.9]);
  });
  afterAll(() => bench.close());

  async function recordedTimes(b: ImportBench, fractions: number[]): Promise<string[]> {
    const head = await b.store.headPosition();
    const { rows } = await b.pool.query<{ t: string }>(
      `SELECT to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS t FROM ledger_events WHERE position = ANY($1) ORDER BY position`,
      [fractions.map((f) => Math.max(1, Math.floor(head * f)))],
    );
    return rows.map((r) => normaliseKnownAt(r.t));
  }

  /** Every report of one office and point of view, read by the reader and folded plainly from the states. */
  async function compare(year: number, office: string, asOf: AsOf): Promise<void> {
    const request = { year, office, asOf };
    const plain = await loadStateScope(bench.dataSource, year, office, asOf);
    // The Renstra entries taken plainly from the states just read, never the ones the reader keeps.
    const renstra = new Map(plain.lines.flatMap((l) => (l.state.renstra ? [[l.code, l.state.renstra] as const] : [])));
    const inputs = await loadEvaluationInputs(undefined, year, office, Promise.resolve(renstra));
    const label = `${year} ${office} ${JSON.stringify(asOf)}`;
    expect([label, json(await reader.reconciliation(request))]).toEqual([label, json(reconciliationReport(plain))]);
    expect([label, json(await reader.absorption(request))]).toEqual([label, json(absorptionReport(plain))]);
    expect([label, json(await reader.paguTrail(request))]).toEqual([label, json(paguTrailReport(plain))]);
    const evaluation = { ...(await reader.evaluation(request)), today: null } as Record<string, unknown>;
    expect([label, json(evaluation)]).toEqual([label, json({ ...evaluationReport(plain, inputs), today: null })]);
  }

  const points = (year: number): AsOf[] => {
    const validAts = [`${year - 1}-12-31`, `${year}-01-01`, `${year}-01-15`, `${year}-03-31`, `${year}-06-30`, `${year}-09-30`];
    validAts.push(`${year}-10-31`, `${year}-11-30`, `${year}-12-31`, `${year + 1}-06-30`);
    return [
      {},
      ...validAts.map((validAt) => ({ validAt })),
      ...knownAts.map((knownAt) => ({ knownAt })),
      ...validAts.flatMap((validAt) => knownAts.map((knownAt) => ({ validAt, knownAt }))),
    ];
  };

  it('at every point of view of every office and year of the sample, twice (folded, then kept)', async () => {
    expect(scopes.length).toBeGreaterThan(1);
    for (const round of [1, 2])
      for (const { year, office } of scopes) for (const asOf of points(year)) await compare(year, office, asOf).then(() => round);
  }, 600_000);

  /** A sub kegiatan of DKUKM 2022 (the first or the last by code). */
  async function subKegiatan(order: 'ASC' | 'DESC'): Promise<{ year: number; office: string; code: string }> {
    const { year, office } = scopes.find((s) => s.office === 'DKUKM' && s.year === 2022)!;
    const [line] = await bench.dataSource.query(
      `SELECT code FROM rm_plan_lines WHERE year = $1 AND office_code = $2 AND level = 'sub_kegiatan' ORDER BY code ${order} LIMIT 1`,
      [year, office],
    );
    return { year, office, code: line.code as string };
  }

  /** Records a realisation of the line through the import (a new event on it). */
  async function recordRealisation(year: number, office: string, code: string, quarter: number, amount: string, reason: string) {
    const day = ['03-31', '06-30', '09-30', '12-31'][quarter - 1];
    const text = [
      'Tahun,Perangkat Daerah,Kode,Periode,Realisasi,Indikator,Realisasi Kinerja,Tanggal Berlaku,Alasan',
      `${year},${office},${code},${year}-Q${quarter},${amount},,,${year}-${day},${reason}`,
    ].join('\n');
    const result = await bench.service.run({
      sources: [csv(`realisasi-${reason.toLowerCase().replace(/ /g, '-')}.csv`, text)],
      principal: systemPrincipal('uji'),
      acceptWarnings: true,
    });
    expect(result.status).toBe('imported');
  }

  it('after a new event (a realisation) the changed line is read again', async () => {
    const { year, office, code } = await subKegiatan('ASC');
    const before = points(year).filter((p) => !p.knownAt);
    for (const asOf of before) await compare(year, office, asOf);
    await recordRealisation(year, office, code, 3, '1000', 'Uji realisasi');
    const [later] = await recordedTimes(bench, [1]);
    for (const asOf of [...before, { validAt: `${year}-12-31`, knownAt: later }, { validAt: `${year}-12-31` }])
      await compare(year, office, asOf);
  }, 600_000);

  it('now, asked for again and again: after a new event the office is read again (its lines were kept whole)', async () => {
    const { year, office, code } = await subKegiatan('DESC');
    await compare(year, office, {});
    await compare(year, office, {}); // from the lines kept whole
    await recordRealisation(year, office, code, 2, '2500', 'Uji realisasi sekarang');
    await compare(year, office, {});
  }, 600_000);

  it('in the past, asked for again and again: after a new event the office is read again (its states were kept whole)', async () => {
    const { year, office, code } = await subKegiatan('DESC');
    const past = { validAt: `${year}-12-31` };
    await compare(year, office, past);
    await compare(year, office, past); // from the states kept whole
    await recordRealisation(year, office, code, 3, '3100', 'Uji realisasi masa lalu');
    await compare(year, office, past);
  }, 600_000);

  it('after a Renstra figure is recorded the evaluation read from kept lines shows it', async () => {
    const year = 2022;
    const office = 'DKUKM';
    const points = [{}, { validAt: `${year}-12-31` }, { knownAt: knownAts[2] }];
    for (const asOf of points) await compare(year, office, asOf); // kept from here on
    const text = [
      'Tahun,Perangkat Daerah,Kode,Indikator,Target Renstra K,Target Renstra Rp,Realisasi Renstra s.d. Tahun Lalu K,Realisasi Renstra s.d. Tahun Lalu Rp,Alasan',
      `${year},${office},2.17.07,Persentase UMKM yang diberdayakan,"0,25","1.736.420.000,00",0,"757.319.800,00",Uji Renstra`,
    ].join('\n');
    const result = await bench.service.run({
      sources: [csv('renstra-uji.csv', text)],
      principal: systemPrincipal('uji'),
      acceptWarnings: true,
    });
    expect([result.status, result.problems]).toEqual(['imported', []]);
    for (const asOf of points) await compare(year, office, asOf);
    const evaluation = await reader.evaluation({ year, office });
    expect(evaluation.rows.find((r) => r.code === '2.17.07')?.renstraTarget.rp).toBe('1736420000.00');
  }, 600_000);
});
