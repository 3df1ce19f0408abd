import { createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyExport } from '@renja/verification';
import { startTestApp, type TestApp } from '../support/test-app';
import { OFFICE, post, PROGRAMS, recordDidStory, YEAR } from '../support/did-story';

/** The reads the web workbench's screens make: overview, an office-year's change log, a line's evidence. */
describe('workbench reads: overview, changes, evidence', () => {
  let t: TestApp;
  const base = `/api/v1/years/${YEAR}/offices/${OFFICE}`;
  const line = PROGRAMS[0].sub[0];
  let correctedEventId: string;
  let correctionEventId: string;

  beforeAll(async () => {
    t = await startTestApp();
    await recordDidStory(t);
    await post(t, '/api/v1/offices', { code: 'BPKAD', name: 'Badan Pengelolaan Keuangan dan Aset Daerah' });
    await post(t, '/api/v1/years/2023/offices/BPKAD/lines', { code: '5.02.01', name: 'Program Penunjang' });
    const history = (await t.http().get(`${base}/lines/${line}/history`).expect(200)).body;
    correctedEventId = history.find((e: { type: string }) => e.type === 'realisation.recorded').eventId;
    const correction = await post(t, `/api/v1/events/${correctedEventId}/corrections`, { reason: 'salah input', amount: '90000000.00' });
    correctionEventId = correction.body.eventIds[0];
  });
  afterAll(() => t.close());

  describe('GET /api/v1/overview', () => {
    it('lists the office-years, newest year first, with totals equal to the plan’s, and the verification status', async () => {
      const { body } = await t.http().get('/api/v1/overview').expect(200);
      expect(body.officeYears.map((o: { year: number; office: { code: string } }) => `${o.year} ${o.office.code}`)).toEqual([
        '2023 BPKAD',
        '2022 DKUKM',
      ]);
      const dkukm = body.officeYears[1];
      const plan = (await t.http().get(`${base}/plan`).expect(200)).body;
      expect(dkukm).toEqual({ year: 2022, office: plan.office, lines: 6, totals: plan.totals, lastChangeAt: expect.any(String) });
      expect(typeof dkukm.totals.currentPagu).toBe('string');
      const last = (await t.pool.query(`SELECT max(recorded_at) AS m FROM ledger_events WHERE stream_id LIKE 'line-2022-DKUKM-%'`)).rows[0]
        .m as Date;
      expect(Date.parse(dkukm.lastChangeAt)).toBe(last.getTime());
      expect(body.verification).toEqual((await t.anonymous().get('/api/v1/ledger/verification').expect(200)).body);
    });

    it('shows only the office-years in the caller’s scope', async () => {
      const scoped = await t.tokenFor(['inspector'], ['BPKAD']);
      const { body } = await t.anonymous().get('/api/v1/overview').set('Authorization', `Bearer ${scoped}`).expect(200);
      expect(body.officeYears.map((o: { office: { code: string } }) => o.office.code)).toEqual(['BPKAD']);
      await t.anonymous().get('/api/v1/overview').expect(401);
    });
  });

  describe('GET …/changes', () => {
    it('gives the change log in recorded order with line code and name, corrections linked both ways, actors and kinds', async () => {
      const { body } = await t.http().get(`${base}/changes`).expect(200);
      const positions = body.entries.map((e: { position: number }) => e.position);
      expect(positions).toEqual([...positions].sort((a, b) => a - b));
      expect(body.nextAfter).toBeNull();
      const history = (await t.http().get(`${base}/lines/${line}/history`).expect(200)).body;
      const ofLine = body.entries.filter((e: { code: string }) => e.code === line);
      expect(ofLine.map(({ code, lineName, level, correctedBy, ...entry }: Record<string, unknown>) => entry)).toEqual(history);
      expect(ofLine[0]).toMatchObject({ code: line, lineName: PROGRAMS[0].sub[1], level: expect.any(String) });
      expect(body.entries.find((e: { eventId: string }) => e.eventId === correctedEventId).correctedBy).toBe(correctionEventId);
      expect(body.entries.find((e: { eventId: string }) => e.eventId === correctionEventId).correctsEventId).toBe(correctedEventId);
      expect(body.actors).toEqual(['Inspektur Test']);
      expect(body.kinds).toEqual(
        expect.arrayContaining(['event.corrected', 'pagu.changed', 'plan-line.registered', 'realisation.recorded']),
      );
    });

    it('filters by kind, actor, code (normalised), recorded day (Asia/Jakarta) and pages by position both ways', async () => {
      const all = (await t.http().get(`${base}/changes`).expect(200)).body.entries;
      const kind = (await t.http().get(`${base}/changes?kind=pagu.changed`).expect(200)).body.entries;
      expect(kind.length).toBe(all.filter((e: { type: string }) => e.type === 'pagu.changed').length);
      expect(kind.length).toBeGreaterThan(0);
      expect((await t.http().get(`${base}/changes?actor=Nobody`).expect(200)).body.entries).toEqual([]);
      const byCode = (await t.http().get(`${base}/changes?code=2.17.07.1.01.01`).expect(200)).body.entries;
      expect(byCode.length).toBe(all.filter((e: { code: string }) => e.code === line).length);
      const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
      expect((await t.http().get(`${base}/changes?from=${today}&to=${today}`).expect(200)).body.entries).toHaveLength(all.length);
      expect((await t.http().get(`${base}/changes?to=2022-12-31`).expect(200)).body.entries).toEqual([]);
      const first = (await t.http().get(`${base}/changes?limit=5`).expect(200)).body;
      expect(first.entries).toEqual(all.slice(0, 5));
      const second = (await t.http().get(`${base}/changes?limit=5&after=${first.nextAfter}`).expect(200)).body;
      expect(second.entries).toEqual(all.slice(5, 10));
      const desc = (await t.http().get(`${base}/changes?order=desc&limit=3`).expect(200)).body;
      expect(desc.entries).toEqual(all.slice(-3).reverse());
      const next = (await t.http().get(`${base}/changes?order=desc&limit=3&after=${desc.nextAfter}`).expect(200)).body;
      expect(next.entries).toEqual(all.slice(-6, -3).reverse());
    });

    it.each([
      ['from=2022-13-01', 'from'],
      ['to=yesterday', 'to'],
      ['from=2022-05-01&to=2022-04-01', 'to'],
      ['limit=0', 'limit'],
      ['limit=1001', 'limit'],
      ['limit=ten', 'limit'],
      ['after=-1', 'after'],
      ['order=up', 'order'],
      ['code=abc', 'code'],
      ['actor=', 'actor'],
      ['kind=a&kind=b', 'kind'],
    ])('refuses %s with a 400 naming %s', async (query, field) => {
      expect((await t.http().get(`${base}/changes?${query}`).expect(400)).body).toMatchObject({ statusCode: 400, field });
    });

    it('is office-scoped and 404s an unknown office', async () => {
      const scoped = await t.tokenFor(['inspector'], ['BPKAD']);
      await t.anonymous().get(`${base}/changes`).set('Authorization', `Bearer ${scoped}`).expect(403);
      expect((await t.http().get(`/api/v1/years/2022/offices/NOPE/changes`).expect(404)).body.rule).toBe('OFFICE_NOT_REGISTERED');
    });
  });

  describe('GET …/lines/{code}/evidence', () => {
    it('gives the line’s partial export against the latest checkpoint, which the verifier accepts, and counts unsigned events', async () => {
      const before = (await t.http().get(`${base}/lines/${line}/evidence`).expect(200)).body;
      const lineEvents = (
        await t.pool.query(`SELECT count(*)::int AS n FROM ledger_events WHERE stream_id = $1`, [`line-${YEAR}-${OFFICE}-${line}`])
      ).rows[0].n;
      expect(before.events.length + before.pending).toBe(lineEvents);
      await t.http().post('/api/v1/ledger/checkpoints').expect(201);
      const { body } = await t.http().get(`${base}/lines/${line}/evidence`).expect(200);
      expect(body.header).toMatchObject({
        format: expect.any(String),
        version: 1,
        verifierKey: t.verifierKey,
        filter: { office: OFFICE, year: YEAR, line },
      });
      const history = (await t.http().get(`${base}/lines/${line}/history`).expect(200)).body;
      expect(body.events.map((e: { position: number }) => e.position)).toEqual(history.map((e: { position: number }) => e.position));
      expect(body.pending).toBe(0);
      const dir = mkdtempSync(join(tmpdir(), 'renja-evidence-'));
      try {
        const file = join(dir, 'line.jsonl');
        writeFileSync(file, [body.header, ...body.events].map((l) => JSON.stringify(l)).join('\n') + '\n');
        const report = await verifyExport(createReadStream(file), { verifierKey: t.verifierKey });
        expect(report).toMatchObject({ ok: true });
        // A changed figure in the evidence is caught.
        const forged = JSON.parse(JSON.stringify(body.events));
        forged[1].data = { ...forged[1].data, amount: '1.00' };
        writeFileSync(file, [body.header, ...forged].map((l) => JSON.stringify(l)).join('\n') + '\n');
        expect(await verifyExport(createReadStream(file), { verifierKey: t.verifierKey })).toMatchObject({ ok: false });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
      await post(t, `${base}/lines/${line}/indicators`, { name: 'Jumlah UMKM', unit: 'unit', direction: 'higher_is_better' });
      expect((await t.http().get(`${base}/lines/${line}/evidence`).expect(200)).body.pending).toBe(1);
    });

    it('404s an unknown line and 400s a malformed code', async () => {
      expect((await t.http().get(`${base}/lines/2.17.09.1.01.0001/evidence`).expect(404)).body.rule).toBe('LINE_NOT_REGISTERED');
      expect((await t.http().get(`${base}/lines/abc/evidence`).expect(400)).body.field).toBe('code');
    });
  });

  describe('with a browser session', () => {
    it('lists only offices in scope and renders reports as xlsx, csv and pdf', async () => {
      const token = await t.tokenFor(['inspector'], ['DKUKM']);
      const login = await t.anonymous().post('/api/v1/session').send({ token }).expect(201);
      const cookie = (login.headers['set-cookie'] as unknown as string[])[0].split(';')[0];
      expect(
        (await t.anonymous().get('/api/v1/offices').set('Cookie', cookie).expect(200)).body.map((o: { code: string }) => o.code),
      ).toEqual(['DKUKM']);
      for (const [format, type] of [
        ['xlsx', /spreadsheetml/],
        ['csv', /text\/csv/],
        ['pdf', /application\/pdf/],
      ] as const) {
        const res = await t.anonymous().get(`${base}/reports/evaluation?format=${format}`).set('Cookie', cookie).buffer(true).expect(200);
        expect({ format, type: res.headers['content-type'] }).toEqual({ format, type: expect.stringMatching(type) });
        expect(Number(res.headers['content-length'] ?? res.body?.length ?? res.text?.length)).toBeGreaterThan(100);
      }
      await t.anonymous().get('/api/v1/years/2023/offices/BPKAD/reports/absorption?format=csv').set('Cookie', cookie).expect(403);
    });
  });
});
