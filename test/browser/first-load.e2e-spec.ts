import type { Page } from 'playwright-core';
import { withPage } from './support/browser';
import { DID } from './support/did-line';
import { Shell } from './page-models/shell';
import { browserSuite } from './support/suite';

const planPath = `/${DID.year}/${DID.office}`;
const isPlanAnswer = (url: string) => new URL(url).pathname === `/api/v1/years/${DID.year}/offices/${DID.office}/plan`;

/**
 * Opens the plan page with one of its two first scripts held back until the page has asked for its plan: the boot
 * script (async, apps/web/src/boot/boot.ts) starts that request early and the app takes it; whichever runs first,
 * the plan must be asked for once, and no request may stay open. (On a busy machine the boot script once ran after
 * the app: its copy of the plan was read by no one and stayed open, and a wait for 'networkidle' never ended.)
 */
async function openPlanHolding(page: Page, held: RegExp): Promise<{ asked: string[]; heldServed: boolean }> {
  const asked: string[] = [];
  let heldServed = false;
  page.on('requestfinished', (request) => void (held.test(request.url()) && (heldServed = true)));
  let planAsked!: () => void;
  const planAskedOnce = new Promise<void>((resolve) => (planAsked = resolve));
  page.on('request', (request) => {
    if (!isPlanAnswer(request.url())) return;
    asked.push(request.url());
    planAsked();
  });
  await page.route(held, async (route) => {
    await planAskedOnce;
    await route.continue();
  });
  await page.goto(planPath, { waitUntil: 'commit' });
  await new Shell(page).settled();
  await page.getByTestId('plan-row-2.17.08').first().waitFor();
  await page.waitForLoadState('networkidle');
  return { asked, heldServed };
}

describe('browser: the first load of a plan page asks for its plan once', () => {
  const suite = browserSuite();

  it('the boot script first (the usual order): it starts the request and the app takes its answer', async () => {
    await withPage(suite.browser, suite.bench, { name: 'first-load-boot-first' }, async (page) => {
      // The app's script waits until the plan was asked for: only the boot script can have asked.
      const { asked, heldServed } = await openPlanHolding(page, /\/assets\/index-[^/]+\.js$/);
      expect(heldServed).toBe(true);
      expect(asked).toHaveLength(1);
    });
  });

  it('the app first (a busy machine): the boot script, arriving late, starts nothing, and no request stays open', async () => {
    await withPage(suite.browser, suite.bench, { name: 'first-load-app-first' }, async (page) => {
      const { asked, heldServed } = await openPlanHolding(page, /\/assets\/boot-[^/]+\.js$/);
      expect(heldServed).toBe(true); // the boot script came, after the app had asked, and asked for nothing more
      expect(asked).toHaveLength(1);
    });
  });
});
