import { join } from 'node:path';
import { runCli } from '../support/processes';
import { startTestApp, type TestApp } from '../support/test-app';

const FIXTURE = join(__dirname, '..', 'fixtures', 'import', 'did-story');
const LINE = '/api/v1/years/2022/offices/DKUKM/lines/2.17.07.1.01.0001';

interface HistoryEntry {
  eventId: string;
  type: string;
  position: number;
  actor: string;
  reason: string | null;
  legalBasis: { kind: string; number: string; date: string } | null;
  correctsEventId: string | null;
  changes: Array<{ figure: string; from: string | null; to: string | null }>;
}

/** renja-ledger correct: the API's correction from the command line, with the same roles and rules. */
describe('renja-ledger correct', () => {
  let t: TestApp;
  let finance: string;
  const cli = (token: string, ...args: string[]) => runCli(['correct', ...args], { DATABASE_URL: t.db.url, RENJA_TOKEN: token });
  const history = async () => (await t.http().get(`${LINE}/history`).expect(200)).body as HistoryEntry[];
  const apbd = async () => (await history()).find((e) => e.type === 'pagu.changed' && e.changes.some((c) => c.figure === 'pagu.APBD.DAU'))!;

  beforeAll(async () => {
    t = await startTestApp();
    finance = await t.tokenFor(['finance'], ['DKUKM'], 'Sari (BPKAD)');
    const all = await t.tokenFor(['admin', 'planner', 'finance'], '*', 'Budi (Bappeda)');
    const imported = await runCli(['import', FIXTURE], { DATABASE_URL: t.db.url, RENJA_TOKEN: all });
    expect(imported.code).toBe(0);
  });
  afterAll(() => t.close());

  it('refuses with the rule and exit 2: no field nor --reverse, a missing dasar hukum, the wrong role; nothing written', async () => {
    const { eventId } = await apbd();
    const before = (await t.pool.query('SELECT count(*)::int AS n FROM ledger_events')).rows[0].n as number;
    const nothing = await cli(finance, eventId, '--reason', 'Salah input');
    expect([nothing.code, nothing.stderr]).toEqual([2, expect.stringContaining('NOTHING_TO_REPLACE')]);
    const noBasis = await cli(finance, eventId, '--reason', 'Salah input', '--amount', '1.653.027.794,00');
    expect([noBasis.code, noBasis.stderr]).toEqual([2, expect.stringContaining('LEGAL_BASIS_REQUIRED (legalBasis)')]);
    const planner = await t.tokenFor(['planner'], '*', 'Perencana');
    const forbidden = await cli(planner, eventId, '--reason', 'x', '--amount', '1', '--legal-basis', 'Perda|10 Tahun 2021|2021-12-30');
    expect([forbidden.code, forbidden.stderr]).toEqual([2, expect.stringContaining('FORBIDDEN')]);
    const badAmount = await cli(finance, eventId, '--reason', 'x', '--amount', '1.000,123');
    expect([badAmount.code, badAmount.stderr]).toEqual([2, expect.stringContaining('TOO_MANY_DECIMALS')]);
    expect((await t.pool.query('SELECT count(*)::int AS n FROM ledger_events')).rows[0].n).toBe(before);
  });

  it('replaces an amount typed the Indonesian way, refuses the corrected entry, prints the rule a reversal breaks, corrects the correction', async () => {
    const original = await apbd();
    const done = await cli(
      finance,
      original.eventId,
      '--reason',
      'Salah input: nilai DPA tertukar',
      '--legal-basis',
      'Perda|10 Tahun 2021|30/12/2021',
      '--amount',
      '1.653.027.794,00',
    );
    expect([done.code, done.stderr]).toEqual([0, expect.not.stringContaining('ditolak')]);
    const correction = (await history()).find((e) => e.correctsEventId === original.eventId)!;
    expect(done.stdout).toContain(`Peristiwa ${original.eventId} dikoreksi (kini 1.653.027.794,00)`);
    expect(done.stdout).toContain(`dicatat sebagai peristiwa ${correction.eventId} pada posisi ${correction.position}`);
    expect(correction.changes).toEqual(expect.arrayContaining([{ figure: 'pagu.APBD.DAU', from: '653027794.00', to: '1653027794.00' }]));
    expect(correction).toMatchObject({
      reason: 'Salah input: nilai DPA tertukar',
      legalBasis: { kind: 'Perda', number: '10 Tahun 2021', date: '2021-12-30' },
    });
    expect(correction.actor).toBe('Sari (BPKAD)'); // the token's holder, as with an import

    const again = await cli(finance, original.eventId, '--reason', 'x', '--amount', '1', '--legal-basis', 'Perda|1|2022-01-01');
    expect([again.code, again.stderr]).toEqual([2, expect.stringContaining('EVENT_ALREADY_CORRECTED')]);

    // Reversing the correction would leave the realisations above any APBD pagu: the rule is printed, exit 2.
    const basis = ['--legal-basis', 'Perda|10 Tahun 2021|2021-12-30'];
    const refused = await cli(finance, correction.eventId, '--reverse', '--reason', 'Koreksi keliru', ...basis);
    expect([refused.code, refused.stderr]).toEqual([2, expect.stringContaining('REALISATION_EXCEEDS_PAGU (amount)')]);
    // The correction, being the latest version, is corrected in turn (the role of the kind first corrected).
    const json = await cli(finance, correction.eventId, '--amount', 'Rp 700.000.000', '--reason', 'Nilai DPA final', ...basis, '--json');
    expect(json.code).toBe(0);
    const result = JSON.parse(json.stdout) as { eventIds: string[]; position: number };
    const second = (await history()).find((e) => e.eventId === result.eventIds[0])!;
    expect(second).toMatchObject({ correctsEventId: correction.eventId, position: result.position });
    expect(second.changes).toEqual(expect.arrayContaining([{ figure: 'pagu.APBD.DAU', from: '1653027794.00', to: '700000000.00' }]));
  });

  it('reverses an entry with --reverse: its figure no longer counts', async () => {
    const other = '/api/v1/years/2022/offices/DKUKM/lines/2.17.07.1.01.0002';
    const entries = (await t.http().get(`${other}/history`).expect(200)).body as HistoryEntry[];
    const realisation = entries.find((e) => e.type === 'realisation.recorded')!;
    const done = await cli(finance, realisation.eventId, '--reverse', '--reason', 'Baris ganda');
    expect([done.code, done.stderr]).toEqual([0, expect.not.stringContaining('ditolak')]);
    expect(done.stdout).toMatch(
      new RegExp(`^Peristiwa ${realisation.eventId} dibatalkan\n  dicatat sebagai peristiwa [0-9a-f-]{36} pada posisi [0-9]+`),
    );
    const reversal = ((await t.http().get(`${other}/history`).expect(200)).body as HistoryEntry[]).find(
      (e) => e.correctsEventId === realisation.eventId,
    )!;
    expect(reversal.changes).toEqual(expect.arrayContaining([expect.objectContaining({ figure: 'realisation.Q4', from: '80000000.00' })]));
  });
});
