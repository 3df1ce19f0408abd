import { OFFICE, PERDA_APBD, PMK_DID, recordDidStory, YEAR } from '../support/did-story';
import { getBinary, openWorkbook, parseCsv, pdfPageCount, sheetRow } from '../support/report-fixtures';
import { startTestApp, type TestApp } from '../support/test-app';

describe('Audit reports on the 2022 DID story', () => {
  let t: TestApp;
  const reports = `/api/v1/years/${YEAR}/offices/${OFFICE}/reports`;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON bodies are checked field by field below
  const byCode = (rows: Array<Record<string, any>>, code: string) => rows.find((r) => r.code === code)!;

  beforeAll(async () => {
    t = await startTestApp();
    await recordDidStory(t);
  });
  afterAll(() => t.close());

  describe('pagu trail', () => {
    it('explains 6145553447.00 from the APBD 518553447.00 and the DID +5627000000.00 under PMK 170/PMK.07/2022, tied out', async () => {
      const { body } = await t.http().get(`${reports}/pagu-trail?code=2.17.08.1.01.0001`).expect(200);
      const [trail] = body.lines;
      expect(
        trail.steps.map((s: Record<string, string>) => [s.kind, s.phase, s.fundingSource, s.amountBefore, s.delta, s.amountAfter]),
      ).toEqual([
        ['pagu_set', 'APBD', 'DAU', '0.00', '518553447.00', '518553447.00'],
        ['phase_start', 'APBD_P', null, '518553447.00', '0.00', '518553447.00'],
        ['pagu_add', 'APBD_P', 'DID', '518553447.00', '5627000000.00', '6145553447.00'],
      ]);
      expect(trail.steps[0]).toMatchObject({
        legalBasis: PERDA_APBD,
        reason: 'APBD murni 2022',
        actor: 'Inspektur Test',
        effectiveDate: '2022-01-03',
        status: 'in_force',
      });
      expect(trail.steps[2]).toMatchObject({
        legalBasis: PMK_DID,
        effectiveDate: '2022-11-08',
        eventType: 'pagu.changed',
        corrects: null,
        correctedBy: null,
      });
      expect(trail.steps[2].recordedAt).toMatch(/^2\d{3}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/);
      expect(trail.tieOut).toEqual({ description: expect.any(String), expected: '6145553447.00', actual: '6145553447.00', status: 'OK' });
      expect(body.tieOut).toMatchObject({ expected: '6145553447.00', actual: '6145553447.00', status: 'OK' });
    });

    it('answers per line under lines/{code}/reports/pagu-trail, and for a program with everything under it', async () => {
      const { body: line } = await t
        .http()
        .get(`/api/v1/years/${YEAR}/offices/${OFFICE}/lines/2.17.08.1.01.01/reports/pagu-trail`)
        .expect(200);
      expect(line.scope).toEqual({
        code: '2.17.08.1.01.0001',
        level: 'sub_kegiatan',
        name: expect.stringContaining('Peningkatan Produktivitas'),
      });
      const { body: program } = await t.http().get(`${reports}/pagu-trail?code=2.17.07`).expect(200);
      expect(program.lines.map((l: { code: string }) => l.code)).toEqual(['2.17.07', '2.17.07.1.01', '2.17.07.1.01.0001']);
      expect(program.tieOut).toMatchObject({ expected: '1653027794.00', actual: '1653027794.00', status: 'OK' });
      const { body: office } = await t.http().get(`${reports}/pagu-trail`).expect(200);
      expect(office.tieOut).toMatchObject({ expected: '7798581241.00', actual: '7798581241.00', status: 'OK' });
    });

    it('shows the pagu of 31 October 2022 without the DID', async () => {
      const { body } = await t.http().get(`${reports}/pagu-trail?code=2.17.08.1.01.0001&validAt=2022-10-31`).expect(200);
      expect(body.lines[0].steps).toHaveLength(1);
      expect(body.tieOut).toMatchObject({ expected: '518553447.00', actual: '518553447.00', status: 'OK' });
    });
  });

  describe('reconciliation APBD against APBD-P', () => {
    it('gives each sub kegiatan its DID delta, the office +6627000000.00, explained by the PMK and tied out', async () => {
      const { body } = await t.http().get(`${reports}/reconciliation`).expect(200);
      expect([body.fromPhase, body.toPhase]).toEqual(['APBD', 'APBD_P']);
      expect(
        body.lines.map((l: Record<string, unknown>) => [
          l.code,
          l.presence,
          l.fromAmount,
          l.toAmount,
          l.delta,
          l.deltaPercent,
          l.deltaBySource,
          l.explained,
        ]),
      ).toEqual([
        ['2.17.07.1.01.0001', 'both', '653027794.00', '1653027794.00', '1000000000.00', '153.13', { DID: '1000000000.00' }, true],
        ['2.17.08.1.01.0001', 'both', '518553447.00', '6145553447.00', '5627000000.00', '1085.13', { DID: '5627000000.00' }, true],
      ]);
      expect(body.lines[1].events).toEqual([
        expect.objectContaining({
          phase: 'APBD_P',
          fundingSource: 'DID',
          delta: '5627000000.00',
          legalBasis: PMK_DID,
          effectiveDate: '2022-11-08',
          eventType: 'pagu.changed',
        }),
      ]);
      expect(byCode(body.programs, '2.17.07')).toMatchObject({
        fromAmount: '653027794.00',
        toAmount: '1653027794.00',
        delta: '1000000000.00',
      });
      expect(byCode(body.kegiatan, '2.17.08.1.01')).toMatchObject({ delta: '5627000000.00' });
      expect(body.officeTotal).toMatchObject({
        fromAmount: '1171581241.00',
        toAmount: '7798581241.00',
        delta: '6627000000.00',
        deltaPercent: '565.65',
        deltaBySource: { DID: '6627000000.00' },
      });
      expect(body.tieOut.deltas).toMatchObject({ expected: '6627000000.00', actual: '6627000000.00', status: 'OK' });
      expect(body.tieOut.explained).toMatchObject({ expected: '6627000000.00', actual: '6627000000.00', status: 'OK' });
      expect(body.tieOut.unexplainedLines).toEqual([]);
    });

    it('falls back to the latest phase in effect when there is no APBD-P yet (31 October 2022)', async () => {
      const { body } = await t.http().get(`${reports}/reconciliation?validAt=2022-10-31`).expect(200);
      expect([body.fromPhase, body.toPhase]).toEqual(['APBD', 'APBD']);
      expect(body.officeTotal.delta).toBe('0.00');
    });
  });

  describe('absorption', () => {
    it('shows 38.15 % and 39.77 % against the current pagu, and the Q4 DID additions that explain it', async () => {
      const { body } = await t.http().get(`${reports}/absorption`).expect(200);
      expect(byCode(body.programs, '2.17.07')).toMatchObject({
        currentPagu: '1653027794.00',
        originalPagu: '653027794.00',
        realised: '630592410.00',
        byQuarter: ['95000000.00', '150000000.00', '210000000.00', '175592410.00'],
        cumulativeByQuarter: ['95000000.00', '245000000.00', '455000000.00', '630592410.00'],
        absorption: { current: '38.15', original: '96.56' },
        lateAdditions: '1000000000.00',
        absorptionWithoutLateAdditions: '96.56',
      });
      expect(byCode(body.programs, '2.17.08').absorption).toEqual({ current: '39.77', original: '471.37' });
      expect(byCode(body.programs, '2.17.08').absorptionByQuarter.current).toEqual(['1.30', '3.25', '5.70', '39.77']);
      expect(byCode(body.lines, '2.17.08.1.01.0001').byMonth).toEqual(Array(12).fill(null));
      expect(body.officeTotal).toMatchObject({
        currentPagu: '7798581241.00',
        realised: '3074897191.00',
        absorption: { current: '39.43', original: '262.46' },
        lateAdditions: '6627000000.00',
      });
      expect(
        body.lateAdditions.map((a: Record<string, unknown>) => [a.code, a.amount, a.fundingSource, a.effectiveDate, a.lineAbsorption]),
      ).toEqual([
        ['2.17.07.1.01.0001', '1000000000.00', 'DID', '2022-11-08', { current: '38.15', original: '96.56' }],
        ['2.17.08.1.01.0001', '5627000000.00', 'DID', '2022-11-08', { current: '39.77', original: '471.37' }],
      ]);
      expect(body.lateAdditions[0].legalBasis).toEqual(PMK_DID);
    });
  });

  describe('Renja evaluation', () => {
    it('fills Rp from pagu and realisation, leaves Renstra and kinerja missing, and rates the programs', async () => {
      const { body } = await t.http().get(`${reports}/evaluation`).expect(200);
      const program = byCode(body.rows, '2.17.08');
      expect(program).toMatchObject({
        indicator: null,
        renstraTarget: { k: null, rp: null },
        renstraRealisedToLastYear: { k: null, rp: null },
        target: { k: null, rp: '6145553447.00' },
        realisationTotal: { k: null, rp: '2444304781.00' },
        capaian: { k: null, rp: '39.77' },
        renstraCumulative: { k: null, rp: null },
        renstraCapaian: { k: null, rp: null },
      });
      expect(program.realisation.map((q: { rp: string }) => q.rp)).toEqual([
        '80000000.00',
        '120000000.00',
        '150000000.00',
        '2094304781.00',
      ]);
      expect(byCode(body.programs, '2.17.07')).toEqual({
        code: '2.17.07',
        name: expect.any(String),
        averageCapaianK: null,
        indicatorsCounted: 0,
        capaianRp: '38.15',
        predikatK: null,
        predikatRp: 'SR',
      });
      expect(body.missing.map((m: { column: string }) => m.column)).toContain('renstraTarget');
    });
  });

  describe('files', () => {
    it('writes the reconciliation as CSV with plain decimal strings and every level', async () => {
      const res = await t.http().get(`${reports}/reconciliation?format=csv`).expect(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toBe(`attachment; filename="reconciliation-${OFFICE}-${YEAR}-APBD-APBD_P.csv"`);
      const rows = parseCsv(res.text);
      expect(rows.find((r) => r.row_type === 'office')).toMatchObject({
        code: OFFICE,
        from_amount: '1171581241.00',
        to_amount: '7798581241.00',
        delta: '6627000000.00',
        delta_DID: '6627000000.00',
      });
      expect(rows.find((r) => r.code === '2.17.07.1.01.0001')).toMatchObject({
        row_type: 'line',
        delta: '1000000000.00',
        delta_percent: '153.13',
        explained: 'true',
      });
      expect(rows.filter((r) => r.row_type === 'program').map((r) => r.delta)).toEqual(['1000000000.00', '5627000000.00']);
    });

    it('negotiates CSV from the Accept header and writes the pagu trail steps', async () => {
      const res = await t.http().get(`${reports}/pagu-trail?code=2.17.08.1.01.0001`).set('Accept', 'text/csv').expect(200);
      const rows = parseCsv(res.text);
      expect(rows.map((r) => [r.phase, r.kind, r.delta, r.legal_basis_number])).toEqual([
        ['APBD', 'pagu_set', '518553447.00', '10 Tahun 2021'],
        ['APBD_P', 'phase_start', '0.00', ''],
        ['APBD_P', 'pagu_add', '5627000000.00', '170/PMK.07/2022'],
      ]);
    });

    it('writes the absorption workbook: a sheet per level, exact Rupiah numbers, Indonesian format, frozen headings, totals', async () => {
      const file = await getBinary(t, `${reports}/absorption?format=xlsx`);
      expect(file.status).toBe(200);
      expect(file.type).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      const workbook = await openWorkbook(file.body);
      expect(workbook.worksheets.map((s) => s.name)).toEqual(['Rincian', 'Kegiatan', 'Program', 'Perangkat Daerah', 'Tambahan TW IV']);
      const sheet = workbook.getWorksheet('Program')!;
      const headerRow = sheet.views[0].state === 'frozen' ? (sheet.views[0] as { ySplit: number }).ySplit : 0;
      expect(headerRow).toBe(10); // title, 4 lines of point of view, 2 of provenance, a blank row, group headings, headings
      const program = sheetRow(sheet, headerRow, '2.17.07');
      expect(program['Pagu Kini'].value).toBe(1653027794);
      expect(program['Pagu Kini'].numFmt).toBe('"Rp "#,##0.00');
      expect([program['TW IV'].value, program.Realisasi.value]).toEqual([175592410, 630592410]);
      expect(program['Serapan thd Pagu Kini (%)'].value).toBe(38.15);
      expect(program.Jan.value).toBe('—');
      const total = sheetRow(sheet, headerRow, OFFICE);
      expect([total['Pagu Kini'].value, total.Realisasi.value, total['Pagu Kini'].font?.bold]).toEqual([7798581241, 3074897191, true]);
      const lateSheet = workbook.getWorksheet('Tambahan TW IV')!;
      const late = sheetRow(lateSheet, (lateSheet.views[0] as { ySplit: number }).ySplit, '2.17.08.1.01.0001');
      expect([late.Tambahan.value, late['Serapan Baris (%)'].value, late['Dasar Hukum'].value]).toEqual([
        5627000000,
        39.77,
        'PMK 170/PMK.07/2022 tanggal 8 November 2022',
      ]);
    });

    it('prints every report as landscape A4 PDF (docs/reports.md, "Printing"; papers-print.e2e-spec.ts for the rest)', async () => {
      for (const report of ['reconciliation', 'evaluation', 'absorption']) {
        const pdf = await getBinary(t, `${reports}/${report}?format=pdf`);
        expect([pdf.status, pdf.type]).toEqual([200, 'application/pdf']);
        expect(pdf.body.subarray(0, 5).toString()).toBe('%PDF-');
        // The two programs of the story fit a page; the signature block may take a second one.
        expect(pdfPageCount(pdf.body)).toBeLessThanOrEqual(2);
        expect(pdf.body.toString('latin1').match(/\/MediaBox \[[^\]]*\]/g)).toEqual(
          Array(pdfPageCount(pdf.body)).fill('/MediaBox [0 0 841.89 595.28]'),
        );
      }
    });
  });

  describe('bad parameters', () => {
    it.each([
      ['reconciliation?format=docx', 'format'],
      ['absorption?validAt=2022-02-30', 'validAt'],
      ['evaluation?knownAt=yesterday', 'knownAt'],
      ['reconciliation?from=MURNI', 'from'],
      ['reconciliation?to=RKPD', 'to'],
      ['reconciliation?to=PRAKIRAAN_MAJU', 'to'],
      ['pagu-trail?code=2.17', 'code'],
    ])('GET %s → 400 naming %s', async (query, field) => {
      const res = await t.http().get(`${reports}/${query}`).expect(400);
      expect(res.body.field).toBe(field);
    });

    it('answers 404 for an unknown office or line, 400 for a bad year', async () => {
      expect((await t.http().get(`/api/v1/years/${YEAR}/offices/NOPE/reports/absorption`).expect(404)).body.rule).toBe(
        'OFFICE_NOT_REGISTERED',
      );
      expect((await t.http().get(`${reports}/pagu-trail?code=2.17.09`).expect(404)).body.field).toBe('code');
      expect((await t.http().get(`/api/v1/years/22/offices/${OFFICE}/reports/absorption`).expect(400)).body.field).toBe('year');
    });

    it('documents the reports in OpenAPI', async () => {
      const { body } = await t.http().get('/api/docs-json').expect(200);
      const path = body.paths['/api/v1/years/{year}/offices/{office}/reports/reconciliation'];
      expect(path.get.tags).toEqual(['reports']);
      expect(path.get.parameters.map((p: { name: string }) => p.name)).toEqual(
        expect.arrayContaining(['validAt', 'knownAt', 'format', 'from', 'to']),
      );
    });
  });
});
