import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page, type Request } from 'playwright-core';
import type { Workbench } from './workbench';

/** The viewport of the screenshots and of every test: a common office laptop. */
export const VIEWPORT = { width: 1366, height: 768 };

/**
 * The Chromium of @sparticuz/chromium, resolved by test/support/global-setup.mjs (its path and flags
 * reach the workers through process.env). One browser per suite; one context (cookies) per test.
 */
export async function launchBrowser(): Promise<Browser> {
  const executablePath = process.env.RENJA_CHROMIUM_PATH;
  if (!executablePath)
    throw new Error(
      'RENJA_CHROMIUM_PATH is not set: run the browser suites through Jest (test/support/global-setup.mjs resolves @sparticuz/chromium)',
    );
  const args = JSON.parse(process.env.RENJA_CHROMIUM_ARGS ?? '[]') as string[];
  return chromium.launch({ executablePath, args, headless: true });
}

/** A fresh browser context (no cookies, no storage) on the workbench, in Indonesian and WIB. */
export async function newContext(browser: Browser, bench: Workbench): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL: bench.baseUrl,
    viewport: VIEWPORT,
    locale: 'id-ID',
    timezoneId: 'Asia/Jakarta',
    acceptDownloads: true,
  });
  context.setDefaultTimeout(10_000);
  return context;
}

/**
 * Signs a context in without the sign-in form (the form has its own test): the same POST the page
 * makes, through the context's request client, so the HttpOnly cookie lands in the context's jar.
 */
export async function signInContext(context: BrowserContext, token: string): Promise<void> {
  const response = await context.request.post('/api/v1/session', { data: { token } });
  if (response.status() !== 201) throw new Error(`sign-in failed: ${response.status()} ${await response.text()}`);
}

export interface PageOptions {
  /** Sign in with this token first; null: not signed in. Default: the test app's token (all offices). */
  token?: string | null;
  /** Name of the screenshot saved when the test fails (test/browser/screenshots/failures/). */
  name: string;
}

/**
 * Runs a test body on a page of a fresh context and closes the context after. When the body fails,
 * the error also tells what the page said (uncaught errors, console errors, failed API calls) and a
 * screenshot of the moment is saved: a browser test's failure should be readable without re-running.
 */
export async function withPage<T>(browser: Browser, bench: Workbench, options: PageOptions, body: (page: Page) => Promise<T>): Promise<T> {
  const context = await newContext(browser, bench);
  const said: string[] = [];
  try {
    const token = options.token === undefined ? bench.t.token : options.token;
    if (token !== null) await signInContext(context, token);
    const page = await context.newPage();
    page.on('pageerror', (error) => said.push(`uncaught: ${error.message}`));
    page.on('console', (message) => message.type() === 'error' && said.push(`console: ${message.text()}`));
    page.on(
      'response',
      (response) => response.status() >= 400 && said.push(`HTTP ${response.status()} ${response.request().method()} ${response.url()}`),
    );
    // The requests still open when a test fails (e.g. a wait for 'networkidle' that timed out): named in the error.
    const open = new Map<Request, number>();
    page.on('request', (request) => void open.set(request, Date.now()));
    page.on('requestfinished', (request) => void open.delete(request));
    page.on('requestfailed', (request) => void open.delete(request));
    try {
      return await body(page);
    } catch (error) {
      const dir = join(__dirname, '..', 'screenshots', 'failures');
      mkdirSync(dir, { recursive: true });
      const shot = join(dir, `${options.name}.png`);
      await page.screenshot({ path: shot, fullPage: true }).catch(() => undefined);
      if (error instanceof Error) {
        const pending = [...open].map(([request, since]) => `${request.method()} ${request.url()} (open ${Date.now() - since} ms)`);
        const note =
          `\n\nAt ${page.url()} (screenshot ${shot}); the page said:\n${said.slice(0, 20).join('\n') || '(nothing)'}\n` +
          (pending.length ? `Requests still open:\n${pending.slice(0, 20).join('\n')}\n` : '');
        // Jest prints the stack, which starts with the message as it was when the error was made.
        error.stack = error.stack?.replace(error.message, error.message + note);
        error.message += note;
      }
      throw error;
    }
  } finally {
    await context.close();
  }
}

/** Polls a condition the page reaches by itself (e.g. a list narrowing after a filter). */
export async function waitUntil(check: () => Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
