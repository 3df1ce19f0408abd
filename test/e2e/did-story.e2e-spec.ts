import { OFFICE, PMK_DID, PROGRAMS, recordDidStory, YEAR } from '../support/did-story';
import { startTestApp, type TestApp } from '../support/test-app';

describe('The 2022 DID story, replayed through the HTTP API', () => {
  let t: TestApp;
  const base = `/api/v1/years/${YEAR}/offices/${OFFICE}`;

  beforeAll(async () => {
    t = await startTestApp();
    await recordDidStory(t);
  });
  afterAll(() => t.close());

  it('shows the two UMKM programs at 38.15 % and 39.77 % absorption against their current pagu', async () => {
    const { body: plan } = await t.http().get(`${base}/plan`).expect(200);
    const program = (code: string) => plan.lines.find((l: { code: string }) => l.code === code);
    expect(program('2.17.07').totals).toEqual({
      currentPagu: '1653027794.00',
      originalPagu: '653027794.00',
      realised: '630592410.00',
      absorption: { current: '38.15', original: '96.56' },
    });
    expect(program('2.17.08').totals).toEqual({
      currentPagu: '6145553447.00',
      originalPagu: '518553447.00',
      realised: '2444304781.00',
      absorption: { current: '39.77', original: '471.37' },
    });
    expect(plan.totals.currentPagu).toBe('7798581241.00');
    expect(plan.totals.realised).toBe('3074897191.00');
  });

  it('keeps pagu per phase and funding source on the sub kegiatan', async () => {
    const { body: line } = await t.http().get(`${base}/lines/2.17.07.1.01.0001`).expect(200);
    expect(line.pagu).toEqual({
      APBD: { DAU: '653027794.00', total: '653027794.00' },
      APBD_P: { DAU: '653027794.00', DID: '1000000000.00', total: '1653027794.00' },
    });
    expect(line.currentPhase).toBe('APBD_P');
    expect(line.realisedByQuarter).toEqual(PROGRAMS[0].quarters);
  });

  it('answers "what was the pagu on 31 October 2022?" without the DID that came in November', async () => {
    const { body: line } = await t.http().get(`${base}/lines/2.17.08.1.01.0001?validAt=2022-10-31`).expect(200);
    expect(line.currentPagu).toBe('518553447.00');
    expect(line.realised).toBe('350000000.00');
    expect(line.absorption.current).toBe('67.50');
  });

  it('lists every change in the history with actor, legal basis, effective date and recorded time', async () => {
    const { body: history } = await t.http().get(`${base}/lines/2.17.08.1.01.0001/history`).expect(200);
    expect(history.map((h: { type: string }) => h.type)).toEqual([
      'plan-line.registered',
      'pagu.changed',
      'realisation.recorded',
      'realisation.recorded',
      'realisation.recorded',
      'pagu.changed',
      'realisation.recorded',
    ]);
    const did = history[5];
    expect(did).toMatchObject({
      actor: 'Inspektur Test',
      effectiveDate: '2022-11-08',
      reason: 'Tambahan Dana Insentif Daerah (DID) tahun 2022',
      legalBasis: PMK_DID,
    });
    expect(did.changes).toEqual(
      expect.arrayContaining([
        { figure: 'pagu.APBD_P.DID', from: null, to: '5627000000.00' },
        { figure: 'pagu.current', from: '518553447.00', to: '6145553447.00' },
      ]),
    );
    expect(did.recordedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/);
    const positions = history.map((h: { position: number }) => h.position);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });
});
