import Decimal from 'decimal.js';
import { OFFICE, PMK_DID, recordDidStory, YEAR } from '../support/did-story';
import { getBinary, openWorkbook, parseCsv, sheetRow } from '../support/report-fixtures';
import { startTestApp, type TestApp } from '../support/test-app';

/* eslint-disable @typescript-eslint/no-explicit-any -- JSON bodies are compared field by field */

const PHASES = ['RKPD', 'RENJA', 'KUA_PPAS', 'APBD', 'PERGESERAN', 'APBD_P'];
const DID_LINE = '2.17.08.1.01.0001';

/** What a CSV row of the plan must say for a line (or the office total) of the JSON. */
const expectedRow = (
  code: string,
  level: string,
  name: string,
  pagu: Record<string, { total: string }> | null,
  currentPhase: string | null,
  t: any,
) => ({
  code,
  level,
  name,
  ...Object.fromEntries(PHASES.map((p) => [`pagu_${p}`, pagu?.[p]?.total ?? ''])),
  current_phase: currentPhase ?? '',
  current_pagu: t.currentPagu,
  original_pagu: t.originalPagu,
  realised: t.realised,
  absorption_current: t.absorption.current ?? '',
  absorption_original: t.absorption.original ?? '',
});

/** The plan and the change log as files (format=csv|xlsx): the same figures and entries as their JSON. */
describe('workbench files: the plan and the change log as CSV and XLSX', () => {
  let t: TestApp;
  const base = `/api/v1/years/${YEAR}/offices/${OFFICE}`;

  beforeAll(async () => {
    t = await startTestApp();
    await recordDidStory(t);
  });
  afterAll(() => t.close());

  describe('GET …/plan?format=', () => {
    it('writes one CSV row per line plus the office total, equal to the JSON, for every point of view', async () => {
      const entries = (await t.http().get(`${base}/changes`).expect(200)).body.entries;
      const didAdded = entries.find((e: any) => e.code === DID_LINE && e.legalBasis?.number === PMK_DID.number);
      // Just before the DID addition was recorded: the ledger did not know it yet.
      const beforeDid = new Date(Date.parse(didAdded.recordedAt) - 1).toISOString();
      for (const asOf of ['', 'validAt=2022-10-31', `knownAt=${beforeDid}`, 'validAt=2022-06-30&knownAt=2999-01-01']) {
        const json = (await t.http().get(`${base}/plan?${asOf}`).expect(200)).body;
        const res = await t.http().get(`${base}/plan?${asOf}&format=csv`).expect(200);
        expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
        expect(res.headers['content-disposition']).toBe(`attachment; filename="plan-${OFFICE}-${YEAR}.csv"`);
        expect(parseCsv(res.text)).toEqual([
          ...json.lines.map((l: any) => expectedRow(l.code, l.level, l.name, l.pagu, l.currentPhase, l.totals)),
          expectedRow(OFFICE, 'office', json.office.name, null, null, json.totals),
        ]);
      }
    });

    it('honours validAt: the DID line is 518553447.00 on 31 October 2022 and 6145553447.00 now', async () => {
      const row = async (query: string) =>
        parseCsv((await t.http().get(`${base}/plan?format=csv${query}`).expect(200)).text).find((r) => r.code === DID_LINE)!;
      expect(await row('&validAt=2022-10-31')).toMatchObject({ pagu_APBD: '518553447.00', pagu_APBD_P: '', current_pagu: '518553447.00' });
      expect(await row('')).toMatchObject({ pagu_APBD: '518553447.00', pagu_APBD_P: '6145553447.00', current_pagu: '6145553447.00' });
    });

    it('writes the XLSX with Indonesian headings, exact Rupiah numbers, the office total in bold, for validAt', async () => {
      const json = (await t.http().get(`${base}/plan?validAt=2022-10-31`).expect(200)).body;
      const file = await getBinary(t, `${base}/plan?validAt=2022-10-31&format=xlsx`);
      expect([file.status, file.type, file.disposition]).toEqual([
        200,
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        `attachment; filename="plan-${OFFICE}-${YEAR}.xlsx"`,
      ]);
      const sheet = (await openWorkbook(file.body)).getWorksheet('Rencana')!;
      const headerRow = (sheet.views[0] as { ySplit: number }).ySplit;
      expect(headerRow).toBe(9); // title, 3 lines of point of view, 2 of provenance, a blank row, group headings, headings
      expect(String(sheet.getCell(4, 1).value)).toContain('berlaku s.d. 31-10-2022');
      const line = sheetRow(sheet, headerRow, DID_LINE);
      expect([line.APBD.value, line['APBD-P'].value, line['Pagu Kini'].value, line['Pagu Kini'].numFmt]).toEqual([
        518553447,
        '—',
        518553447,
        '"Rp "#,##0.00',
      ]);
      const total = sheetRow(sheet, headerRow, OFFICE);
      // A spreadsheet cell holds a number; it is compared with the API's decimal string as a decimal string.
      const amount = (value: unknown) => new Decimal(String(value)).toFixed(2);
      expect([
        amount(total['Pagu Kini'].value),
        amount(total.Realisasi.value),
        amount(total['Pagu APBD'].value),
        total['Pagu Kini'].font?.bold,
      ]).toEqual([json.totals.currentPagu, json.totals.realised, json.totals.originalPagu, true]);
      expect(total['Serapan thd Pagu Kini (%)'].value).toBe(
        json.totals.absorption.current === null ? '—' : Number(json.totals.absorption.current),
      );
      expect(sheet.rowCount).toBe(headerRow + json.lines.length + 1);
    });

    it('negotiates CSV from the Accept header, and JSON stays the default', async () => {
      const csv = await t.http().get(`${base}/plan`).set('Accept', 'text/csv').expect(200);
      expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
      const json = await t.http().get(`${base}/plan`).set('Accept', 'application/msword, application/json').expect(200);
      expect(json.body.totals.currentPagu).toBe('7798581241.00');
    });
  });

  describe('GET …/changes?format=', () => {
    it('writes as many CSV rows as the JSON has entries, for the same filter and page', async () => {
      const all = (await t.http().get(`${base}/changes`).expect(200)).body;
      const first = (await t.http().get(`${base}/changes?limit=5`).expect(200)).body;
      for (const query of [
        '',
        'kind=pagu.changed',
        `code=${DID_LINE}`,
        'order=desc&limit=3',
        `limit=5&after=${first.nextAfter}`,
        'actor=Nobody',
        'to=2022-12-31',
      ]) {
        const json = (await t.http().get(`${base}/changes?${query}`).expect(200)).body;
        const res = await t.http().get(`${base}/changes?${query}&format=csv`).expect(200);
        expect(res.headers['content-disposition']).toBe(`attachment; filename="changes-${OFFICE}-${YEAR}.csv"`);
        const rows = parseCsv(res.text);
        expect(rows).toHaveLength(json.entries.length);
        expect(rows.map((r) => Number(r.position))).toEqual(json.entries.map((e: any) => e.position));
      }
      expect(all.entries.length).toBeGreaterThan(5);
    });

    it('writes an entry’s figure, from, to, legal basis and line in its columns', async () => {
      const json = (await t.http().get(`${base}/changes?code=${DID_LINE}&kind=pagu.changed`).expect(200)).body;
      const entry = json.entries.find((e: any) => e.legalBasis?.number === PMK_DID.number);
      const rows = parseCsv((await t.http().get(`${base}/changes?code=${DID_LINE}&kind=pagu.changed&format=csv`).expect(200)).text);
      const row = rows.find((r) => Number(r.position) === entry.position)!;
      expect(row).toMatchObject({
        recorded_at: entry.recordedAt,
        effective_date: '2022-11-08',
        actor: entry.actor,
        kind: 'pagu.changed',
        code: DID_LINE,
        line_name: entry.lineName,
        figure: entry.changes.map((c: any) => c.figure).join(' | '),
        to: entry.changes.map((c: any) => c.to ?? '').join(' | '),
        legal_basis_kind: 'PMK',
        legal_basis_number: PMK_DID.number,
        legal_basis_date: PMK_DID.date,
        corrected_by_event_id: '',
        event_id: entry.eventId,
      });
      expect(row.to).toContain('6145553447.00');
    });

    it('writes the change log XLSX: a row per entry, and a row per figure with every amount a Rupiah number', async () => {
      const json = (await t.http().get(`${base}/changes`).expect(200)).body;
      const file = await getBinary(t, `${base}/changes?format=xlsx`);
      expect([file.status, file.disposition]).toEqual([200, `attachment; filename="changes-${OFFICE}-${YEAR}.xlsx"`]);
      const workbook = await openWorkbook(file.body);
      const sheet = workbook.getWorksheet('Log Perubahan')!;
      const headerRow = (sheet.views[0] as { ySplit: number }).ySplit;
      expect(sheet.rowCount).toBe(headerRow + json.entries.length);
      const did = json.entries.find((e: any) => e.code === DID_LINE && e.legalBasis?.number === PMK_DID.number);
      const entry = sheetRow(sheet, headerRow, String(did.position));
      expect([entry.Kode.value, entry['Dasar Hukum'].value, entry['Tanggal Berlaku'].value]).toEqual([
        DID_LINE,
        'PMK 170/PMK.07/2022 tanggal 8 November 2022',
        '08-11-2022',
      ]);
      expect(String(entry.Menjadi.value)).toContain('Rp 6.145.553.447,00');

      const figures = workbook.getWorksheet('Rincian Besaran')!;
      const figuresHeader = (figures.views[0] as { ySplit: number }).ySplit;
      expect(figures.rowCount).toBe(figuresHeader + json.entries.reduce((n: number, e: any) => n + e.changes.length, 0));
      const rowsOf = [...Array(figures.rowCount - figuresHeader).keys()]
        .map((i) => figures.getRow(figuresHeader + 1 + i))
        .filter((r) => r.getCell(1).value === did.position);
      const current = rowsOf.find((r) => r.getCell(5).value === 'Pagu kini')!;
      expect([current.getCell(6).value, current.getCell(7).value, current.getCell(7).numFmt]).toEqual([
        518553447,
        6145553447,
        '"Rp "#,##0.00',
      ]);
    });
  });

  describe('bad formats', () => {
    it.each(['plan?format=odt', 'plan?format=docx', 'changes?format=xls', 'changes?format=html&kind=pagu.changed'])(
      'GET %s → 400 naming format',
      async (query) => {
        const res = await t.http().get(`${base}/${query}`).expect(400);
        expect(res.body).toMatchObject({ field: 'format', rule: 'REPORT_FORMAT' });
      },
    );

    it('documents format in OpenAPI', async () => {
      const { body } = await t.http().get('/api/docs-json').expect(200);
      for (const path of ['plan', 'changes']) {
        const get = body.paths[`/api/v1/years/{year}/offices/{office}/${path}`].get;
        expect(get.parameters.find((p: { name: string }) => p.name === 'format').schema.enum).toEqual(['json', 'csv', 'xlsx', 'pdf']);
        expect(get.parameters.find((p: { name: string }) => p.name === 'paper').schema.enum).toEqual(['a4', 'f4']);
        expect(get.parameters.find((p: { name: string }) => p.name === 'csv').schema.enum).toEqual(['machine', 'id']);
      }
    });
  });
});
