import type { Route } from 'playwright-core';
import { withPage } from './support/browser';
import { DID } from './support/did-line';
import { IntegrityPage } from './page-models/integrity-page';
import { browserSuite } from './support/suite';

interface EventLine {
  position: number;
  data: Record<string, unknown>;
}

const AMOUNT = /^\d+\.\d{2}$/;

/** Changes the first amount (a decimal string) found in an event's data, in place; says whether it found one. */
function changeAnAmount(value: unknown): boolean {
  if (!value || typeof value !== 'object') return false;
  const record = value as Record<string, unknown>;
  for (const [key, field] of Object.entries(record)) {
    if (typeof field === 'string' && AMOUNT.test(field) && field !== '0.00') {
      record[key] = field.replace(/^(\d)/, (d) => String((Number(d) % 9) + 1)); // one digit more or less: still a valid amount
      return true;
    }
    if (changeAnAmount(field)) return true;
  }
  return false;
}

/** Verification in the browser (WebCrypto, the pinned key): the untouched evidence passes, a changed amount fails at its position. */
describe('browser: verify the DID line against a pinned key', () => {
  const suite = browserSuite();
  const line = { year: DID.year, office: DID.office, code: DID.code };
  const evidenceUrl = `**/api/v1/years/${DID.year}/offices/${DID.office}/lines/${DID.code}/evidence*`;

  beforeAll(async () => {
    // A checkpoint covering the sample: the line's events are signed, none pending.
    await suite.bench.t.http().post('/api/v1/ledger/checkpoints').send({}).expect(201);
  }, 120_000);

  it('verifies the line as the server sent it: data-ok="true"', async () => {
    await withPage(suite.browser, suite.bench, { name: 'integrity-ok' }, async (page) => {
      const integrity = new IntegrityPage(page);
      await integrity.goto(line);
      const result = await integrity.verify(suite.bench.t.verifierKey);
      await result.and(page.locator('[data-ok]')).waitFor();
      expect(await result.getAttribute('data-ok')).toBe('true');
    });
  });

  it('fails on evidence changed on its way to the suite.browser, naming the position of the changed event', async () => {
    await withPage(suite.browser, suite.bench, { name: 'integrity-tampered' }, async (page) => {
      let tampered: number | null = null;
      await page.route(evidenceUrl, async (route: Route) => {
        const response = await route.fetch();
        const evidence = (await response.json()) as { events: EventLine[] };
        const victim = evidence.events.find((event) => changeAnAmount(event.data));
        tampered = victim?.position ?? null;
        await route.fulfill({ response, json: evidence });
      });
      const integrity = new IntegrityPage(page);
      await integrity.goto(line);
      const result = await integrity.verify(suite.bench.t.verifierKey);
      await result.and(page.locator('[data-ok]')).waitFor();
      expect(tampered).not.toBeNull();
      expect(await result.getAttribute('data-ok')).toBe('false');
      const text = (await result.textContent()) ?? '';
      expect(text).toContain('GAGAL');
      expect(text).toMatch(new RegExp(`posisi ${tampered}\\b`));
    });
  });
});
