import type { Page } from 'playwright-core';
import { withPage } from './support/browser';
import { DID } from './support/did-line';
import { SignInPage } from './page-models/sign-in-page';
import { PlanPage } from './page-models/plan-page';
import { browserSuite } from './support/suite';

/** The focused element, described the way a test can name it. */
const focused = (page: Page) =>
  page.evaluate<string>(`(() => {
    const e = document.activeElement;
    if (!e || e === document.body) return 'body';
    const label = e.getAttribute('aria-label');
    return [e.tagName.toLowerCase(), e.id && '#' + e.id, e.getAttribute('data-testid') && '[' + e.getAttribute('data-testid') + ']', label && ' "' + label + '"', ' ' + (e.textContent || '').trim().slice(0, 30)].filter(Boolean).join('');
  })()`);

/** Presses Tab until `match` is focused (at most `limit` times); returns the stops passed on the way. */
async function tabTo(page: Page, match: (description: string) => boolean, limit = 60): Promise<string[]> {
  const stops: string[] = [];
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const now = await focused(page);
    stops.push(now);
    if (match(now)) return stops;
  }
  throw new Error(`Tab did not reach the element within ${limit} presses; focus went:\n  ${stops.join('\n  ')}`);
}

/** Everything reachable by keyboard: the sign-in form, the plan search and its tree. */
describe('browser: keyboard', () => {
  const suite = browserSuite();

  it('reaches the token field and then Masuk with Tab, and signs in with Enter', async () => {
    await withPage(suite.browser, suite.bench, { token: null, name: 'keyboard-sign-in' }, async (page) => {
      const signIn = new SignInPage(page);
      await signIn.goto();
      await tabTo(page, (d) => d.startsWith('input#token'));
      await page.keyboard.type(suite.bench.t.token);
      await tabTo(page, (d) => d.startsWith('button') && d.includes('Masuk'), 5);
      await page.keyboard.press('Enter');
      await page.getByTestId('signed-in-as').waitFor();
    });
  });

  it('reaches the plan search and the first expand control with Tab; Enter expands or collapses it', async () => {
    await withPage(suite.browser, suite.bench, { name: 'keyboard-plan' }, async (page) => {
      const plan = new PlanPage(page);
      await plan.goto(DID.year, DID.office);
      await plan.firstExpander().waitFor();
      await tabTo(page, (d) => d.includes('[plan-search]'));
      const label = await plan.firstExpander().getAttribute('aria-label');
      expect(label).toBeTruthy(); // an icon button needs its name
      const isFirstExpander = (d: string) => d.startsWith('button') && d.includes(`"${label}"`);
      await tabTo(page, isFirstExpander);

      const before = await plan.firstExpander().getAttribute('aria-expanded');
      const rowsBefore = await plan.rows().count();
      await page.keyboard.press('Enter');
      await plan
        .firstExpander()
        .and(page.locator(`[aria-expanded="${before === 'true' ? 'false' : 'true'}"]`))
        .waitFor();
      expect(await plan.rows().count()).not.toBe(rowsBefore);
      expect(isFirstExpander(await focused(page))).toBe(true); // focus stays on the control
    });
  });
});
