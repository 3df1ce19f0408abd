import { withPage } from './support/browser';
import { axeViolations, describeViolations, isSerious } from './support/axe';
import { PlanPage } from './page-models/plan-page';
import { LinePage } from './page-models/line-page';
import { RecordPage } from './page-models/record-page';
import { browserSuite } from './support/suite';

const YEAR = 2022;
const OFFICE = 'DKUKM';
const SUB = '2.17.07.1.01.0001';
const DID_LINE = '2.17.08.1.01.0001';
/** The side tests' own office and line (APBD DAU 653.027.794,00 from 3 January 2022), set up through the API. */
const SIDE = 'DINKES';
const SIDE_LINE = '1.02.02.1.01.0001';
const sidePath = `/api/v1/years/${YEAR}/offices/${SIDE}/lines`;

interface HistoryEntry {
  type: string;
}

/** README's 2022 DID story recorded through the forms on an empty ledger; the forms' guards. */
describe('browser: recording through the forms', () => {
  const suite = browserSuite({
    sample: false,
    offices: { [OFFICE]: 'Dinas Koperasi, Usaha Kecil dan Menengah', [SIDE]: 'Dinas Kesehatan' },
  });
  let operator: string;
  let inspector: string;
  const history = async (code = SIDE_LINE) =>
    (await suite.bench.t.http().get(`${sidePath}/${code}/history`).expect(200)).body as HistoryEntry[];
  const realisations = async () => (await history()).filter((e) => e.type.startsWith('realisation')).length;

  beforeAll(async () => {
    operator = await suite.bench.t.tokenFor(['planner', 'finance'], [OFFICE, SIDE], 'Operator DKUKM');
    inspector = await suite.bench.t.tokenFor(['inspector'], '*', 'Pemeriksa');
    const http = suite.bench.t.http();
    for (const code of ['1.02.02', '1.02.02.1.01', SIDE_LINE])
      await http
        .post(sidePath)
        .send({ code, name: `Baris ${code}` })
        .expect(201);
    await http
      .post(`${sidePath}/${SIDE_LINE}/pagu`)
      .send({
        phase: 'APBD',
        fundingSource: 'DAU',
        amount: '653027794.00',
        reason: 'APBD murni 2022',
        legalBasis: { kind: 'Perda', number: '10 Tahun 2021', date: '2021-12-30' },
        effectiveDate: '2022-01-03',
      })
      .expect(201);
  }, 120_000);

  it('records the 2022 DID stories through the forms, and the plan shows 38,15 % and 39,77 %', async () => {
    await withPage(suite.browser, suite.bench, { token: operator, name: 'record-did-story' }, async (page) => {
      const form = new RecordPage(page);
      await form.gotoOffice(YEAR, OFFICE, 'line');
      for (const [code, name] of [
        ['2.17.07', 'Program Pemberdayaan UMKM'],
        ['2.17.07.1.01', 'Pemberdayaan Usaha Kecil'],
        ['2.17.07.1.01.01', 'Menumbuhkembangkan UMKM'],
      ]) {
        await form.fill({ code, lineName: name });
        await form.save();
        expect(await form.errorSummary.count()).toBe(0);
      }

      await form.gotoLine(YEAR, OFFICE, SUB, 'pagu');
      const axe = (await axeViolations(page)).filter(isSerious);
      expect(axe.length ? describeViolations('the pagu form', axe) : 'none').toBe('none');
      await form.fill({
        phase: 'APBD',
        fundingSource: 'DAU',
        amount: '653.027.794,00',
        reason: 'APBD murni 2022',
        effectiveDate: '2022-01-03',
      });
      expect(await form.readAs().textContent()).toBe('Dibaca sebagai Rp 653.027.794,00');
      await form.legalBasis('Perda', '10 Tahun 2021', '2021-12-30');
      await form.save();
      expect(await form.saved.count()).toBe(1);

      await form.gotoLine(YEAR, OFFICE, SUB, 'realisation');
      for (const [quarter, amount] of [
        ['Q1', 'Rp 95.000.000'],
        ['Q2', '150.000.000,00'],
        ['Q3', '210.000.000'],
      ]) {
        await form.fill({ periodValue: quarter, amount });
        await form.save();
        expect(await form.saved.count()).toBe(1);
      }

      await form.gotoLine(YEAR, OFFICE, SUB, 'pagu');
      await form.fill({ phase: 'APBD_P', fundingSource: 'DID' });
      await page.getByLabel('Tambah atau kurangi').check();
      await form.fill({ amount: '1.000.000.000,00', reason: 'Tambahan DID 2022', effectiveDate: '2022-11-08' });
      expect(await form.readAs().textContent()).toBe('Dibaca sebagai Rp 1.000.000.000,00');
      await form.legalBasis('PMK', '170/PMK.07/2022', '2022-11-08');
      await form.save();
      expect(await form.saved.count()).toBe(1);

      await form.gotoLine(YEAR, OFFICE, SUB, 'realisation');
      await form.fill({ periodValue: 'Q4', amount: '175.592.410,00' });
      await form.save();
      expect(await form.saved.count()).toBe(1);

      // The reference document's own DID line (the built-in sample's 2.17.08.1.01.0001): APBD induk, then
      // Dana Insentif Daerah under PMK 170/PMK.07/2022, then the year's realisation in the fourth quarter.
      await form.gotoOffice(YEAR, OFFICE, 'line');
      for (const [code, name] of [
        ['2.17.08', 'Program Pengembangan UMKM'],
        ['2.17.08.1.01', 'Pemberdayaan Usaha Menengah, Usaha Kecil, dan Usaha Mikro (UMKM)'],
        [DID_LINE, 'Produksi dan Pengolahan, Pemasaran, Sumber Daya Manusia, serta Desain dan Teknologi'],
      ]) {
        await form.fill({ code, lineName: name });
        await form.save();
        expect(await form.errorSummary.count()).toBe(0);
      }
      await form.gotoLine(YEAR, OFFICE, DID_LINE, 'pagu');
      await form.fill({
        phase: 'APBD',
        fundingSource: 'DAU',
        amount: '518.553.447,00',
        reason: 'APBD induk 2022',
        effectiveDate: '2022-01-03',
      });
      await form.legalBasis('Perda', '10 Tahun 2021', '2021-12-30');
      await form.save();
      expect(await form.saved.count()).toBe(1);
      await form.gotoLine(YEAR, OFFICE, DID_LINE, 'pagu');
      await form.fill({ phase: 'APBD_P', fundingSource: 'DID' });
      await page.getByLabel('Tambah atau kurangi').check();
      await form.fill({ amount: '5.627.000.000,00', reason: 'Tambahan Dana Insentif Daerah November 2022', effectiveDate: '2022-11-08' });
      await form.legalBasis('PMK', '170/PMK.07/2022', '2022-11-08');
      await form.save();
      expect(await form.saved.count()).toBe(1);
      await form.gotoLine(YEAR, OFFICE, DID_LINE, 'realisation');
      await form.fill({ periodValue: 'Q4', amount: '2.444.304.781,00' });
      await form.save();
      expect(await form.saved.count()).toBe(1);

      const plan = new PlanPage(page);
      await plan.goto(YEAR, OFFICE);
      await plan.row(SUB).waitFor();
      expect(await plan.row(SUB).textContent()).toContain('38,15 %');
      expect(await plan.row(SUB).textContent()).toContain('Rp 1.653.027.794,00');
      expect(await plan.row(DID_LINE).textContent()).toContain('39,77 %');
      expect(await plan.row(DID_LINE).textContent()).toContain('Rp 6.145.553.447,00');
    });
  });

  it('writes a double-submitted realisation once (one Idempotency-Key per form)', async () => {
    const before = await realisations();
    await withPage(suite.browser, suite.bench, { token: operator, name: 'record-double-submit' }, async (page) => {
      const form = new RecordPage(page);
      await form.gotoLine(YEAR, SIDE, SIDE_LINE, 'realisation');
      const keys: string[] = [];
      page.on('request', (r) => r.method() === 'POST' && keys.push(r.headers()['idempotency-key'] ?? ''));
      await form.fill({ periodValue: 'Q1', amount: '10.000.000,00' });
      await form.submit.dblclick();
      await form.saved.waitFor();
      expect(keys.every((k) => k.length >= 32 && k === keys[0])).toBe(true);
    });
    expect(await realisations()).toBe(before + 1);
  });

  it('answers a stale form with "changed meanwhile", shows what changed, and saves after a reload', async () => {
    await withPage(suite.browser, suite.bench, { token: operator, name: 'record-stale' }, async (page) => {
      const form = new RecordPage(page);
      await form.gotoLine(YEAR, SIDE, SIDE_LINE, 'realisation');
      // Someone else records on the line after the form was opened.
      await suite.bench.t
        .http()
        .post(`${sidePath}/${SIDE_LINE}/realisations`)
        .send({ period: '2022-Q2', amount: '20000000.00' })
        .expect(201);
      const before = await realisations();
      await form.fill({ periodValue: 'Q3', amount: '30.000.000,00' });
      await form.save();
      await form.stale.waitFor();
      expect(await form.stale.textContent()).toContain('Baris ini telah diubah orang lain sejak Anda membuka formulir');
      await form.stale.locator('.history li, .history-entry').first().waitFor();
      expect(await form.stale.textContent()).toContain('Rp 20.000.000,00');
      expect(await realisations()).toBe(before);

      await form.stale.getByRole('button', { name: 'Muat ulang angka terbaru' }).click();
      await form.stale.waitFor({ state: 'detached' });
      await form.fill({ periodValue: 'Q3', amount: '30.000.000,00' });
      await form.save();
      expect(await form.saved.count()).toBe(1);
      expect(await realisations()).toBe(before + 1);
    });
  });

  it('refuses a realisation above the pagu with the rule in Indonesian and its figures, writing nothing', async () => {
    const before = (await history()).length;
    await withPage(suite.browser, suite.bench, { token: operator, name: 'record-above-pagu' }, async (page) => {
      const form = new RecordPage(page);
      await form.gotoLine(YEAR, SIDE, SIDE_LINE, 'realisation');
      await form.fill({ periodValue: 'Q4', amount: '700.000.000,00' });
      await form.save();
      const said = 'melebihi pagu APBD yang berlaku saat itu, Rp 653.027.794,00';
      await form.errorSummary.getByText(said).waitFor();
      expect(await form.fieldError('amount').textContent()).toMatch(
        /^Realisasi kumulatif Rp 760\.000\.000,00 pada 31 Desember 2022 melebihi/,
      );
      const axe = (await axeViolations(page)).filter(isSerious);
      expect(axe.length ? describeViolations('the refused realisation form', axe) : 'none').toBe('none');
    });
    expect((await history()).length).toBe(before);
  });

  it("records a line's Renstra figures and a quarter's faktor notes through the forms; the evaluation prints them", async () => {
    const evaluation = async () =>
      (await suite.bench.t.http().get(`/api/v1/years/${YEAR}/offices/${SIDE}/reports/evaluation`).expect(200)).body as {
        rows: Array<{ code: string; renstraTarget: { k: string | null; rp: string | null } | null; renstraRealisedToLastYear: unknown }>;
        notes: Array<{ period: string; code: string | null; pendorong: string | null; tindakLanjut: string | null }>;
      };
    await withPage(suite.browser, suite.bench, { token: operator, name: 'record-renstra-notes' }, async (page) => {
      const form = new RecordPage(page);
      await form.gotoLine(YEAR, SIDE, SIDE_LINE, 'renstra');
      // The side line has no indicator: only the Rp figures are asked for, and an empty form sends nothing.
      expect(await form.field('targetK').count()).toBe(0);
      const before = (await history()).length;
      await form.submit.click();
      await form.errorSummary.getByText('Isi paling sedikit satu angka Renstra.').waitFor();
      expect((await history()).length).toBe(before);
      await form.fill({ targetRp: '3.250.000.000,00', realisedRp: '1.100.000.000' });
      expect(await form.readAs('targetRp').textContent()).toBe('Dibaca sebagai Rp 3.250.000.000,00');
      const axe = (await axeViolations(page)).filter(isSerious);
      expect(axe.length ? describeViolations('the Renstra form', axe) : 'none').toBe('none');
      await form.save();
      expect(await form.saved.count()).toBe(1);

      await form.gotoLine(YEAR, SIDE, SIDE_LINE, 'note');
      expect(await page.getByTestId('note-line').textContent()).toBe(`Catatan ini untuk baris ${SIDE_LINE}.`);
      await form.fill({ periodValue: 'Q3', penghambat: 'Pengadaan alat kesehatan tertunda' });
      await form.save();
      expect(await form.saved.count()).toBe(1);

      await form.gotoOffice(YEAR, SIDE, 'note');
      await form.submit.click();
      await form.errorSummary.getByText('Isi paling sedikit satu: faktor pendorong, faktor penghambat atau tindak lanjut.').waitFor();
      await form.fill({ periodValue: 'Q3', pendorong: 'Dukungan pimpinan', tindakLanjut: 'Percepatan lelang triwulan IV' });
      const noteAxe = (await axeViolations(page)).filter(isSerious);
      expect(noteAxe.length ? describeViolations('the faktor form', noteAxe) : 'none').toBe('none');
      await form.save();
      expect(await form.saved.count()).toBe(1);
    });
    const report = await evaluation();
    expect(report.rows.find((r) => r.code === SIDE_LINE)?.renstraTarget).toEqual({ k: null, rp: '3250000000.00' });
    expect(report.rows.find((r) => r.code === SIDE_LINE)?.renstraRealisedToLastYear).toEqual({ k: null, rp: '1100000000.00' });
    expect(report.notes.map((n) => [n.period, n.code, n.pendorong, n.tindakLanjut])).toEqual(
      expect.arrayContaining([
        ['2022-Q3', SIDE_LINE, null, null],
        ['2022-Q3', null, 'Dukungan pimpinan', 'Percepatan lelang triwulan IV'],
      ]),
    );
  });

  it('shows an inspector no Catat links, and refuses their forged POST (403)', async () => {
    await withPage(suite.browser, suite.bench, { token: inspector, name: 'record-inspector' }, async (page) => {
      const plan = new PlanPage(page);
      await plan.goto(YEAR, SIDE);
      await plan.row(SIDE_LINE).waitFor();
      expect(await page.getByTestId('record-link').count()).toBe(0);
      const line = new LinePage(page);
      await line.goto(YEAR, SIDE, SIDE_LINE);
      expect(await page.getByTestId('record-link').count()).toBe(0);

      const session = (await (await page.request.get('/api/v1/session')).json()) as { csrfToken: string };
      const forged = await page.request.post(`${sidePath}/${SIDE_LINE}/realisations`, {
        data: { period: '2022-Q4', amount: '1.00' },
        headers: { 'X-CSRF-Token': session.csrfToken },
      });
      expect(forged.status()).toBe(403);
    });
  });

  it('refuses a POST with the session cookie but without X-CSRF-Token (403)', async () => {
    const before = (await history()).length;
    await withPage(suite.browser, suite.bench, { token: operator, name: 'record-csrf' }, async (page) => {
      const form = new RecordPage(page);
      await form.gotoLine(YEAR, SIDE, SIDE_LINE, 'realisation');
      expect(await page.getByTestId('record-link').count()).toBe(0); // the form page itself has no link to itself
      const crossSite = await page.request.post(`${sidePath}/${SIDE_LINE}/realisations`, { data: { period: '2022-Q4', amount: '1.00' } });
      expect(crossSite.status()).toBe(403);
    });
    expect((await history()).length).toBe(before);
  });
  it('lets an admin add an office in the suite.browser and go on to register its first line', async () => {
    await withPage(suite.browser, suite.bench, { name: 'record-add-office' }, async (page) => {
      await page.goto('/');
      await page.getByTestId('add-office').click();
      await page.getByRole('button', { name: 'Simpan' }).click();
      expect(await page.getByTestId('error-summary').textContent()).toContain('Isi kode perangkat daerah.');
      await page.getByLabel('Kode perangkat daerah').fill('dpmptsp');
      await page.getByLabel('Nama perangkat daerah').fill('Dinas Penanaman Modal dan PTSP');
      await page.getByRole('button', { name: 'Simpan' }).click();
      await page.getByTestId('office-registered').waitFor();
      expect(await page.getByTestId('office-registered').textContent()).toContain('Perangkat daerah DPMPTSP terdaftar.');
      await page.getByTestId('office-registered').getByRole('link').click();
      const form = new RecordPage(page);
      await form.fill({ code: '2.18.01', lineName: 'Program Penunjang Urusan Pemerintahan Daerah' });
      await form.save();
      expect(await form.errorSummary.count()).toBe(0);
    });
    const offices = (await suite.bench.t.http().get('/api/v1/offices').expect(200)).body as Array<{ code: string }>;
    expect(offices.map((o) => o.code)).toContain('DPMPTSP');
  });
});
