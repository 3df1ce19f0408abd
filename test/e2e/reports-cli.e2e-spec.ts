import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OFFICE, recordDidStory, YEAR } from '../support/did-story';
import { runCli } from '../support/processes';
import { openWorkbook, parseCsv, pdfPageCount, sheetRow } from '../support/report-fixtures';
import { startTestApp, type TestApp } from '../support/test-app';

describe('renja-ledger report', () => {
  let t: TestApp;
  let dir: string;
  const report = (...args: string[]) => runCli(['report', ...args, '--year', String(YEAR), '--office', OFFICE], { DATABASE_URL: t.db.url });

  beforeAll(async () => {
    t = await startTestApp();
    await recordDidStory(t);
    dir = mkdtempSync(join(tmpdir(), 'renja-report-'));
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await t.close();
  });

  it('prints the pagu trail as a table with Indonesian amounts and the tie-out', async () => {
    const result = await report('pagu-trail', '--code', '2.17.08.1.01.0001');
    expect(result.stderr).not.toMatch(/error/i);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Pembuktian: jumlah seluruh perubahan Rp 6.145.553.447,00 = pagu kini Rp 6.145.553.447,00 (sesuai)');
    expect(result.stdout).toMatch(
      /APBD-P .*DID\s+Rp 518\.553\.447,00\s+Rp 5\.627\.000\.000,00\s+Rp 6\.145\.553\.447,00\s+PMK 170\/PMK\.07\/2022/,
    );
  });

  it('answers as of 31 October 2022 without the DID', async () => {
    const result = await report('absorption', '--valid-at', '2022-10-31', '--format', 'json');
    expect(result.code).toBe(0);
    const body = JSON.parse(result.stdout);
    expect(body.asOf).toEqual({ validAt: '2022-10-31' });
    expect(
      body.programs.map((p: { currentPagu: string; absorption: { current: string } }) => [p.currentPagu, p.absorption.current]),
    ).toEqual([
      ['653027794.00', '69.68'],
      ['518553447.00', '67.50'],
    ]);
  });

  it('writes the reconciliation as CSV on stdout', async () => {
    const result = await report('reconciliation', '--format', 'csv');
    expect(result.code).toBe(0);
    const office = parseCsv(result.stdout).find((r) => r.row_type === 'office');
    expect(office).toMatchObject({ from_amount: '1171581241.00', to_amount: '7798581241.00', delta: '6627000000.00' });
  });

  it('writes XLSX and PDF files with --out, and refuses binary output without it', async () => {
    const xlsx = join(dir, 'rekonsiliasi.xlsx');
    expect((await report('reconciliation', '--format', 'xlsx', '--out', xlsx)).code).toBe(0);
    const workbook = await openWorkbook(readFileSync(xlsx));
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      'Rincian',
      'Kegiatan',
      'Program',
      'Perangkat Daerah',
      'Penjelasan',
      'Pembuktian',
    ]);
    const sheet = workbook.getWorksheet('Rincian')!;
    const headerRow = (sheet.views[0] as { ySplit: number }).ySplit;
    const line = sheetRow(sheet, headerRow, '2.17.07.1.01.0001');
    expect([line['Pagu APBD'].value, line['Pagu APBD-P'].value, line.Selisih.value, line['Selisih (%)'].value]).toEqual([
      653027794, 1653027794, 1000000000, 153.13,
    ]);
    const pdf = join(dir, 'evaluasi.pdf');
    expect((await report('evaluation', '--format', 'pdf', '--out', pdf)).code).toBe(0);
    const bytes = readFileSync(pdf);
    expect([bytes.subarray(0, 5).toString(), pdfPageCount(bytes)]).toEqual(['%PDF-', 1]);
    const refused = await report('evaluation', '--format', 'pdf');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('--format pdf menulis berkas biner: berikan --out <berkas>');
  });

  it('names the bad option', async () => {
    const badDate = await report('absorption', '--valid-at', '2022-13-01');
    expect([badDate.code, badDate.stderr]).toEqual([1, expect.stringContaining('--valid-at')]);
    const badName = await report('neraca');
    expect(badName.code).not.toBe(0);
    expect(badName.stderr).toContain('nama laporan harus salah satu dari pagu-trail, reconciliation, absorption, evaluation');
    const paper = await report('absorption', '--format', 'pdf', '--paper', 'letter', '--out', join(dir, 'x.pdf'));
    expect([paper.code, paper.stderr]).toEqual([1, expect.stringContaining('--paper harus salah satu dari a4, f4')]);
  });
});
