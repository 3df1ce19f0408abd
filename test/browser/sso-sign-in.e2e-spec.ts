import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { createTestDatabase, type TestDatabase } from '@renja/infrastructure/testing/test-database';
import { freePort, ROOT, startServer, stopServer } from '../support/processes';
import { launchBrowser, VIEWPORT } from './support/browser';

/**
 * "Masuk dengan SSO" end to end: the built server (openid-client is ESM-only, so the app runs as a child
 * process, as users run it) against a real OpenID provider (oidc-provider, also a child process), in
 * Chromium: authorization code with PKCE, the provider's login and consent pages, back to the workbench
 * with a session whose roles and offices come from the provider's claims.
 */
describe('sign in with SSO (OpenID Connect, authorization code + PKCE)', () => {
  const clientId = 'renja-ledger-web';
  let db: TestDatabase;
  let dataDir: string;
  let provider: ChildProcess;
  let server: ChildProcess;
  let base: string;
  let browser: Browser;

  beforeAll(async () => {
    db = await createTestDatabase('sso');
    dataDir = mkdtempSync(join(tmpdir(), 'renja-sso-'));
    const [appPort, idpPort] = [await freePort(), await freePort()];
    base = `http://127.0.0.1:${appPort}`;
    provider = spawn(process.execPath, [join(ROOT, 'test', 'support', 'oidc-provider.mjs')], {
      cwd: ROOT,
      env: {
        ...process.env,
        OIDC_TEST_PORT: String(idpPort),
        OIDC_TEST_CLIENT_ID: clientId,
        OIDC_TEST_REDIRECT_URI: `${base}/api/v1/session/oidc/callback`,
        OIDC_TEST_ACCOUNTS: JSON.stringify({ siti: { name: 'Siti Aminah', renja_roles: ['inspector'], renja_offices: ['DKUKM'] } }),
      },
    });
    const issuer = await new Promise<string>((resolve, reject) => {
      let output = '';
      provider.stdout!.on('data', (d: Buffer) => {
        output += d.toString();
        const match = /ISSUER (\S+)/.exec(output);
        if (match) resolve(match[1]);
      });
      provider.stderr!.on('data', (d: Buffer) => (output += d.toString()));
      provider.once('exit', (code) => reject(new Error(`the OpenID provider exited with ${code}: ${output}`)));
    });
    ({ child: server } = await startServer({
      DATABASE_URL: db.url,
      RENJA_DATA_DIR: dataDir,
      PORT: String(appPort),
      HOST: '127.0.0.1',
      RENJA_VERIFY_EVERY_MINUTES: '0',
      RENJA_OIDC_ISSUER: issuer,
      RENJA_OIDC_AUDIENCE: clientId,
      RENJA_OIDC_CLIENT_ID: clientId,
      RENJA_PUBLIC_URL: base,
    }));
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    if (server) await stopServer(server);
    provider?.kill('SIGTERM');
    await db?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('runs the code flow with PKCE at the provider and comes back signed in, with the roles and offices of the claims', async () => {
    const context = await browser.newContext({ viewport: VIEWPORT, locale: 'id-ID' });
    const page = await context.newPage();
    const authorizeRequests: URL[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/auth?')) authorizeRequests.push(new URL(request.url()));
    });
    await page.goto(`${base}/integrity`);
    await page.getByTestId('sso').click();
    await page.locator('input[name="login"]').fill('siti');
    await page.locator('input[name="password"]').fill('any password');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    await page.getByRole('button', { name: 'Continue' }).click();

    await page.getByTestId('signed-in-as').waitFor();
    expect(await page.getByTestId('signed-in-as').textContent()).toBe('Masuk sebagai Siti Aminah (siti)');
    expect(new URL(page.url()).pathname).toBe('/integrity'); // back where the user started
    const [authorize] = authorizeRequests;
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(authorize.searchParams.get('state')).toBeTruthy();
    expect(authorize.searchParams.get('nonce')).toBeTruthy();

    const cookies = await context.cookies(base);
    const session = cookies.find((c) => c.name === 'rl_session');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    expect(cookies.find((c) => c.name === 'rl_oidc')).toBeUndefined(); // the attempt is spent
    const me = await context.request.get(`${base}/api/v1/session`);
    expect(me.status()).toBe(200);
    expect(await me.json()).toMatchObject({ name: 'Siti Aminah (siti)', roles: ['inspector'], offices: ['DKUKM'], via: 'oidc' });
    expect(await page.evaluate('JSON.stringify(localStorage)')).not.toMatch(/rl_|eyJ/);

    // A replayed callback (the same code and state again) is refused: the attempt was used once.
    const callback = (await context.request.get(`${base}/api/v1/session/oidc/callback?code=x&state=y`, { maxRedirects: 0 })).headers()
      .location;
    expect(callback).toBe('/?ssoError=expired');
    await context.close();
  });

  it('says why on the sign-in page when the provider answer is not accepted', async () => {
    const context = await browser.newContext({ viewport: VIEWPORT, locale: 'id-ID' });
    const page = await context.newPage();
    await page.goto(`${base}/api/v1/session/oidc/callback?code=forged&state=forged`);
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('Masuk dengan SSO tidak selesai tepat waktu');
    expect((await context.cookies(base)).find((c) => c.name === 'rl_session')).toBeUndefined();
    await context.close();
  });
});
