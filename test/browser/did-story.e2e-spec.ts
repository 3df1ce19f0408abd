import { withPage } from './support/browser';
import { DID } from './support/did-line';
import { HomePage } from './page-models/home-page';
import { PlanPage } from './page-models/plan-page';
import { LinePage } from './page-models/line-page';
import { browserSuite } from './support/suite';

/** The DID story clicked through like an inspector would: Beranda → plan → search → line → time travel. */
describe('browser: the DID story of DKUKM 2022', () => {
  const suite = browserSuite();

  it('goes from Beranda to the line, and shows the pagu now and before the DID (also from a pasted link)', async () => {
    const pastUrl = await withPage(suite.browser, suite.bench, { name: 'did-story' }, async (page) => {
      const home = new HomePage(page);
      await home.goto();
      await home.officeLink(DID.year, DID.office).click();
      await page.waitForURL(`**/${DID.year}/${DID.office}`);

      const plan = new PlanPage(page);
      await plan.settled();
      await plan.search.fill(DID.code);
      await plan.row(DID.code).waitFor();
      await plan.lineLink(DID.code).first().click();
      await page.waitForURL(`**/${DID.year}/${DID.office}/lines/${DID.code}`);

      const line = new LinePage(page);
      await line.settled();
      await line.waterfall.waitFor();
      expect(await page.locator('svg[data-testid="waterfall"]').count()).toBe(1);
      expect((await line.waterfallFinal.textContent())?.trim()).toContain(DID.finalNow);
      // The DID step names its legal basis: one step (row, item or bar) holds both.
      const didStep = page.locator('main :is(tr, li, g)').filter({ hasText: DID.legalBasis }).filter({ hasText: 'DID' });
      await didStep.first().waitFor();
      await page.getByText(DID.legalBasis).first().waitFor({ state: 'visible' });
      expect(await line.pastBanner.count()).toBe(0);

      // Berlaku pada 31 Oktober 2022: before the DID of November.
      await line.setValidAt(DID.beforeDid.validAt);
      await line.pastBanner.waitFor();
      await line.waterfallFinal.filter({ hasText: DID.beforeDid.final }).waitFor();
      expect(page.url()).toContain(`validAt=${DID.beforeDid.validAt}`);
      return page.url();
    });

    // A pasted link: a new context (signed in afresh) opens the same past view.
    await withPage(suite.browser, suite.bench, { name: 'did-story-pasted-link' }, async (page) => {
      const line = new LinePage(page);
      await page.goto(pastUrl);
      await line.settled();
      expect((await line.waterfallFinal.textContent())?.trim()).toContain(DID.beforeDid.final);
      await line.pastBanner.waitFor();
      expect(await line.pastBanner.textContent()).toContain('31 Oktober 2022');
      expect(await line.validAt.inputValue()).toBe(DID.beforeDid.validAt);
    });
  });
});
