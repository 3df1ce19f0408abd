import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestApp, type TestApp } from '../support/test-app';

const FIXTURE = join(__dirname, '..', 'fixtures', 'import', 'did-story');
const LINE = '/api/v1/years/2022/offices/DKUKM/lines/2.17.07.1.01.0001';
const HEADER = 'ID Peristiwa;Jenis;Tahun;Perangkat Daerah;Kode;Periode;Batalkan;Realisasi;Alasan';

interface HistoryEntry {
  eventId: string;
  type: string;
  actor: string;
  reason: string | null;
  correctsEventId: string | null;
  changes: Array<{ figure: string; from: string | null; to: string | null }>;
}
interface Problem {
  file: string;
  row: number;
  column: string | null;
  rule: string;
}

/** A corrected spreadsheet brought in: POST /api/v1/imports with a koreksi table, as an office's client sends it. */
describe('HTTP import of a correction table (koreksi)', () => {
  let t: TestApp;
  const head = async () => (await t.pool.query('SELECT count(*)::int AS n FROM ledger_events')).rows[0].n as number;
  const history = async (line = LINE) => (await t.http().get(`${line}/history`).expect(200)).body as HistoryEntry[];
  const realisation = async (period: string, line = LINE) =>
    (await history(line)).find(
      (e) => e.type === 'realisation.recorded' && e.changes.some((c) => c.figure === `realisation.${period.slice(5)}`),
    )!;
  // Recognised by its header (Jenis, Alasan), not by its name; semicolons as a spreadsheet in Indonesian locale writes them.
  const upload = (rows: string[], query = '', auth = t.auth) =>
    t
      .http()
      .post(`/api/v1/imports${query}`)
      .set(auth)
      .attach('file', Buffer.from(`${HEADER}\n${rows.join('\n')}\n`), `perbaikan-${rows.length}-${Math.random()}.csv`);

  beforeAll(async () => {
    t = await startTestApp();
    let req = t.http().post('/api/v1/imports').set(t.auth);
    for (const f of readdirSync(FIXTURE).filter((f) => f.endsWith('.csv'))) req = req.attach('file', readFileSync(join(FIXTURE, f)), f);
    expect((await req).status).toBe(201);
  });
  afterAll(() => t.close());

  it('corrects by event id and by line and period, reverses one; the history links each correction to what it corrects', async () => {
    const q1 = await realisation('2022-Q1');
    const q2 = await realisation('2022-Q2');
    const q4other = await realisation('2022-Q4', '/api/v1/years/2022/offices/DKUKM/lines/2.17.07.1.01.0002');
    const rows = [
      `${q1.eventId};;;;;;;90.000.000,00;Salah ketik SP2D TW I`,
      `;Realisasi;2022;DKUKM;2.17.07.1.01.0001;TW II;tidak;Rp 140.000.000;Salah ketik SP2D TW II`,
      `;Realisasi;2022;DKUKM;2.17.07.1.01.0002;TW IV;ya;;Realisasi dicatat ganda`,
    ];
    const dry = await upload(rows, '?dryRun=true');
    expect([dry.status, dry.body.status, dry.body.events]).toEqual([200, 'dry_run', 3]);
    const preview = dry.body.preview.tables[0];
    expect(preview.table).toBe('koreksi');
    expect(
      preview.rows.map(
        (r: { values: Record<string, string>; records: Array<{ type: string; corrects: string; replacement: unknown }> }) => [
          r.values.Realisasi ?? null,
          r.records.map((x) => [x.type, x.corrects, x.replacement]),
        ],
      ),
    ).toEqual([
      ['90000000.00', [['event.corrected', q1.eventId, expect.objectContaining({ amount: '90000000.00', period: '2022-Q1' })]]],
      ['140000000', [['event.corrected', q2.eventId, expect.objectContaining({ amount: '140000000.00' })]]],
      [null, [['event.corrected', q4other.eventId, null]]],
    ]);

    const res = await upload(rows);
    expect([res.status, res.body.status, res.body.events, res.body.tables.koreksi]).toEqual([
      201,
      'imported',
      3,
      { rows: 3, events: 3, unchanged: 0 },
    ]);
    const entries = await history();
    expect(entries.filter((e) => e.correctsEventId).map((e) => [e.correctsEventId, e.reason])).toEqual([
      [q1.eventId, 'Salah ketik SP2D TW I'],
      [q2.eventId, 'Salah ketik SP2D TW II'],
    ]);
    // 90 + 140 + 210 + 175,592,410: the DID story's 630.592.410 less 15 million
    const line = (await t.http().get(LINE).expect(200)).body;
    expect(line.realised).toBe('615592410.00');
  });

  it('a row that breaks a rule makes the whole import write nothing; a missing reason names the column', async () => {
    const before = await head();
    const q3 = await realisation('2022-Q3');
    const res = await upload([
      `;Realisasi;2022;DKUKM;2.17.07.1.01.0001;TW IV;;175.000.000;Pembulatan`,
      `${q3.eventId};;;;;;;600.000.000;Salah ketik`,
      `;Realisasi;2022;DKUKM;2.17.07.1.01.0001;TW III;;200.000.000;`,
    ]);
    expect([res.status, res.body.rule]).toEqual([422, 'IMPORT_INVALID']);
    expect((res.body.problems as Problem[]).map((p) => [p.row, p.column, p.rule])).toEqual([
      [3, 'Realisasi', 'REALISATION_EXCEEDS_PAGU'],
      [4, 'Alasan', 'REASON_REQUIRED'],
    ]);
    expect(await head()).toBe(before);
  });

  it('a role that may not record realisations gets FORBIDDEN for the row (403), nothing written', async () => {
    const before = await head();
    const planner = await t.tokenFor(['planner'], '*', 'Budi (Bappeda)');
    const res = await upload([`;Realisasi;2022;DKUKM;2.17.07.1.01.0001;TW IV;;175.000.000;Pembulatan`], '', {
      Authorization: `Bearer ${planner}`,
    });
    expect([res.status, res.body.rule]).toEqual([403, 'IMPORT_FORBIDDEN']);
    expect((res.body.problems as Problem[]).map((p) => [p.row, p.rule])).toEqual([[2, 'FORBIDDEN']]);
    expect(await head()).toBe(before);
  });
});
