import { axeViolations, describeViolations, isSerious } from './support/axe';
import { withPage } from './support/browser';
import { DID } from './support/did-line';
import { LinePage } from './page-models/line-page';
import { browserSuite } from './support/suite';

interface HistoryEntry {
  eventId: string;
  type: string;
  position: number;
  correctsEventId: string | null;
  changes: Array<{ figure: string; from: string | null; to: string | null }>;
}

const historyPath = `/api/v1/years/${DID.year}/offices/${DID.office}/lines/${DID.code}/history`;

/** Koreksi from where the mistake is seen: the line's timeline, by the role that may record the entry's kind. */
describe('browser: Koreksi from the timeline', () => {
  const suite = browserSuite();
  let finance: string;
  let inspector: string;
  const history = async () => (await suite.bench.t.http().get(historyPath).expect(200)).body as HistoryEntry[];
  beforeAll(async () => {
    finance = await suite.bench.t.tokenFor(['finance'], [DID.office], 'Bendahara DKUKM');
    inspector = await suite.bench.t.tokenFor(['inspector'], '*', 'Pemeriksa');
  }, 120_000);

  it('an inspector sees the timeline but no Koreksi or Batalkan', async () => {
    await withPage(suite.browser, suite.bench, { token: inspector, name: 'correct-inspector' }, async (page) => {
      const line = new LinePage(page);
      await line.goto(DID.year, DID.office, DID.code);
      await page.locator('.history-entry').first().waitFor();
      expect(await page.getByRole('link', { name: /^(Koreksi|Batalkan) entri/ }).count()).toBe(0);
    });
  });

  it('a finance officer corrects a realisation: the entry is struck through and linked to its correction', async () => {
    const realisation = (await history()).find((e) => e.type === 'realisation.recorded');
    expect(realisation).toBeDefined();
    const id = realisation!.eventId;
    await withPage(suite.browser, suite.bench, { token: finance, name: 'correct-realisation' }, async (page) => {
      const line = new LinePage(page);
      await line.goto(DID.year, DID.office, DID.code);
      const entry = page.locator(`#event-${id}`);
      // The finance officer may not correct the planner's entries (RENJA pagu, targets): only some entries offer it.
      expect(await page.getByRole('link', { name: /^Koreksi entri/ }).count()).toBeLessThan(await page.locator('.history-entry').count());
      await entry.getByRole('link', { name: /^Koreksi entri/ }).click();
      await page.getByRole('heading', { level: 1, name: /^Koreksi entri/ }).waitFor();

      await page.getByLabel('Jumlah', { exact: true }).fill('1000000.50');
      await page.getByText('Dibaca sebagai Rp 1.000.000,50').waitFor();
      await page.getByRole('button', { name: 'Simpan koreksi' }).click();
      // Nothing is sent without a reason: the error summary links to the field, the message sits next to it.
      await page.locator('.error-summary a[href="#reason"]').waitFor();
      expect(await page.locator('#reason-error').textContent()).toBe('Tulis alasan koreksi');
      const serious = (await axeViolations(page)).filter(isSerious);
      expect(serious.length === 0 ? '' : describeViolations('correction form', serious)).toBe('');

      await page.getByLabel('Alasan koreksi').fill('Salah input: realisasi tertukar');
      await page.getByRole('button', { name: 'Simpan koreksi' }).click();
      await page.waitForURL((url) => url.pathname === `/${DID.year}/${DID.office}/lines/${DID.code}`);

      const correction = (await history()).find((e) => e.correctsEventId === id);
      expect(correction).toBeDefined();
      expect(correction!.changes).toEqual(expect.arrayContaining([expect.objectContaining({ to: '1000000.50' })]));
      await entry.locator('.struck').waitFor();
      const link = entry.locator(`a[href="#event-${correction!.eventId}"]`);
      expect(await link.textContent()).toBe(`Dikoreksi oleh peristiwa posisi ${correction!.position}`);
      expect(await entry.getByRole('link', { name: /^Koreksi entri/ }).count()).toBe(0); // corrected: no longer offered
      await page
        .locator(`#event-${correction!.eventId}`)
        .getByRole('link', { name: /^Koreksi entri/ })
        .waitFor();
    });
  });
});
