import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { pdfPlainText, pdfText } from '../support/pdf-text';
import { getBinary } from '../support/report-fixtures';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * The evaluation as Tabel 2.1 of the Renja document, on the built-in sample: Renstra figures and faktor
 * notes recorded through the API and through the import, read back in the evaluation's JSON, XLSX and PDF;
 * the predikat at validAt 2022-09-30 is provisional (sementara, TW III).
 */
const SAMPLE = join(__dirname, '..', '..', 'data', 'samples', 'dkukm-babel');
const OFFICE = '/api/v1/years/2022/offices/DKUKM';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- report JSON is checked field by field
type Json = any;

async function sheetRows(xlsx: Buffer, sheet: string): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(xlsx as unknown as ExcelJS.Buffer);
  const rows: string[][] = [];
  workbook.getWorksheet(sheet)!.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v == null ? '' : String(v)))));
  return rows;
}

describe('evaluation: Renstra figures and faktor notes (Tabel 2.1)', () => {
  let t: TestApp;
  let planner: string;
  let finance: string;
  const evaluation = async (query = ''): Promise<Json> => (await t.http().get(`${OFFICE}/reports/evaluation${query}`).expect(200)).body;
  const rowOf = (report: Json, code: string) => report.rows.find((r: Json) => r.code === code);
  const upload = (files: Array<[string, Buffer | string]>, token = t.token, query = '') => {
    let req = t.anonymous().post(`/api/v1/imports${query}`).set('Authorization', `Bearer ${token}`);
    for (const [name, content] of files) req = req.attach('file', Buffer.from(content), name);
    return req;
  };

  beforeAll(async () => {
    t = await startTestApp();
    const files = readdirSync(SAMPLE).filter((f) => f.endsWith('.csv'));
    const imported = await upload(
      files.map((f): [string, Buffer] => [f, readFileSync(join(SAMPLE, f))]),
      t.token,
      '?acceptWarnings=true',
    );
    if (imported.status !== 201) throw new Error(`sample import: ${imported.status} ${JSON.stringify(imported.body).slice(0, 2000)}`);
    planner = await t.tokenFor(['planner'], ['DKUKM'], 'Perencana DKUKM');
    finance = await t.tokenFor(['finance'], ['DKUKM'], 'Keuangan DKUKM');
  }, 300_000);
  afterAll(() => t?.close());

  it('records Renstra figures through the API and fills the Renstra columns: (14) = (6) + (12), (15) = (14) ÷ (5)', async () => {
    const before = rowOf(await evaluation(), '2.17.07');
    expect([before.renstraTarget, before.renstraCumulative]).toEqual([
      { k: null, rp: null },
      { k: null, rp: null },
    ]);
    const res = await t.anonymous().post(`${OFFICE}/lines/2.17.07/renstra`).set('Authorization', `Bearer ${planner}`).send({
      indicator: 'Persentase UMKM yang diberdayakan',
      targetK: '0.25',
      targetRp: '1736420000.00',
      realisedToLastYearK: '0',
      realisedToLastYearRp: '757319800.00',
      reason: 'Renstra DKUKM 2017-2022 (Tabel 2.1)',
    });
    expect(res.status).toBe(201);
    expect(res.headers.etag).toBe(`"${res.body.version}"`);
    const row = rowOf(await evaluation(), '2.17.07');
    expect(row.renstraTarget).toEqual({ k: '0.25', rp: '1736420000.00' });
    expect(row.renstraRealisedToLastYear).toEqual({ k: '0', rp: '757319800.00' });
    // Realised in 2022 (Tabel 2.1 column 12): Rp 630.592.410 and K 0,03.
    expect(row.realisationTotal).toEqual({ k: '0.03', rp: '630592410.00' });
    expect(row.renstraCumulative).toEqual({ k: '0.03', rp: '1387912210.00' });
    expect(row.renstraCapaian).toEqual({ k: '12.00', rp: '79.93' });
  });

  it('refuses bad Renstra figures with a 4xx naming the field, and lets only planners record them', async () => {
    const post = (body: object, token = planner) =>
      t.anonymous().post(`${OFFICE}/lines/2.17.07/renstra`).set('Authorization', `Bearer ${token}`).send(body);
    const number = await post({ targetRp: 1736420000 });
    expect([number.status, number.body.field]).toEqual([400, 'targetRp']);
    const empty = await post({});
    expect([empty.status, empty.body.rule, empty.body.field]).toEqual([400, 'RENSTRA_EMPTY', 'targetRp']);
    expect(empty.body.message).toContain('paling sedikit satu angka Renstra');
    const noIndicator = await post({ targetK: '0.25' });
    expect([noIndicator.status, noIndicator.body.rule, noIndicator.body.field]).toEqual([400, 'INDICATOR_REQUIRED', 'indicator']);
    expect((await post({ targetRp: '1.00' }, finance)).status).toBe(403);
    expect(
      (await t.anonymous().post(`${OFFICE}/lines/2.17.99/renstra`).set('Authorization', `Bearer ${planner}`).send({ targetRp: '1.00' }))
        .status,
    ).toBe(404);
  });

  it('records faktor notes per quarter through the API and prints them after the evaluation (JSON, XLSX)', async () => {
    const note = (body: object, token = planner) =>
      t.anonymous().post(`${OFFICE}/evaluation-notes`).set('Authorization', `Bearer ${token}`).send(body);
    const q4 = await note({
      period: 'TW IV',
      code: '2.17.07',
      penghambat: 'Tambahan DID (PMK No. 170/PMK.07/2022) baru diterima November 2022',
      tindakLanjut: 'Pengesahan DPPA tepat waktu',
    });
    expect(q4.status).toBe(201);
    expect((await note({ period: '2022-Q3', pendorong: 'Dukungan pimpinan' })).status).toBe(201);
    const again = await note({ period: '2022-Q3', pendorong: 'Dukungan pimpinan' });
    expect([again.status, again.body.eventIds]).toEqual([201, []]);
    const month = await note({ period: '2022-11', pendorong: 'x' });
    expect([month.status, month.body.rule, month.body.field]).toEqual([400, 'PERIOD_NOT_QUARTER', 'period']);
    const empty = await note({ period: '2022-Q1' });
    expect([empty.status, empty.body.rule]).toEqual([400, 'EVALUATION_NOTE_EMPTY']);
    expect((await note({ period: '2022-Q1', code: '2.17.99', pendorong: 'x' })).status).toBe(404);
    expect((await note({ period: '2022-Q1', pendorong: 'x' }, finance)).status).toBe(403);

    const report = await evaluation();
    expect(report.notes.map((n: Json) => [n.period, n.code, n.pendorong, n.penghambat, n.actor])).toEqual([
      ['2022-Q3', null, 'Dukungan pimpinan', null, 'Perencana DKUKM'],
      ['2022-Q4', '2.17.07', null, 'Tambahan DID (PMK No. 170/PMK.07/2022) baru diterima November 2022', 'Perencana DKUKM'],
    ]);
    expect((await evaluation('?validAt=2022-09-30')).notes.map((n: Json) => n.period)).toEqual(['2022-Q3']);

    const xlsx = await getBinary(t, `${OFFICE}/reports/evaluation?format=xlsx`);
    expect(xlsx.status).toBe(200);
    const form = await sheetRows(xlsx.body, 'Evaluasi Renja');
    const numbers = form.find((r) => r[0] === '(1)')!;
    expect(numbers.slice(0, 4)).toEqual(['(1)', '(2)', '(3)', '(4)']);
    expect(numbers.at(-1)).toBe('(16)');
    const program = form.find((r) => r[1] === '2.17.07')!;
    expect(program).toContain('1736420000');
    expect(program.at(-1)).toBe('DKUKM');
    const faktor = await sheetRows(xlsx.body, 'Faktor');
    expect(faktor.some((r) => r.includes('TW IV') && r.includes('Pengesahan DPPA tepat waktu'))).toBe(true);
  });

  it('marks the predikat at validAt 2022-09-30 as sementara at TW III, and final at the end of the year', async () => {
    // The sample records 2022 realisation at TW IV only: a TW III realisation gives the quarter a figure.
    const recorded = await t
      .anonymous()
      .post(`${OFFICE}/lines/2.17.07.1.01.0001/realisations`)
      .set('Authorization', `Bearer ${finance}`)
      .send({ period: '2022-Q3', amount: '100000000.00' });
    expect(recorded.status).toBe(201);
    const atTw3 = await evaluation('?validAt=2022-09-30');
    expect(atTw3.standing).toEqual({ final: false, quarter: 3 });
    expect(atTw3.programs.find((p: Json) => p.code === '2.17.07')).toMatchObject({ capaianRp: '15.31', predikatRp: 'SR' });
    expect((await evaluation()).standing).toEqual({ final: true, quarter: 4 });

    const pdf = await getBinary(t, `${OFFICE}/reports/evaluation?format=pdf&validAt=2022-09-30`);
    expect(pdf.status).toBe(200);
    const { pages } = await pdfText(pdf.body);
    const text = pdfPlainText(pages);
    expect(text).toContain('SR (sementara, TW III)');
    // Headings wrap inside their cells, so their words come out between others: each word whole, none broken.
    const words = text.split(' ');
    expect(words).toEqual(expect.arrayContaining(['Penanggung', 'Jawab', 'Realisasi', 'Renstra', '(1)', '(15)', '(16)']));
    expect(words.filter((w) => ['Realisa', 'si', 'Renst', 'ra', 'Penang', 'gung'].includes(w))).toEqual([]);
    expect(text).toContain('Faktor pendorong, faktor penghambat dan tindak lanjut');
  });

  it('imports Renstra figures from table renstra; the same file again changes nothing; a K without its indicator is refused', async () => {
    const header =
      'Tahun,Perangkat Daerah,Kode,Indikator,Target Renstra K,Target Renstra Rp,Realisasi Renstra s.d. Tahun Lalu K,Realisasi Renstra s.d. Tahun Lalu Rp,Alasan';
    const csv = `${header}\n2022,DKUKM,2.17.08,,,"2.908.919.056,00",,"1.397.323.000,00",Renstra DKUKM (Tabel 2.1)\n2022,DKUKM,2.17.03,Persentase Koperasi yang diawasi,"1,26","271.397.384,00","0,22","115.475.300,00",Renstra DKUKM (Tabel 2.1)\n`;
    const done = await upload([['renstra-2022.csv', csv]], planner);
    expect([done.status, done.body.status, done.body.tables.renstra]).toEqual([201, 'imported', { rows: 2, events: 2, unchanged: 0 }]);
    const report = await evaluation();
    expect(rowOf(report, '2.17.08').renstraTarget).toEqual({ k: null, rp: '2908919056.00' });
    expect(rowOf(report, '2.17.03').renstraRealisedToLastYear).toEqual({ k: '0.22', rp: '115475300.00' });
    const history = (await t.http().get(`${OFFICE}/lines/2.17.08/history`).expect(200)).body;
    expect(JSON.stringify(history)).toContain('renstra.recorded');

    const again = await upload([['renstra-2022-ulang.csv', `${csv}2022,DKUKM,2.17.08,,,"2.908.919.056,00",,,sama\n`]], planner);
    expect([again.status, again.body.tables?.renstra?.unchanged]).toEqual([200, 3]);

    const bad = await upload([['renstra-salah.csv', `${header}\n2022,DKUKM,2.17.07,,"0,30",,,,tanpa indikator\n`]], planner);
    expect(bad.status).toBe(422);
    expect(bad.body.problems.map((p: Json) => [p.row, p.column, p.rule])).toEqual([[2, 'Indikator', 'INDICATOR_REQUIRED']]);
  });
});
