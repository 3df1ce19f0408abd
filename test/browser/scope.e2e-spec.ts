import type { Browser } from 'playwright-core';
import { launchBrowser, withPage } from './support/browser';
import { DID } from './support/did-line';
import { startWorkbench, type Workbench } from './support/workbench';
import { HomePage } from './page-models/home-page';
import { PlanPage } from './page-models/plan-page';

/** A token scoped to another office sees nothing of DKUKM: not in Beranda, not in the nav, not by URL. */
describe('browser: office scope', () => {
  let bench: Workbench;
  let browser: Browser;
  let otherOnly: string;
  beforeAll(async () => {
    [bench, browser] = await Promise.all([startWorkbench({ offices: { OTHER: 'Dinas Lain' } }), launchBrowser()]);
    otherOnly = await bench.t.tokenFor(['inspector'], ['OTHER'], 'Pemeriksa Dinas Lain');
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await bench?.close();
  });

  it('leaves DKUKM out of Beranda and of every link', async () => {
    await withPage(browser, bench, { token: otherOnly, name: 'scope-home' }, async (page) => {
      const home = new HomePage(page);
      await home.goto();
      expect(await home.signedInAs.textContent()).toContain('Pemeriksa Dinas Lain');
      await home.verificationStatus.waitFor();
      expect(await home.main.textContent()).not.toContain(DID.office);
      expect(await home.linksTo(DID.office).count()).toBe(0); // neither in the table nor in any nav
    });
  });

  it('shows the forbidden message, not the data, at /2022/DKUKM and its line', async () => {
    await withPage(browser, bench, { token: otherOnly, name: 'scope-forbidden' }, async (page) => {
      const plan = new PlanPage(page);
      await plan.goto(DID.year, DID.office);
      await plan.forbidden().waitFor();
      expect(await plan.rows().count()).toBe(0);
      expect((await plan.main.textContent()) ?? '').not.toContain('Rp ');
      // No office nav offers DKUKM's pages to a user outside its scope (session.tsx has mayReadOffice for it).
      expect(await plan.officeNav.locator(`a[href*="/${DID.office}"]`).count()).toBe(0);

      await page.goto(`/${DID.year}/${DID.office}/lines/${DID.code}`);
      await plan.forbidden().waitFor();
      expect(await page.getByTestId('waterfall-final').count()).toBe(0);
    });
  });
});
