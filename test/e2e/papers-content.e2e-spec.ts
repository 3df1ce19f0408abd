import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pdfPlainText, pdfText, type PdfPageText } from '../support/pdf-text';
import { getBinary, openWorkbook, parseCsv } from '../support/report-fixtures';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * What an office's papers say, read back from the PDFs the API gives on the built-in sample's 2022 (the
 * reference document's DID story): Indonesian tie-outs with Rupiah written the Indonesian way, the
 * reconciliation's events and legal bases per line, the history of a line as a file.
 */
const SAMPLE = join(__dirname, '..', '..', 'data', 'samples', 'dkukm-babel');
const FILES_2022 = ['perangkat-daerah.csv', 'rencana-2022.csv', 'pagu-2022.csv', 'realisasi-2022.csv', 'total-2022.csv'];
const OFFICE = '/api/v1/years/2022/offices/DKUKM';
const DID_LINE = '2.17.08.1.01.0001';

/** English a person must not meet on an Indonesian paper (the old tie-out and explanation sentences, raw statuses). */
const ENGLISH = [/sum of the/i, /\bMISMATCH\b/, /current pagu/i, /whole year/i, /\bline \d/];

/** The text of a table row: the line starting with `code` and the wrapped lines under it, up to the next coded row. */
function rowText(pages: PdfPageText[], code: string): string {
  const lines = pages.flatMap((p) => p.text.split('\n'));
  const start = lines.findIndex((l) => l.startsWith(`${code} `));
  if (start === -1) throw new Error(`no row ${code} on the paper`);
  const end = lines.findIndex((l, i) => i > start && /^(\d\.\d{2}\.\d{2}\b|DKUKM\b)/.test(l));
  return lines
    .slice(start, end === -1 ? undefined : end)
    .join(' ')
    .replace(/\s+/g, ' ');
}

/**
 * The words of `phrase` in `text` in their order. A table cell that wraps interleaves its lines with its
 * neighbours' in the extracted text, so a cell's phrase is found word by word, other words allowed between.
 */
function hasWordsInOrder(text: string, phrase: string): boolean {
  // A line may also break after a slash ("PMK 170/" + "PMK.07/2022"): a slash ends a word on both sides.
  const wordsOf = (s: string) => s.replace(/\//g, '/ ').split(/\s+/).filter(Boolean);
  const words = wordsOf(text);
  let at = 0;
  for (const word of wordsOf(phrase)) {
    while (at < words.length && words[at] !== word) at++;
    if (at === words.length) return false;
    at++;
  }
  return true;
}

/** A recorded time in a cell: the date, then (its neighbours' first lines between) the time in WIB. */
const WIB_TIME = /\d{2}-\d{2}-\d{4} (\S+ ){0,40}\d{2}:\d{2} WIB/;

describe('Papers of the built-in sample (DKUKM 2022): what they say', () => {
  let t: TestApp;
  const paper = async (path: string) => {
    const file = await getBinary(t, path);
    expect([file.status, file.type]).toEqual([200, 'application/pdf']);
    const { pages } = await pdfText(file.body);
    for (const page of pages) expect(page.width).toBeGreaterThan(page.height);
    const text = pdfPlainText(pages);
    for (const english of ENGLISH) expect(text).not.toMatch(english);
    return { pages, text };
  };

  beforeAll(async () => {
    t = await startTestApp();
    let upload = t.http().post('/api/v1/imports');
    for (const name of FILES_2022) upload = upload.attach('file', readFileSync(join(SAMPLE, name)), name);
    const imported = await upload;
    if (imported.status !== 201) throw new Error(`sample import: ${imported.status} ${JSON.stringify(imported.body).slice(0, 2000)}`);
  }, 180_000);
  afterAll(() => t?.close());

  it("the DID line's pagu trail prints its steps with the PMK and the Indonesian tie-out", async () => {
    const { pages, text } = await paper(`${OFFICE}/reports/pagu-trail?code=${DID_LINE}&format=pdf`);
    expect(text).toContain('Pembuktian: jumlah seluruh perubahan Rp 6.145.553.447,00 = pagu kini Rp 6.145.553.447,00 (sesuai)');
    expect(hasWordsInOrder(text, 'PMK 170/PMK.07/2022 tanggal 8 November 2022')).toBe(true);
    expect(text).toMatch(WIB_TIME);
    expect(text).not.toMatch(/\d{2}:\d{2}:\d{2}\.\d{6}/);
    expect(pages).toHaveLength(1);
  });

  it("the office's and a program's pagu trail, the plan and the change log print too", async () => {
    await paper(`${OFFICE}/reports/pagu-trail?format=pdf`);
    await paper(`${OFFICE}/reports/pagu-trail?code=2.17.08&format=pdf`);
    await paper(`${OFFICE}/plan?format=pdf`);
    const changes = await paper(`${OFFICE}/changes?format=pdf&limit=40`);
    expect(changes.text).toMatch(/Penetapan\/perubahan\s/);
    expect(changes.text).toContain('tinggi makin baik');
  });

  it('the reconciliation paper explains each delta by its events and legal bases, under program and kegiatan subtotals', async () => {
    const { pages, text } = await paper(`${OFFICE}/reports/reconciliation?format=pdf`);
    expect(text).toContain(
      'Pembuktian: jumlah selisih baris Rp 7.394.109.271,00 = selisih perangkat daerah Rp 7.394.109.271,00 (sesuai); setiap selisih dijelaskan peristiwa tercatat (sesuai)',
    );
    expect(text).toContain('jumlah selisih baris = selisih perangkat daerah (APBD-P – APBD)');
    expect(text).toContain('jumlah selisih baris = jumlah yang dijelaskan peristiwa tercatat, baris demi baris');
    const did = rowText(pages, DID_LINE);
    expect(did).toMatch(/518\.553\.447,00 6\.145\.553\.447,00 5\.627\.000\.000,00/);
    expect(hasWordsInOrder(did, 'APBD-P, sumber dana DID: tambahan +Rp 5.627.000.000,00, berlaku 08-11-2022;')).toBe(true);
    expect(hasWordsInOrder(did, 'PMK 170/PMK.07/2022 tanggal 8 November 2022; Tambahan Dana Insentif Daerah (DID)')).toBe(true);
    const salaries = rowText(pages, '2.17.01.1.02.0001');
    expect(hasWordsInOrder(salaries, 'penetapan pagu, selisih +Rp 767.109.271,00, berlaku 03-10-2022; DPPA')).toBe(true);
    // The subtotals the CLI's Kegiatan and Program tables show, in the budget's order above their lines.
    expect(rowText(pages, '2.17.08')).toMatch(
      /^2\.17\.08 Program Pengembangan UMKM 518\.553\.447,00 6\.145\.553\.447,00 5\.627\.000\.000,00/,
    );
    expect(rowText(pages, '2.17.08.1.01')).toMatch(/5\.627\.000\.000,00/);
    expect(rowText(pages, '2.17.07')).toMatch(/653\.027\.794,00 1\.653\.027\.794,00 1\.000\.000\.000,00/);
  });

  it('the absorption paper writes the office serapan with a decimal comma and shows program roll-ups, not zeros', async () => {
    const { pages, text } = await paper(`${OFFICE}/reports/absorption?format=pdf`);
    expect(text).toContain('Serapan kantor: 74,06 % thd pagu kini');
    expect(rowText(pages, '2.17.07')).toMatch(/653\.027\.794,00 1\.653\.027\.794,00 .*630\.592\.410,00 .*38,15/);
    expect(rowText(pages, '2.17.08')).toMatch(/39,77/);
    expect(text).toMatch(/sejak 1 Oktober 2022/);
  });

  it('the consistency paper explains in Indonesian how the ledger computed each figure', async () => {
    const { text } = await paper(`${OFFICE}/reports/consistency?format=pdf`);
    expect(text).toMatch(/jumlah pagu APBD-P dari\s+seluruh\s+baris\s+perangkat\s+daerah/);
    expect(text).toContain('TIDAK SESUAI');
    expect(text).toMatch(/\d+ angka dinyatakan: \d+ sesuai, \d+ TIDAK SESUAI/);
  });

  it("a line's history is JSON by default and a file in csv, xlsx and pdf", async () => {
    const history = `${OFFICE}/lines/${DID_LINE}/history`;
    const json = await t.http().get(history).expect(200);
    expect(Array.isArray(json.body)).toBe(true);
    const did = json.body.find((e: { changes: Array<{ figure: string }> }) => e.changes.some((c) => c.figure === 'pagu.APBD_P.DID'));
    expect(did).toMatchObject({ legalBasis: { kind: 'PMK', number: '170/PMK.07/2022' } });

    const csv = await t.http().get(`${history}?format=csv`).expect(200);
    expect(csv.headers['content-disposition']).toContain(`history-DKUKM-2022-${DID_LINE}.csv`);
    const rows = parseCsv(csv.text);
    expect(rows).toHaveLength(json.body.length);
    expect(rows.find((r) => r.event_id === did.eventId)).toMatchObject({ kind: 'pagu.changed', legal_basis_kind: 'PMK', code: DID_LINE });

    const xlsx = await getBinary(t, `${history}?format=xlsx`);
    expect(xlsx.status).toBe(200);
    const sheet = (await openWorkbook(xlsx.body)).getWorksheet('Riwayat');
    expect(sheet).toBeDefined();

    const { text } = await paper(`${history}?format=pdf`);
    expect(text).toContain('Riwayat Perubahan Baris Anggaran');
    expect(text).toContain(`Sub Kegiatan: ${DID_LINE}`);
    expect(text).toMatch(/Pagu APBD-P\s/);
    expect(text).toContain('(DID)');
    expect(text).toMatch(/PMK 170\/PMK\.07\/2022/);
    expect(text).toMatch(WIB_TIME);

    const wrong = await t.http().get(`${history}?format=docx`);
    expect([wrong.status, wrong.body.field]).toEqual([400, 'format']);
    expect((await t.http().get(`${OFFICE}/lines/2.17.99.1.01.0001/history?format=pdf`)).status).toBe(404);
  });
});
