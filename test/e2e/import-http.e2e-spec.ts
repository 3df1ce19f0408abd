import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestApp, type TestApp } from '../support/test-app';

const FIXTURE = join(__dirname, '..', 'fixtures', 'import', 'did-story');
const fixtureFiles = readdirSync(FIXTURE)
  .filter((f) => f.endsWith('.csv'))
  .sort();

/** POST /api/v1/imports like an office's client: multipart upload, summary or problem list back. */
describe('HTTP import and the consistency report', () => {
  let t: TestApp;
  const head = async () =>
    (await t.pool.query("SELECT (SELECT count(*)::int FROM ledger_events) AS n, (SELECT encode(last_hash, 'hex') FROM ledger_head) AS h"))
      .rows[0];

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const upload = (files: Array<[string, Buffer | string]>, query = '') => {
    let req = t.http().post(`/api/v1/imports${query}`).set(t.auth);
    for (const [name, content] of files) req = req.attach('file', Buffer.from(content), name);
    return req;
  };
  const fixture = () => fixtureFiles.map((f): [string, Buffer] => [f, readFileSync(join(FIXTURE, f))]);

  it('refuses what is not an import with a 4xx, never a 500, and writes nothing', async () => {
    const before = await head();
    expect((await t.anonymous().post('/api/v1/imports').attach('file', Buffer.from('x'), 'pagu.csv')).status).toBe(401);
    const json = await t.http().post('/api/v1/imports').set(t.auth).send({ file: 'pagu.csv' });
    expect([json.status, json.body.rule]).toEqual([400, 'MULTIPART_REQUIRED']);
    const broken = await t
      .http()
      .post('/api/v1/imports')
      .set(t.auth)
      .set('Content-Type', 'multipart/form-data; boundary=XYZ')
      .send('--XYZ\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\nabc');
    expect([broken.status, broken.body.rule]).toEqual([400, 'MULTIPART_MALFORMED']);
    const wrongField = await t.http().post('/api/v1/imports').set(t.auth).attach('upload', Buffer.from('x'), 'pagu.csv');
    expect([wrongField.status, wrongField.body.rule]).toEqual([400, 'MULTIPART_FIELD']);
    const empty = await upload([['pagu.csv', '']]);
    expect([empty.status, empty.body.problems.map((p: { rule: string }) => p.rule)]).toEqual([422, ['FILE_EMPTY']]);
    const dry = await upload([['pagu.csv', 'x']], '?dryRun=maybe');
    expect([dry.status, dry.body.field]).toEqual([400, 'dryRun']);
    const big = await upload([['pagu.csv', Buffer.alloc(50 * 1024 * 1024, 0x41)]]);
    expect([big.status, big.body.rule]).toEqual([413, 'IMPORT_TOO_LARGE']);
    expect(await head()).toEqual(before);
  });

  it('403 when the token may not record what the file holds (an inspector, or a planner importing APBD pagu)', async () => {
    const before = await head();
    for (const roles of [['inspector'], ['planner']] as const) {
      const token = await t.tokenFor([...roles], '*', `Import ${roles.join('+')}`);
      let req = t.anonymous().post('/api/v1/imports').set('Authorization', `Bearer ${token}`);
      for (const [name, content] of fixture()) req = req.attach('file', content, name);
      const res = await req;
      expect([res.status, res.body.rule]).toEqual([403, 'IMPORT_FORBIDDEN']);
      expect(res.body.problems.filter((p: { rule: string }) => p.rule === 'FORBIDDEN').length).toBeGreaterThan(0);
    }
    expect(await head()).toEqual(before);
  });

  it('422 lists every problem with file, row, column, value and rule', async () => {
    const files = fixture().map(([name, content]): [string, Buffer | string] =>
      name === 'pagu.csv'
        ? [name, `${content.toString()}2022,DKUKM,2.17.07.1.01.0001,APBD,DAU,"1,5,0",,2022-01-03,x,Perda,1,2022-01-01\n`]
        : [name, content],
    );
    const res = await upload(files);
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ rule: 'IMPORT_INVALID', status: 'invalid' });
    expect(res.body.problems).toEqual([
      {
        file: 'pagu.csv',
        table: 'pagu',
        row: 5,
        column: 'Pagu',
        value: '1,5,0',
        rule: 'NUMBER_AMBIGUOUS',
        message: expect.stringContaining('bermakna ganda'),
      },
    ]);
  });

  it('a dry run answers 200 with what would be written; the import 201; the same files again 200, already imported', async () => {
    const dry = await upload(fixture(), '?dryRun=true');
    expect([dry.status, dry.body.status, dry.body.events]).toEqual([200, 'dry_run', 23]);
    const done = await upload(fixture());
    expect([done.status, done.body.status, done.body.events]).toEqual([201, 'imported', 23]);
    const event = await t.pool.query("SELECT metadata FROM ledger_events WHERE type = 'stated-figure.recorded' ORDER BY position LIMIT 1");
    expect(event.rows[0].metadata).toMatchObject({ actor: 'Inspektur Test', import: { fileName: 'total.csv', table: 'total', row: 2 } });
    const again = await upload(fixture());
    expect([again.status, again.body.status]).toEqual([200, 'already_imported']);
    expect(again.body.message).toContain('by Inspektur Test');
  });

  it('GET …/reports/consistency shows the stated figures against the ledger, as JSON and CSV', async () => {
    const res = await t.http().get('/api/v1/years/2022/offices/DKUKM/reports/consistency');
    expect(res.status).toBe(200);
    expect(res.body.summary).toEqual({ statements: 8, ok: 6, mismatches: 2, notComputable: 0, conflicts: 1 });
    const csv = await t.http().get('/api/v1/years/2022/offices/DKUKM/reports/consistency?format=csv');
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.text).toContain('MISMATCH');
    expect((await t.http().get('/api/v1/years/2022/offices/DKUKM/reports/consistency?validAt=2022-10-31')).status).toBe(400);
    expect((await t.http().get('/api/v1/years/2022/offices/NOPE/reports/consistency')).status).toBe(404);
  });
});
