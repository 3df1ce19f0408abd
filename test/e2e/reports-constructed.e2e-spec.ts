import { post } from '../support/did-story';
import { getBinary, openWorkbook, parseCsv } from '../support/report-fixtures';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * Constructed cases, fiscal year 2023: a pergeseran between two lines, a corrected APBD amount, a realisation
 * recorded after the fact, a line that exists only in APBD-P, indicators where higher and lower is better.
 */
describe('Audit reports on constructed cases', () => {
  let t: TestApp;
  const office = 'DKUKM';
  const base = `/api/v1/years/2023/offices/${office}`;
  const reports = `${base}/reports`;
  const [A, B, C] = ['2.17.07.1.01.0001', '2.17.07.1.01.0002', '2.17.07.1.01.0003'];
  const perda = { kind: 'Perda', number: '8 Tahun 2022', date: '2022-12-29' };
  const perkada = { kind: 'Perkada', number: '31 Tahun 2023', date: '2023-06-20' };
  const perdaP = { kind: 'Perda', number: '4 Tahun 2023', date: '2023-10-15' };
  const recorded: Record<string, string> = {};
  let originalApbd: string;
  let correction: string;

  const recordedAt = async (code: string, eventId: string): Promise<string> => {
    const { body } = await t.http().get(`${base}/lines/${code}/history`).expect(200);
    return body.find((h: { eventId: string }) => h.eventId === eventId).recordedAt;
  };
  const get = async (path: string) => (await t.http().get(path).expect(200)).body;

  beforeAll(async () => {
    t = await startTestApp();
    await post(t, '/api/v1/offices', { code: office, name: 'Dinas Koperasi, Usaha Kecil dan Menengah' });
    for (const code of ['2.17.07', '2.17.07.1.01', A, B, C]) await post(t, `${base}/lines`, { code, name: `Baris ${code}` });
    const apbd = (code: string, amount: string) =>
      post(t, `${base}/lines/${code}/pagu`, {
        phase: 'APBD',
        fundingSource: 'DAU',
        amount,
        reason: 'APBD murni 2023',
        legalBasis: perda,
        effectiveDate: '2023-01-02',
      });
    originalApbd = (await apbd(A, '1000000.00')).body.eventIds[0];
    await apbd(B, '500000.00');
    recorded.beforeCorrection = await recordedAt(A, originalApbd);
    correction = (
      await post(t, `/api/v1/events/${originalApbd}/corrections`, { reason: 'Salah ketik pagu', legalBasis: perda, amount: '1100000.00' })
    ).body.eventIds[0];
    await post(t, `${base}/shifts`, {
      fromCode: A,
      toCode: B,
      amount: '200000.00',
      fundingSource: 'DAU',
      reason: 'Pergeseran antar sub kegiatan',
      legalBasis: perkada,
      effectiveDate: '2023-06-20',
    });
    await post(t, `${base}/lines/${C}/pagu`, {
      phase: 'APBD_P',
      fundingSource: 'DAK',
      amount: '300000.00',
      reason: 'Sub kegiatan baru di APBD-P',
      legalBasis: perdaP,
      effectiveDate: '2023-10-15',
    });

    await post(t, `${base}/lines/${A}/indicators`, { name: 'Persentase UMKM binaan gagal bayar', unit: '%', direction: 'lower_is_better' });
    await post(t, `${base}/lines/${A}/targets`, {
      indicator: 'IK-1',
      value: '5',
      reason: 'Target Renja 2023',
      effectiveDate: '2023-01-02',
    });
    await post(t, `${base}/lines/${B}/indicators`, { name: 'Jumlah UMKM dibina', unit: 'UMKM', direction: 'higher_is_better' });
    await post(t, `${base}/lines/${B}/targets`, {
      indicator: 'IK-1',
      value: '200',
      reason: 'Target Renja 2023',
      effectiveDate: '2023-01-02',
    });
    await post(t, `${base}/lines/${C}/indicators`, { name: 'Jumlah koperasi baru', unit: 'Koperasi', direction: 'higher_is_better' });
    await post(t, `${base}/lines/${A}/realisations`, {
      period: '2023-Q1',
      amount: '100000.00',
      outputs: [{ indicator: 'IK-1', value: '2' }],
    });
    await post(t, `${base}/lines/${A}/realisations`, {
      period: '2023-Q2',
      amount: '150000.00',
      outputs: [{ indicator: 'IK-1', value: '2' }],
    });
    const april = await post(t, `${base}/lines/${B}/realisations`, {
      period: '2023-04',
      amount: '100000.00',
      outputs: [{ indicator: 'IK-1', value: '40' }],
    });
    recorded.beforeLateMarch = await recordedAt(B, april.body.eventIds[0]);
    // March arrives after April was recorded: a late entry, effective in the past.
    await post(t, `${base}/lines/${B}/realisations`, {
      period: '2023-03',
      amount: '50000.00',
      outputs: [{ indicator: 'IK-1', value: '30' }],
    });
  });
  afterAll(() => t.close());

  it('shows a corrected APBD amount as replaced, next to the correction, and still ties out', async () => {
    const { lines, tieOut } = await get(`${reports}/pagu-trail?code=${A}`);
    expect(lines[0].steps.map((s: Record<string, string>) => [s.kind, s.phase, s.delta, s.amountAfter, s.status, s.eventId])).toEqual([
      ['pagu_set', 'APBD', '0.00', '0.00', 'replaced', originalApbd],
      ['pagu_set', 'APBD', '1100000.00', '1100000.00', 'in_force', correction],
      ['phase_start', 'PERGESERAN', '0.00', '1100000.00', 'in_force', null],
      ['shift_out', 'PERGESERAN', '-200000.00', '900000.00', 'in_force', expect.any(String)],
    ]);
    expect(lines[0].steps[0].correctedBy).toMatchObject({ eventId: correction, kind: 'replacement' });
    expect(lines[0].steps[1]).toMatchObject({
      eventType: 'event.corrected',
      corrects: { eventId: originalApbd, kind: 'replacement' },
      reason: 'Salah ketik pagu',
    });
    expect(lines[0].steps[3]).toMatchObject({ counterpartCode: B, legalBasis: perkada });
    expect(tieOut).toMatchObject({ expected: '900000.00', actual: '900000.00', status: 'OK' });
  });

  it('shows the original amount as the ledger knew it before the correction', async () => {
    const { lines } = await get(`${reports}/pagu-trail?code=${A}&knownAt=${recorded.beforeCorrection}`);
    expect(lines[0].steps.map((s: Record<string, string>) => [s.delta, s.status])).toEqual([['1000000.00', 'in_force']]);
    expect(lines[0].tieOut).toMatchObject({ expected: '1000000.00', actual: '1000000.00', status: 'OK' });
  });

  it('reconciles a pergeseran between two lines to an office delta of zero', async () => {
    const body = await get(`${reports}/reconciliation?to=PERGESERAN`);
    const rows = body.lines.map((l: Record<string, unknown>) => [l.code, l.presence, l.fromAmount, l.toAmount, l.delta, l.deltaPercent]);
    expect(rows).toEqual([
      [A, 'both', '1100000.00', '900000.00', '-200000.00', '-18.18'],
      [B, 'both', '500000.00', '700000.00', '200000.00', '40.00'],
    ]);
    expect(body.lines[0].events).toEqual([
      expect.objectContaining({ kind: 'shift_out', phase: 'PERGESERAN', delta: '-200000.00', legalBasis: perkada }),
    ]);
    expect(body.lines[1].events).toEqual([expect.objectContaining({ kind: 'shift_in', delta: '200000.00' })]);
    expect(body.officeTotal).toMatchObject({ fromAmount: '1600000.00', toAmount: '1600000.00', delta: '0.00', deltaBySource: {} });
    expect(body.tieOut.deltas).toMatchObject({ expected: '0.00', actual: '0.00', status: 'OK' });
    expect(body.tieOut.explained.status).toBe('OK');
  });

  it('lists a line that exists only in APBD-P, and carries untouched lines into APBD-P', async () => {
    const body = await get(`${reports}/reconciliation`);
    expect(body.toPhase).toBe('APBD_P');
    const only = body.lines.find((l: { code: string }) => l.code === C);
    expect(only).toMatchObject({
      presence: 'only_to',
      fromAmount: null,
      toAmount: '300000.00',
      delta: '300000.00',
      deltaPercent: null,
      deltaBySource: { DAK: '300000.00' },
      explained: true,
    });
    expect(only.events).toEqual([expect.objectContaining({ kind: 'pagu_set', phase: 'APBD_P', delta: '300000.00', legalBasis: perdaP })]);
    expect(body.lines.find((l: { code: string }) => l.code === B)).toMatchObject({
      toAmount: '700000.00',
      toCarriedFrom: 'PERGESERAN',
      delta: '200000.00',
    });
    expect(body.officeTotal).toMatchObject({
      fromAmount: '1600000.00',
      toAmount: '1900000.00',
      delta: '300000.00',
      deltaBySource: { DAK: '300000.00' },
    });
    expect(body.tieOut.deltas.status).toBe('OK');
  });

  it('gives different answers for a late entry by effective date and by recorded time', async () => {
    const line = (body: { lines: Array<{ code: string }> }) => body.lines.find((l) => l.code === B) as unknown as Record<string, unknown>;
    const now = line(await get(`${reports}/absorption`));
    expect([now.realised, (now.byMonth as string[]).slice(2, 4)]).toEqual(['150000.00', ['50000.00', '100000.00']]);
    const endOfMarch = line(await get(`${reports}/absorption?validAt=2023-03-31`));
    expect([endOfMarch.realised, (endOfMarch.byMonth as string[]).slice(2, 4)]).toEqual(['50000.00', ['50000.00', null]]);
    const knownBeforeMarch = line(await get(`${reports}/absorption?knownAt=${recorded.beforeLateMarch}`));
    expect([knownBeforeMarch.realised, (knownBeforeMarch.byMonth as string[]).slice(2, 4)]).toEqual(['100000.00', [null, '100000.00']]);
    const both = line(await get(`${reports}/absorption?validAt=2023-03-31&knownAt=${recorded.beforeLateMarch}`));
    expect([both.realised, both.byQuarter]).toEqual(['0.00', [null, null, null, null]]);
  });

  it('flags the APBD-P line added in Q4 with its absorption', async () => {
    const body = await get(`${reports}/absorption`);
    expect(body.lateAdditions).toEqual([
      expect.objectContaining({
        code: C,
        kind: 'pagu_set',
        phase: 'APBD_P',
        amount: '300000.00',
        lineAbsorption: { current: '0.00', original: null },
      }),
    ]);
    expect(body.officeTotal).toMatchObject({
      currentPagu: '1900000.00',
      realised: '400000.00',
      absorption: { current: '21.05', original: '25.00' },
      lateAdditions: '300000.00',
      absorptionWithoutLateAdditions: '25.00',
    });
  });

  it('evaluates a lower-is-better indicator inverted, keeps missing data missing, and rates the program', async () => {
    const body = await get(`${reports}/evaluation`);
    const row = (code: string) => body.rows.find((r: { code: string }) => r.code === code);
    expect(row(A)).toMatchObject({
      indicator: { id: 'IK-1', direction: 'lower_is_better', unit: '%' },
      target: { k: '5', rp: '900000.00' },
      realisation: [
        { k: '2', rp: '100000.00' },
        { k: '2', rp: '150000.00' },
        { k: null, rp: null },
        { k: null, rp: null },
      ],
      realisationTotal: { k: '4', rp: '250000.00' },
      capaian: { k: '125.00', rp: '27.78' },
      renstraTarget: { k: null, rp: null },
      renstraCapaian: { k: null, rp: null },
    });
    expect(row(B)).toMatchObject({
      target: { k: '200', rp: '700000.00' },
      realisationTotal: { k: '70', rp: '150000.00' },
      capaian: { k: '35.00', rp: '21.43' },
    });
    expect(row(C)).toMatchObject({
      target: { k: null, rp: '300000.00' },
      realisation: [
        { k: null, rp: null },
        { k: null, rp: null },
        { k: null, rp: null },
        { k: null, rp: null },
      ],
      realisationTotal: { k: null, rp: null },
      capaian: { k: null, rp: null },
    });
    expect(body.programs).toEqual([
      {
        code: '2.17.07',
        name: 'Baris 2.17.07',
        averageCapaianK: '80.00',
        indicatorsCounted: 2,
        capaianRp: '21.05',
        predikatK: 'T',
        predikatRp: 'SR',
      },
    ]);
  });

  it('as known before the late March entry, the higher-is-better capaian drops and Q1 kinerja is missing', async () => {
    const body = await get(`${reports}/evaluation?knownAt=${recorded.beforeLateMarch}`);
    const b = body.rows.find((r: { code: string }) => r.code === B);
    expect([b.realisation[0], b.realisationTotal, b.capaian.k]).toEqual([{ k: null, rp: null }, { k: '40', rp: '100000.00' }, '20.00']);
  });

  it('keeps missing data missing in files: empty in CSV, a dash in XLSX', async () => {
    const csv = parseCsv((await t.http().get(`${reports}/evaluation?format=csv`).expect(200)).text);
    expect(csv.find((r) => r.code === A)).toMatchObject({
      direction: 'lower_is_better',
      target_k: '5',
      capaian_k: '125.00',
      tw3_k: '',
      tw3_rp: '',
      renstra_target_k: '',
      renstra_target_rp: '',
      renstra_capaian_k: '',
    });
    const workbook = await openWorkbook((await getBinary(t, `${reports}/evaluation?format=xlsx`)).body);
    const sheet = workbook.getWorksheet('Evaluasi Renja')!;
    // Frozen: the group row, the heading row and the column numbers (1)…(16) under them.
    const numbersRow = (sheet.views[0] as { ySplit: number }).ySplit;
    expect(sheet.getRow(numbersRow).getCell(1).value).toBe('(1)');
    const groups = (sheet.getRow(numbersRow - 2).values as unknown[]).map(String);
    // Column 1 is Tabel 2.1's No; the code is column 2.
    const row = [...Array(sheet.rowCount).keys()].map((i) => sheet.getRow(i + 1)).find((r) => r.getCell(2).value === A)!;
    const column = (group: string, offset: number) => groups.indexOf(group) + offset;
    expect(row.getCell(column('Target Renstra akhir periode', 0)).value).toBe('—');
    expect(row.getCell(column('Capaian Renja 2023 (%) (12÷7)', 0)).value).toBe(125);
    expect(row.getCell(column('Realisasi TW III', 1)).value).toBe('—');
  });

  it('gives the same reports from the stored line views as from folding the line states (validAt after every date)', async () => {
    for (const report of ['pagu-trail', 'reconciliation', 'reconciliation?from=APBD&to=PERGESERAN', 'absorption', 'evaluation']) {
      const path = `${reports}/${report}`;
      const { asOf: storedAsOf, ...stored } = await get(path);
      const { asOf: foldedAsOf, ...folded } = await get(`${path}${report.includes('?') ? '&' : '?'}validAt=9999-12-31`);
      expect([storedAsOf, foldedAsOf]).toEqual([{}, { validAt: '9999-12-31' }]);
      expect({ path, ...stored }).toEqual({ path, ...folded });
    }
    const { asOf: planAsOf, ...plan } = await get(`${base}/plan`);
    const { asOf: foldedPlanAsOf, ...foldedPlan } = await get(`${base}/plan?validAt=9999-12-31`);
    expect([planAsOf, foldedPlanAsOf]).toEqual([{}, { validAt: '9999-12-31' }]);
    expect(plan).toEqual(foldedPlan);
    for (const code of [A, B, C]) expect(await get(`${base}/lines/${code}`)).toEqual(await get(`${base}/lines/${code}?validAt=9999-12-31`));
  });
});
