import { withPage } from './support/browser';
import { SignInPage } from './page-models/sign-in-page';
import { HomePage } from './page-models/home-page';
import { browserSuite } from './support/suite';

/** Masuk and Keluar in a real browser: the token becomes an HttpOnly cookie and is never kept by the page. */
describe('browser: sign in and out', () => {
  const suite = browserSuite({ sample: false });

  it('signs in with the token: an HttpOnly SameSite=Strict cookie, no token in storage; Keluar ends the session on the server', async () => {
    await withPage(suite.browser, suite.bench, { token: null, name: 'sign-in-and-out' }, async (page) => {
      const context = page.context();
      const signIn = new SignInPage(page);
      await signIn.goto();
      await signIn.signIn(suite.bench.t.token);
      const home = new HomePage(page);
      await home.signedInAs.waitFor();
      expect(await home.signedInAs.textContent()).toContain('Inspektur Test');

      const cookies = await context.cookies();
      const session = cookies.find((c) => c.name === 'rl_session');
      expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
      expect(session!.value).not.toContain(suite.bench.t.token);
      // The page cannot read the cookie, and nothing it stores holds the token.
      expect(await page.evaluate('document.cookie')).not.toContain('rl_session');
      const stored = await page.evaluate<string>('JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage })');
      expect(stored).not.toContain(suite.bench.t.token);
      expect(stored).not.toContain(session!.value);

      // The cookie alone reads the API (what the page's own requests do).
      expect((await context.request.get('/api/v1/session')).status()).toBe(200);

      await home.signOut();
      await signIn.token.waitFor();
      await expect(signIn.heading.textContent()).resolves.toBe('Renja Ledger');
      // The old cookie, sent again by hand, is refused: the session ended on the server, not just in the suite.browser.
      const replay = await suite.bench.t.anonymous().get('/api/v1/session').set('Cookie', `rl_session=${session!.value}`);
      expect(replay.status).toBe(401);
      const plan = await suite.bench.t.anonymous().get('/api/v1/overview').set('Cookie', `rl_session=${session!.value}`);
      expect(plan.status).toBe(401);
      // A reload stays signed out.
      await page.reload();
      await signIn.token.waitFor();
    });
  });

  it('shows the error summary for a token the server refuses, and focuses it', async () => {
    await withPage(suite.browser, suite.bench, { token: null, name: 'sign-in-refused' }, async (page) => {
      const context = page.context();
      const signIn = new SignInPage(page);
      await signIn.goto();
      await signIn.signIn('rl_not-a-real-token');
      await signIn.errorSummary.waitFor();
      expect(await signIn.errorSummary.textContent()).toContain('Token tidak diterima');
      expect(await signIn.errorSummary.getAttribute('role')).toBe('alert');
      expect(await signIn.token.getAttribute('aria-invalid')).toBe('true');
      expect(await page.evaluate('document.activeElement && document.activeElement.className')).toContain('error-summary');
      expect((await context.cookies()).filter((c) => c.name === 'rl_session')).toEqual([]);

      // An empty field says so without asking the server.
      await signIn.token.fill('');
      await signIn.submit.click();
      await page.getByText('Masukkan token API Anda.').first().waitFor();
    });
  });

  it('switches to English and back: pages loaded later too, and English is kept after a reload', async () => {
    await withPage(suite.browser, suite.bench, { name: 'language-switch' }, async (page) => {
      const home = new HomePage(page);
      await home.goto();
      const nav = page.getByRole('navigation').first();
      await nav.getByRole('link', { name: 'Beranda' }).waitFor();
      await page.getByRole('button', { name: 'English' }).click();
      await nav.getByRole('link', { name: 'Home' }).waitFor();
      await expect(page.getAttribute('html', 'lang')).resolves.toBe('en');
      // A page whose script was not loaded yet comes in English.
      await nav.getByRole('link', { name: 'Integrity' }).click();
      await page.locator('main h1', { hasText: 'Ledger integrity' }).waitFor();
      // The choice is kept: the first render after a reload is already English.
      await page.reload();
      await page.locator('main h1', { hasText: 'Ledger integrity' }).waitFor();
      await expect(page.getAttribute('html', 'lang')).resolves.toBe('en');
      await page.getByRole('button', { name: 'Bahasa Indonesia' }).click();
      await page.locator('main h1', { hasText: 'Integritas buku besar' }).waitFor();
      await expect(page.getAttribute('html', 'lang')).resolves.toBe('id');
    });
  });
});
