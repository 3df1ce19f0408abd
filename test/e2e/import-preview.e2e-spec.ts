import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestApp, type TestApp } from '../support/test-app';

const FIXTURE = join(__dirname, '..', 'fixtures', 'import', 'did-story');
const fixture = (): Array<[string, string]> =>
  readdirSync(FIXTURE)
    .filter((f) => f.endsWith('.csv'))
    .sort()
    .map((f) => [f, readFileSync(join(FIXTURE, f), 'utf8')]);

/** pagu.csv with a fifth row whose Pagu is not a number the importer can read. */
const BAD_ROW = '2022,DKUKM,2.17.07.1.01.0002,APBD-P,DAU,"1.65.3",,2022-11-08,x,Perda,1,2022-11-01\n';
const withBadRow = () => fixture().map(([name, text]): [string, string] => [name, name === 'pagu.csv' ? text + BAD_ROW : text]);

interface PreviewRow {
  row: number;
  cells: Record<string, string>;
  values: Record<string, string>;
  outcome: string;
  records: Array<{ type: string; streamId: string; code: string | null }>;
  groupedWith: number | null;
}
interface PreviewTable {
  file: string;
  table: string;
  columns: string[];
  rows: PreviewRow[];
}

/** The dry run's preview: every row as read, understood and what it would record (docs/import-format.md). */
describe('HTTP import preview (dry run)', () => {
  let t: TestApp;
  const events = async () => (await t.pool.query('SELECT count(*)::int AS n FROM ledger_events')).rows[0].n as number;
  const upload = (files: Array<[string, string]>, query = '') => {
    let req = t.http().post(`/api/v1/imports${query}`).set(t.auth);
    for (const [name, content] of files) req = req.attach('file', Buffer.from(content), name);
    return req;
  };
  const table = (body: { preview: { tables: PreviewTable[] } }, name: string) => body.preview.tables.find((x) => x.table === name)!;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('a file with one bad row: 422 with the problem and a preview of every row; nothing written', async () => {
    const before = await events();
    const res = await upload(withBadRow(), '?dryRun=true');
    expect([res.status, res.body.rule, res.body.status]).toEqual([422, 'IMPORT_INVALID', 'invalid']);
    expect(res.body.problems).toEqual([
      expect.objectContaining({ file: 'pagu.csv', table: 'pagu', row: 5, column: 'Pagu', value: '1.65.3', rule: 'NUMBER_AMBIGUOUS' }),
    ]);
    const tables = res.body.preview.tables as PreviewTable[];
    expect(tables.map((x) => `${x.file}:${x.table}`)).toEqual([
      'pagu.csv:pagu',
      'perangkat_daerah.csv:perangkat_daerah',
      'realisasi.csv:realisasi',
      'rencana.csv:rencana',
      'total.csv:total',
    ]);
    expect(res.body.preview.truncated).toBe(false);
    const pagu = table(res.body, 'pagu');
    expect(pagu.columns).toEqual([
      'Tahun',
      'Perangkat Daerah',
      'Kode',
      'Tahapan',
      'Sumber Dana',
      'Tanggal Berlaku',
      'Pagu',
      'Perubahan',
      'Alasan',
      'Jenis Dasar Hukum',
      'Nomor Dasar Hukum',
      'Tanggal Dasar Hukum',
    ]);
    expect(pagu.rows.map((r) => [r.row, r.outcome])).toEqual([
      [2, 'records'],
      [3, 'records'],
      [4, 'records'],
      [5, 'invalid'],
    ]);
    expect(pagu.rows[0]).toEqual({
      row: 2,
      cells: {
        Tahun: '2022',
        'Perangkat Daerah': 'DKUKM',
        Kode: '2.17.07.1.01.0001',
        Tahapan: 'APBD Induk',
        'Sumber Dana': 'DAU',
        Pagu: '653.027.794,00',
        'Tanggal Berlaku': '03/01/2022',
        Alasan: 'APBD murni 2022',
        'Jenis Dasar Hukum': 'Perda',
        'Nomor Dasar Hukum': '10 Tahun 2021',
        'Tanggal Dasar Hukum': '30/12/2021',
      },
      values: {
        Tahun: '2022',
        'Perangkat Daerah': 'DKUKM',
        Kode: '2.17.07.1.01.0001',
        Tahapan: 'APBD',
        Pagu: '653027794.00',
        'Tanggal Berlaku': '2022-01-03',
        'Tanggal Dasar Hukum': '2021-12-30',
      },
      outcome: 'records',
      records: [{ type: 'pagu.changed', streamId: 'line-2022-DKUKM-2.17.07.1.01.0001', code: '2.17.07.1.01.0001' }],
      groupedWith: null,
    });
    expect(pagu.rows[2].values).toMatchObject({ Tahapan: 'APBD_P', Perubahan: '1000000000', 'Tanggal Berlaku': '2022-11-08' });
    // The bad cell is as read, and absent from what was understood.
    expect(pagu.rows[3].cells.Pagu).toBe('1.65.3');
    expect(pagu.rows[3].values.Pagu).toBeUndefined();
    expect(pagu.rows[3].records).toEqual([]);

    // A rencana row records the line, its indicator and target (a 2-digit sub kegiatan code stored as .0001).
    const rencana = table(res.body, 'rencana');
    expect(rencana.rows[2].values.Kode).toBe('2.17.07.1.01.0001');
    expect(rencana.rows[2].values.Target).toBe('100');
    expect(rencana.rows[2].records.map((r) => r.type)).toEqual(['plan-line.registered', 'indicator.defined', 'target.revised']);
    const realisasi = table(res.body, 'realisasi');
    expect(realisasi.rows.map((r) => [r.row, r.values.Periode, r.outcome, r.groupedWith])).toEqual([
      [2, '2022-Q1', 'records', null],
      [3, '2022-Q2', 'records', null],
      [4, '2022-Q3', 'records', null],
      [5, '2022-Q4', 'records', null],
      // Two rows of one period are one realisation: the second is part of row 5's event.
      [6, '2022-Q4', 'grouped', 5],
      [7, '2022-Q4', 'records', null],
    ]);
    expect(realisasi.rows[3].values.Realisasi).toBe('175592410');
    expect(realisasi.rows[4].values['Realisasi Kinerja']).toBe('45');
    expect(await events()).toBe(before);
  });

  it('the fixed file: 200 dry run with a clean preview; the real run writes every row and has no preview', async () => {
    const before = await events();
    const dry = await upload(fixture(), '?dryRun=true');
    expect([dry.status, dry.body.status, dry.body.problems]).toEqual([200, 'dry_run', []]);
    const rows = (dry.body.preview.tables as PreviewTable[]).flatMap((x) => x.rows);
    expect(rows.filter((r) => r.outcome === 'invalid')).toEqual([]);
    const recorded = rows.reduce((n, r) => n + r.records.length, 0);
    expect(recorded).toBe(dry.body.events);
    expect(await events()).toBe(before);

    const real = await upload(fixture());
    expect([real.status, real.body.status, real.body.events]).toEqual([201, 'imported', dry.body.events]);
    expect(real.body.preview).toBeUndefined();
    // The events plus one import record per file.
    expect(await events()).toBe(before + dry.body.events + fixture().length);

    // Again: already imported (when and by whom), no preview rows for skipped files.
    const again = await upload(fixture(), '?dryRun=true');
    expect([again.status, again.body.status]).toEqual([200, 'already_imported']);
    expect(again.body.files[0].alreadyImported).toEqual(
      expect.objectContaining({ actor: expect.any(String), recordedAt: expect.any(String) }),
    );
  });
});
