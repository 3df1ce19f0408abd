import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { axeViolations, describeViolations, isSerious } from './support/axe';
import { withPage } from './support/browser';
import { ImportPage, type UploadFile } from './page-models/import-page';
import { PlanPage } from './page-models/plan-page';
import { browserSuite } from './support/suite';

const FIXTURE = join(__dirname, '..', 'fixtures', 'import', 'did-story');
/** The DID story's files but perangkat_daerah.csv (registering an office is for admins; the office is there). */
const fixed = (): UploadFile[] =>
  readdirSync(FIXTURE)
    .filter((f) => f.endsWith('.csv') && f !== 'perangkat_daerah.csv')
    .sort()
    .map((name) => ({ name, text: readFileSync(join(FIXTURE, name), 'utf8') }));
/** pagu.csv with a fifth row whose Pagu is ambiguous ("1.65.3"). */
const withBadRow = (): UploadFile[] =>
  fixed().map((f) =>
    f.name === 'pagu.csv'
      ? { ...f, text: `${f.text}2022,DKUKM,2.17.07.1.01.0002,APBD-P,DAU,"1.65.3",,2022-11-08,x,Perda,1,2022-11-01\n` }
      : f,
  );

/** Impor in the browser: a bad row is shown and nothing is written; the fixed files are written whole. */
describe('browser: import with preview', () => {
  const suite = browserSuite({ sample: false, offices: { DKUKM: 'Dinas Koperasi, Usaha Kecil dan Menengah' } });
  let token = '';
  const changeCount = async () => {
    const res = await suite.bench.t.http().get('/api/v1/years/2022/offices/DKUKM/changes').query({ limit: 1000 });
    return res.status === 200 ? (res.body.entries as unknown[]).length : 0;
  };

  beforeAll(async () => {
    token = await suite.bench.t.tokenFor(['planner', 'finance'], ['DKUKM'], 'Siti (perencana dan keuangan)');
  }, 120_000);

  it('shows the bad row with its problem and writes nothing; the fixed files preview clean and Simpan writes them', async () => {
    await withPage(suite.browser, suite.bench, { token, name: 'import' }, async (page) => {
      const impor = new ImportPage(page);
      await impor.goto();
      await page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: 'Impor' }).waitFor();
      expect(await impor.saveButton.count()).toBe(0);

      const before = await changeCount();
      await impor.check(withBadRow());
      await impor.problems.waitFor();
      expect(await impor.problems.getByRole('heading').textContent()).toBe('Ada 1 masalah; tidak ada yang disimpan');
      const link = impor.problemLinks().first();
      expect(await link.textContent()).toContain('pagu.csv, baris 5, Pagu: "1.65.3"');
      expect(await link.textContent()).toContain('"1.65.3" tidak jelas');
      expect(await link.getAttribute('href')).toBe('#impor-pagu_csv-5');
      // The bad row is marked, with its problem; the good rows show what they understood and would record.
      const bad = impor.row('pagu.csv', 'pagu', 5);
      expect(await bad.getAttribute('class')).toContain('invalid');
      expect(await bad.getByTestId('row-problems').textContent()).toContain('NUMBER_AMBIGUOUS');
      const good = impor.row('pagu.csv', 'pagu', 2);
      const goodText = (await good.textContent()) ?? '';
      for (const shown of ['2.17.07.1.01.0001', 'APBD', 'DAU', 'Rp 653.027.794,00', '3 Januari 2022', 'mengubah pagu'])
        expect(goodText).toContain(shown);
      expect(await impor.row('pagu.csv', 'pagu', 4).textContent()).toContain('Rp 1.000.000.000,00');
      expect(await impor.row('realisasi.csv', 'realisasi', 5).textContent()).toContain('TW IV 2022');
      expect(await impor.row('realisasi.csv', 'realisasi', 6).textContent()).toContain('bagian dari realisasi baris 5');
      expect(await impor.saveButton.isDisabled()).toBe(true);
      await link.click();
      expect(page.url()).toContain('#impor-pagu_csv-5');
      expect(await changeCount()).toBe(before);

      await impor.check(fixed());
      await impor.previewSummary.waitFor();
      expect(await impor.problems.count()).toBe(0);
      expect(await impor.previewSummary.textContent()).toMatch(/^\d+ peristiwa akan ditulis, 0 baris sudah ada di buku besar\.$/);
      expect(await impor.saveButton.isEnabled()).toBe(true);
      expect(await changeCount()).toBe(before);
      await impor.saveButton.click();
      await impor.outcome.waitFor();
      expect(await impor.outcome.getByRole('heading', { level: 2 }).textContent()).toMatch(
        /^Tersimpan: \d+ peristiwa ditulis, 0 baris tidak berubah\.$/,
      );
      expect(await changeCount()).toBeGreaterThan(before);

      // The outcome links to the office-year; its plan shows the imported lines.
      await impor.outcome.getByRole('link', { name: 'DKUKM · 2022' }).click();
      await page.waitForURL('**/2022/DKUKM');
      const plan = new PlanPage(page);
      await plan.settled();
      await plan.row('2.17.07').waitFor();
      expect(await plan.rows().count()).toBeGreaterThanOrEqual(1);

      // The same files again: the server's answer says when and by whom.
      await impor.goto();
      await impor.check(fixed());
      const already = page.getByTestId('import-already');
      await already.waitFor();
      expect(await already.textContent()).toContain('pagu.csv sudah diimpor pada');
      expect(await already.textContent()).toContain('oleh Siti (perencana dan keuangan)');
      expect(await impor.saveButton.isDisabled()).toBe(true);
    });
  });

  it('shows an implausible figure as a warning beside its row; Simpan waits for the checkbox, then writes', async () => {
    // A line of its own (parents as the DID story names them: unchanged when already there) and a TW II
    // output of 50 against a target of 2: 2.500 %, the misread "…,150.000.000,50,," of issue 14.
    const files: UploadFile[] = [
      {
        name: 'rencana-uji.csv',
        text: [
          'Tahun;Perangkat Daerah;Kode;Program/Kegiatan/Sub Kegiatan;Indikator;Satuan;Target;Tanggal Berlaku',
          '2022;DKUKM;2.17.07;Program Pemberdayaan Usaha Menengah, Usaha Kecil, dan Usaha Mikro (UMKM);;;;',
          '2022;DKUKM;2.17.07.1.01;Pemberdayaan Usaha Kecil;;;;',
          '2022;DKUKM;2.17.07.1.01.0009;Pelatihan Pemasaran Daring;Jumlah pelatihan;Kali;2;3 Januari 2022',
        ].join('\n'),
      },
      {
        name: 'pagu-uji.csv',
        text: 'Tahun,Perangkat Daerah,Kode,Tahapan,Sumber Dana,Pagu,Tanggal Berlaku,Alasan,Jenis Dasar Hukum,Nomor Dasar Hukum,Tanggal Dasar Hukum\n2022,DKUKM,2.17.07.1.01.0009,APBD,DAU,"200.000.000,00",2022-01-03,APBD murni 2022,Perda,10 Tahun 2021,2021-12-30\n',
      },
      {
        name: 'realisasi-uji.csv',
        text: 'Tahun,Perangkat Daerah,Kode,Periode,Indikator,Realisasi,Realisasi Kinerja,Tanggal Berlaku,Alasan\n2022,DKUKM,2.17.07.1.01.0009,TW II,Jumlah pelatihan,150.000.000,50,,\n',
      },
    ];
    await withPage(suite.browser, suite.bench, { token, name: 'import-warnings' }, async (page) => {
      const impor = new ImportPage(page);
      await impor.goto();
      const before = await changeCount();
      await impor.check(files);
      await impor.warnings.waitFor();
      expect(await impor.problems.count()).toBe(0);
      expect(await impor.warnings.getByRole('heading').textContent()).toBe('Ada 2 peringatan: periksa sebelum menyimpan');
      const listed = await impor.warnings.getByTestId('import-warning').allTextContents();
      expect(listed[0]).toContain('realisasi-uji.csv, baris 2: Realisasi: "150.000.000" diikuti "50"');
      expect(listed[1]).toContain('capaian "Jumlah pelatihan" menjadi 2.500,00 %');
      // The row as read, marked, with its warnings; the other rows as they will be recorded.
      const row = impor.row('realisasi-uji.csv', 'realisasi', 2);
      expect(await row.getAttribute('class')).toContain('warned');
      for (const shown of ['TW II 2022', 'Rp 150.000.000,00', 'mencatat realisasi']) expect(await row.textContent()).toContain(shown);
      expect(await row.getByTestId('row-warnings').textContent()).toContain('ACHIEVEMENT_IMPLAUSIBLE');
      expect(await impor.row('pagu-uji.csv', 'pagu', 2).textContent()).toContain('Rp 200.000.000,00');
      expect(await impor.saveButton.isDisabled()).toBe(true);
      expect(await page.locator('#import-save-hint').textContent()).toContain('mencentang kotaknya');
      await page.screenshot({ path: join(__dirname, 'screenshots', 'import-warnings.png'), fullPage: true });
      const serious = (await axeViolations(page)).filter(isSerious);
      expect(describeViolations('Impor with warnings', serious)).toBe('Impor with warnings: no violations');

      await impor.acceptWarnings.check();
      expect(await impor.saveButton.isEnabled()).toBe(true);
      expect(await changeCount()).toBe(before);
      await impor.saveButton.click();
      await impor.outcome.waitFor();
      expect(await impor.outcome.getByRole('heading', { level: 2 }).textContent()).toMatch(/^Tersimpan: \d+ peristiwa ditulis/);
      expect(await changeCount()).toBeGreaterThan(before);
    });
  });

  it('an inspector is told that importing is not for their role (and the nav has no Impor)', async () => {
    const inspector = await suite.bench.t.tokenFor(['inspector'], '*', 'Pemeriksa');
    await withPage(suite.browser, suite.bench, { token: inspector, name: 'import-inspector' }, async (page) => {
      const impor = new ImportPage(page);
      await impor.goto();
      await page.getByText('Impor hanya untuk peran perencana dan keuangan').waitFor();
      expect(await impor.fileInput.count()).toBe(0);
      expect(await page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: 'Impor' }).count()).toBe(0);
    });
  });
});
