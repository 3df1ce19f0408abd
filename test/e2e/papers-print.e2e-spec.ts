import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Decimal from 'decimal.js';
import { OFFICE, recordDidStory, YEAR } from '../support/did-story';
import { pdfPlainText, pdfText } from '../support/pdf-text';
import { runCli } from '../support/processes';
import { getBinary, openWorkbook, parseCsv } from '../support/report-fixtures';
import { startTestApp, type TestApp } from '../support/test-app';

/** Papers an office can sign: every report as PDF (A4 or F4), traced to the ledger, with a signature block. */
describe('Printed papers', () => {
  let t: TestApp;
  const base = `/api/v1/years/${YEAR}/offices/${OFFICE}`;
  const EVERY_DOCUMENT = [
    'lines/2.17.07.1.01.0001/reports/pagu-trail',
    'reports/pagu-trail?code=2.17.07',
    'reports/pagu-trail',
    'reports/reconciliation',
    'reports/absorption',
    'reports/evaluation',
    'reports/consistency',
    'plan',
    'changes',
  ];
  const withQuery = (path: string, query: string) => `${base}/${path}${path.includes('?') ? '&' : '?'}${query}`;

  async function pdfPages(path: string, query = 'format=pdf') {
    const file = await getBinary(t, withQuery(path, query));
    expect([file.status, file.type]).toEqual([200, 'application/pdf']);
    return (await pdfText(file.body)).pages;
  }

  /** Indonesian digit grouping: 1.234 */
  const grouped = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');

  /** One line of a ';'-separated CSV, with quoted fields (a name may hold a ';'). */
  const fieldsOf = (line: string): string[] => {
    const fields: string[] = [];
    let field = '';
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const c = line[i];
      if (quoted && c === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = !quoted;
      else if (c === ';' && !quoted) {
        fields.push(field);
        field = '';
      } else field += c;
    }
    return [...fields, field];
  };

  async function ledgerSize(): Promise<number> {
    const { rows } = await t.pool.query<{ n: string }>('SELECT count(*) AS n FROM ledger_events');
    return Number(rows[0].n);
  }

  beforeAll(async () => {
    t = await startTestApp();
    await recordDidStory(t);
  });
  afterAll(() => t.close());

  it.each(EVERY_DOCUMENT)(
    '%s prints as landscape A4, numbered "Halaman x dari N", each page naming the ledger position and checkpoint',
    async (path) => {
      const size = await ledgerSize();
      const pages = await pdfPages(path);
      pages.forEach((page, i) => {
        expect([page.width, page.height]).toEqual([841.89, 595.28]);
        const text = page.text.replace(/\s+/g, ' ');
        expect(text).toContain(`Halaman ${i + 1} dari ${pages.length}`);
        expect(text).toContain(`Posisi buku besar: ${grouped(size)} peristiwa`);
        // The checkpoint named covers everything on the paper: its size is the ledger's.
        expect(text).toContain(`checkpoint bertanda tangan terakhir: renja-ledger.test/e2e, ukuran ${grouped(size)}, akar`);
        expect(text).toMatch(/diketahui: semua yang tercatat; dicetak \d{2}-\d{2}-\d{4} \d{2}:\d{2} WIB/);
      });
    },
  );

  it('prints F4 (folio 215 × 330 mm) landscape when asked, and names the point of view asked for', async () => {
    const pages = await pdfPages('reports/absorption', 'format=pdf&paper=f4&validAt=2022-09-30&knownAt=2022-12-15');
    for (const page of pages) expect([page.width, page.height]).toEqual([935.43, 609.45]);
    expect(pdfPlainText(pages)).toContain('berlaku s.d. 30 September 2022; diketahui s.d. 16-12-2022 06:59 WIB');
  });

  it.each([
    ['format=pdf&paper=letter', 'paper', 'PAPER_SIZE'],
    ['format=xlsx&paper=a3', 'paper', 'PAPER_SIZE'],
    ['format=csv&csv=excel', 'csv', 'CSV_STYLE'],
  ])('refuses %s with a 400 naming the parameter', async (query, field, rule) => {
    const res = await t.http().get(withQuery('reports/absorption', query)).expect(400);
    expect(res.body).toMatchObject({ field, rule });
  });

  describe('the signature block', () => {
    const signatory = {
      place: 'Pangkalpinang',
      title: 'Kepala Dinas Koperasi, Usaha Kecil dan Menengah',
      name: 'Dr. Budi Santoso, S.E., M.M.',
      nip: '19700101 199003 1 001',
    };

    it('leaves dotted lines to fill in by hand while no signatory is recorded', async () => {
      const text = pdfPlainText(await pdfPages('reports/reconciliation'));
      expect(text).toMatch(/\.{20,}, \d{1,2} \w+ \d{4} Kepala Perangkat Daerah/);
      expect(text).toMatch(/NIP \.{20,}/);
    });

    it('is set by an admin as an event on the office stream; a planner is refused, a NIP of 17 digits is a 400', async () => {
      const planner = await t.tokenFor(['planner'], [OFFICE]);
      await t.http().put(`/api/v1/offices/${OFFICE}/signatory`).set('Authorization', `Bearer ${planner}`).send(signatory).expect(403);
      const bad = await t
        .http()
        .put(`/api/v1/offices/${OFFICE}/signatory`)
        .send({ ...signatory, nip: '1970010119900310' })
        .expect(400);
      expect(JSON.stringify(bad.body)).toContain('nip');
      const set = await t.http().put(`/api/v1/offices/${OFFICE}/signatory`).send(signatory).expect(200);
      expect(set.body).toMatchObject({ code: OFFICE, eventIds: [expect.any(String)] });
      const { rows } = await t.pool.query('SELECT type, data FROM ledger_events WHERE stream_id = $1 ORDER BY version', [
        `office-${OFFICE}`,
      ]);
      expect(rows.map((r) => r.type)).toEqual(['office.registered', 'office.signatory-set']);
      expect(rows[1].data).toEqual({ ...signatory, nip: '197001011990031001' });
      const { body: office } = await t.http().get(`/api/v1/offices/${OFFICE}`).expect(200);
      expect(office.signatory).toEqual({ ...signatory, nip: '197001011990031001' });
    });

    it.each(EVERY_DOCUMENT)('%s ends with the place and date, title, name and NIP', async (path) => {
      const pages = await pdfPages(path, 'format=pdf&paper=f4');
      const last = pages.at(-1)!.text.replace(/\s+/g, ' ');
      expect(last).toMatch(/Pangkalpinang, \d{1,2} \w+ \d{4} Kepala Dinas Koperasi, Usaha Kecil dan Menengah/);
      expect(last).toContain('Dr. Budi Santoso, S.E., M.M.');
      expect(last).toContain('NIP 19700101 199003 1 001');
    });
  });

  it('gives XLSX set up to print: landscape, the paper asked for, one page wide, heading rows repeated', async () => {
    for (const [paper, code] of [
      ['a4', 9],
      ['f4', 14],
    ] as const) {
      const file = await getBinary(t, withQuery('reports/absorption', `format=xlsx&paper=${paper}`));
      const workbook = await openWorkbook(file.body);
      for (const sheet of workbook.worksheets) {
        expect(sheet.pageSetup).toMatchObject({
          orientation: 'landscape',
          paperSize: code,
          fitToPage: true,
          fitToWidth: 1,
          fitToHeight: 0,
        });
        const [from, to] = String(sheet.pageSetup.printTitlesRow).split(':').map(Number);
        expect(to).toBeGreaterThanOrEqual(from);
        expect(sheet.getRow(to).getCell(1).value).toBe('Kode');
        expect(sheet.headerFooter.oddFooter).toContain('Halaman &P dari &N');
        expect(sheet.headerFooter.oddFooter).toContain('Posisi buku besar');
      }
    }
  });

  it('gives CSV for Indonesian spreadsheets (csv=id) whose amounts read back as the same numbers as the machine CSV', async () => {
    const machine = parseCsv((await t.http().get(withQuery('reports/absorption', 'format=csv')).expect(200)).text);
    const res = await t.http().get(withQuery('reports/absorption', 'format=csv&csv=id')).expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.text.charCodeAt(0)).toBe(0xfeff);
    // As a spreadsheet set to Indonesian reads it: ';' between fields, ',' before the decimals, no grouping.
    const [header, ...rows] = res.text.slice(1).trimEnd().split('\r\n').map(fieldsOf);
    expect(header).toContain('Kode');
    expect(header.join(';')).not.toMatch(/_/);
    expect(rows).toHaveLength(machine.length);
    for (const cells of rows) expect(cells).toHaveLength(header.length);
    const machineKeys = Object.keys(machine[0]);
    let amounts = 0;
    rows.forEach((cells, r) => {
      cells.forEach((cell, c) => {
        const plain = machine[r][machineKeys[c]];
        if (!/^-?\d+\.\d+$/.test(plain)) return;
        expect(cell).toMatch(/^-?\d+,\d+$/);
        expect(new Decimal(cell.replace(',', '.')).equals(new Decimal(plain))).toBe(true);
        amounts++;
      });
    });
    expect(amounts).toBeGreaterThan(10);
  });

  describe('from the CLI', () => {
    let dir: string;
    const cli = (...args: string[]) => runCli(args, { DATABASE_URL: t.db.url });
    beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'renja-papers-'))));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('records a new signatory (an admin token), which the next paper printed on F4 carries', async () => {
      const refused = await cli(
        'signatory',
        OFFICE,
        '--place',
        'Pangkalpinang',
        '--title',
        'Kepala Dinas',
        '--name',
        'X',
        '--nip',
        '123',
        '--token',
        t.token,
      );
      expect([refused.code, refused.stderr]).toEqual([2, expect.stringContaining('NIP_FORMAT (nip)')]);
      const set = await cli(
        'signatory',
        OFFICE,
        ...['--place', 'Sungailiat', '--title', 'Plt. Kepala Dinas Koperasi, Usaha Kecil dan Menengah'],
        ...['--name', 'Siti Aminah, S.H.', '--nip', '198001012005012002', '--token', t.token],
      );
      expect([set.code, set.stdout]).toEqual([0, expect.stringContaining('Penanda tangan DKUKM dicatat: Siti Aminah, S.H.')]);
      const out = join(dir, 'serapan.pdf');
      // The signatory is a new event that no checkpoint covers yet: the CLI, given the deployment's key as the
      // server's operator has it, signs one first, so that the paper names a checkpoint covering its position.
      const size = await ledgerSize();
      const covered = Number((await t.pool.query('SELECT coalesce(max(size), 0) AS size FROM ledger_checkpoints')).rows[0].size);
      expect(covered).toBeLessThan(size);
      const keyFile = join(dir, 'ledger.key');
      writeFileSync(keyFile, `${t.signerKey}\n`, { mode: 0o600 });
      const printed = await runCli(
        ['report', 'absorption', '--year', String(YEAR), '--office', OFFICE, '--format', 'pdf', '--paper', 'f4', '--out', out],
        { DATABASE_URL: t.db.url, RENJA_LEDGER_KEY_FILE: keyFile },
      );
      expect(printed.code).toBe(0);
      const pages = (await pdfText(readFileSync(out))).pages;
      for (const page of pages) expect([page.width, page.height]).toEqual([935.43, 609.45]);
      const last = pages.at(-1)!.text.replace(/\s+/g, ' ');
      expect(last).toMatch(/Sungailiat, \d{1,2} \w+ \d{4} Plt\. Kepala Dinas Koperasi/);
      expect(last).toContain('NIP 19800101 200501 2 002');
      expect(last).toContain(`Posisi buku besar: ${grouped(size)} peristiwa`);
      expect(last).toContain(`checkpoint bertanda tangan terakhir: renja-ledger.test/e2e, ukuran ${grouped(size)}, akar`);
      expect(last).toContain(`Halaman ${pages.length} dari ${pages.length}`);
    });

    it('writes the CSV for Indonesian spreadsheets with --csv id', async () => {
      const result = await cli('report', 'reconciliation', '--year', String(YEAR), '--office', OFFICE, '--format', 'csv', '--csv', 'id');
      expect(result.code).toBe(0);
      const [header, office] = [result.stdout.split('\r\n')[0], result.stdout.split('\r\n').find((l) => l.startsWith('Perangkat Daerah;'))];
      expect(header.startsWith('\uFEFF')).toBe(true);
      expect(header).toContain(';');
      expect(office).toContain(';7798581241,00;');
    });
  });
});
