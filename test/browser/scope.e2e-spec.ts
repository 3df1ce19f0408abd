import { withPage } from './support/browser';
import { DID } from './support/did-line';
import { HomePage } from './page-models/home-page';
import { PlanPage } from './page-models/plan-page';
import { browserSuite } from './support/suite';

/** A token scoped to another office sees nothing of DKUKM: not in Beranda, not in the nav, not by URL. */
describe('browser: office scope', () => {
  const suite = browserSuite({ offices: { OTHER: 'Dinas Lain' } });
  let otherOnly: string;
  beforeAll(async () => {
    otherOnly = await suite.bench.t.tokenFor(['inspector'], ['OTHER'], 'Pemeriksa Dinas Lain');
  });

  it('leaves DKUKM out of Beranda and of every link', async () => {
    await withPage(suite.browser, suite.bench, { token: otherOnly, name: 'scope-home' }, async (page) => {
      const home = new HomePage(page);
      await home.goto();
      expect(await home.signedInAs.textContent()).toContain('Pemeriksa Dinas Lain');
      await home.verificationStatus.waitFor();
      expect(await home.main.textContent()).not.toContain(DID.office);
      expect(await home.linksTo(DID.office).count()).toBe(0); // neither in the table nor in any nav
    });
  });

  it('shows the forbidden message, not the data, at /2022/DKUKM and its line', async () => {
    await withPage(suite.browser, suite.bench, { token: otherOnly, name: 'scope-forbidden' }, async (page) => {
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
