import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, BrowserContext } from 'playwright-core';
import { ROOT, runCli, startApi, stopApi } from '../lib/child';
import { officeCode, YEAR } from '../lib/dataset';
import { freePortForApi } from '../lib/ports';
import type { Progress } from '../lib/progress';
import type { BenchOptions, WebResults, WebRow } from '../lib/results';
import { percentile, nowMs } from '../lib/stats';

/**
 * Scenario 7, speed people feel: the workbench in Chromium against the built server on the province data
 * set. "Interactive" is the moment the page's own content is on screen (a plan row, the waterfall's final
 * amount), read from the page's clock (performance.now(), 0 = navigation start) by a MutationObserver
 * installed before the page's scripts run; each run is a new page in one browser context, so the app's
 * scripts come from the HTTP cache after the first (cold) load, as for someone who uses it every day.
 * The API's own time for the same data (the page's main request, fetched by Node) is measured beside it.
 */
export async function webScenarios(
  env: Record<string, string>,
  options: BenchOptions,
  progress: Progress,
  lineCode: string,
): Promise<WebResults> {
  const port = await freePortForApi();
  const issued = await runCli(['token', 'create', '--name', 'bench inspector (web)', '--role', 'inspector', '--office', '*'], env);
  if (issued.code !== 0) throw new Error(`token create exited with ${issued.code}: ${issued.stderr}`);
  const api = await startApi({ ...env, PORT: String(port), HOST: '127.0.0.1', RENJA_RATE_LIMIT_PER_MINUTE: '0' });
  const base = `http://127.0.0.1:${port}`;
  const { chromium } = await import('playwright-core');
  // @sparticuz/chromium is ESM-only: loaded with import(), which the CommonJS build keeps as is.
  const packaged = (await import('@sparticuz/chromium')).default;
  // As in the browser tests (test/support/global-setup.mjs): the Lambda-only flags are dropped.
  const dropped = new Set(['--single-process', '--disable-web-security', '--allow-running-insecure-content']);
  const args = [
    ...packaged.args.filter((arg) => !dropped.has(arg) && !arg.startsWith('--headless')),
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ];
  const browser: Browser = await chromium.launch({ executablePath: await packaged.executablePath(), args, headless: true });
  try {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const login = await context.request.post(`${base}/api/v1/session`, { data: { token: issued.stdout.trim() } });
    if (login.status() !== 201) throw new Error(`POST /api/v1/session: ${login.status()} ${await login.text()}`);
    const cookie = (await context.cookies(base)).map((c) => `${c.name}=${c.value}`).join('; ');
    const office = officeCode(1);
    // Each script the pages load, with the bytes its first (cold) answer carried as sent (after Content-Encoding)
    // and that encoding; later loads come from the browser's cache.
    const jsFiles = new Map<string, Promise<{ bytes: number; encoding: string } | { failed: string }>>();
    context.on('response', (response) => {
      const path = new URL(response.url()).pathname;
      if (!path.startsWith('/assets/') || !path.endsWith('.js') || jsFiles.has(path)) return;
      const encoding = response.headers()['content-encoding'] ?? 'identity';
      jsFiles.set(
        path,
        response
          .request()
          .sizes()
          // Kept as a value until read below (a rejection left waiting would end the bench's process).
          .then(
            (sizes) => ({ bytes: sizes.responseBodySize, encoding }),
            (error: Error) => ({ failed: `${path}: ${error.message}` }),
          ),
      );
    });
    const runs = options.quick ? 5 : 20;
    const pages: Array<[string, string, string, string]> = [
      [
        `plan page, ${office} (670 lines)`,
        `/${YEAR}/${office}`,
        '[data-testid^="plan-row-"]',
        `/api/v1/years/${YEAR}/offices/${office}/plan`,
      ],
      [
        'line page, one sub kegiatan',
        `/${YEAR}/${office}/lines/${lineCode}`,
        '[data-testid="waterfall-final"]',
        `/api/v1/years/${YEAR}/offices/${office}/lines/${lineCode}/reports/pagu-trail`,
      ],
      // The floor: the app's own start in this browser (a page that asks for no data but the session).
      ['floor: the app started, no data (not-found page)', '/halaman-yang-tidak-ada', 'main h1', '/api/v1/session'],
    ];
    const rows: WebRow[] = [];
    for (const [page, path, ready, apiPath] of pages) {
      progress.step(`web: ${page} (1 cold + ${runs} runs)`);
      const cold = await timeToReady(context, `${base}${path}`, ready);
      const samples: number[] = [];
      for (let i = 0; i < runs; i++) samples.push(await timeToReady(context, `${base}${path}`, ready));
      const apiSamples: number[] = [];
      for (let i = 0; i <= runs; i++) {
        const started = nowMs();
        const response = await fetch(`${base}${apiPath}`, { headers: { Cookie: cookie } });
        await response.arrayBuffer();
        if (response.status !== 200) throw new Error(`GET ${apiPath}: ${response.status}`);
        if (i > 0) apiSamples.push(nowMs() - started);
      }
      const row = {
        page,
        runs,
        coldMs: cold,
        p50Ms: percentile(samples, 50),
        p95Ms: percentile(samples, 95),
        apiP50Ms: percentile(apiSamples, 50),
        apiP95Ms: percentile(apiSamples, 95),
      };
      rows.push(row);
      progress.done(
        page,
        `cold ${cold.toFixed(0)} ms, p50 ${row.p50Ms.toFixed(0)} ms, p95 ${row.p95Ms.toFixed(0)} ms (API p50 ${row.apiP50Ms.toFixed(0)} ms)`,
      );
    }
    const files = [...jsFiles.keys()].sort();
    const sent = (await Promise.all(files.map((file) => jsFiles.get(file)!))).map((s) => {
      if ('failed' in s) throw new Error(`the size of a script's answer could not be read: ${s.failed}`);
      return s;
    });
    const jsSentBytes = sent.reduce((sum, s) => sum + s.bytes, 0);
    const jsEncodings = [...new Set(sent.map((s) => s.encoding))].sort();
    // Beside it, what gzip at its default level makes of the same files (the budget's figure before the server compressed).
    const jsGzipBytes = files.reduce((sum, file) => sum + gzipSync(readFileSync(join(ROOT, 'dist', 'web', file))).length, 0);
    progress.done(
      'web: JavaScript sent',
      `${files.length} files, ${(jsSentBytes / 1024).toFixed(1)} KB as sent (${jsEncodings.join(', ')})`,
    );
    return { rows, jsSentBytes, jsEncodings, jsGzipBytes, jsFiles: files };
  } finally {
    await browser.close();
    await stopApi(api);
  }
}

/** Milliseconds from navigation start until `selector` matches, measured by the page's own clock. */
async function timeToReady(context: BrowserContext, url: string, selector: string): Promise<number> {
  const page = await context.newPage();
  try {
    // Runs in the page before its own scripts (written as text: this file is compiled without the DOM's types).
    await page.addInitScript({
      content: `new MutationObserver(() => { if (window.__ready === undefined && document.querySelector(${JSON.stringify(selector)})) window.__ready = performance.now(); }).observe(document, { childList: true, subtree: true, characterData: true });`,
    });
    await page.goto(url);
    await page.waitForSelector(selector, { timeout: 60_000 });
    return await page.evaluate<number>('window.__ready');
  } finally {
    await page.close();
  }
}
