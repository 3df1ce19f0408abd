import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { ImportService, pathSources, systemPrincipal } from '@renja/application';
import { startTestApp, type TestApp } from '../../support/test-app';

const REPO = join(__dirname, '..', '..', '..');
export const SAMPLE_DIR = join(REPO, 'data', 'samples', 'dkukm-babel');

/**
 * The built web app the browser loads: dist/web (written by `npm run build`, which `npm test` runs
 * first); RENJA_TEST_WEB_ROOT points elsewhere for a private build while developing.
 */
export function webRoot(): string {
  const root = process.env.RENJA_TEST_WEB_ROOT ?? join(REPO, 'dist', 'web');
  if (!existsSync(join(root, 'index.html'))) {
    throw new Error(`the web app is not built at ${root}: run "npm run build" (npm test does) or "npm run build:web"`);
  }
  return root;
}

/** The API and the web app on a real port (the browser needs one), on a fresh database. */
export interface Workbench {
  t: TestApp;
  /** http://127.0.0.1:<port> */
  baseUrl: string;
  close(): Promise<void>;
}

export interface WorkbenchOptions {
  /** Load the built-in sample (data/samples/dkukm-babel), as a first start of the product does. */
  sample?: boolean;
  /** Further offices to register (code → name), e.g. one outside a scoped token. */
  offices?: Record<string, string>;
}

export async function startWorkbench(options: WorkbenchOptions = {}): Promise<Workbench> {
  const t = await startTestApp({ webRoot: webRoot() });
  try {
    if (options.sample !== false) {
      // The same import the server runs on a first start (apps/api/src/sample.ts, loadBuiltInSample).
      const result = await t.app
        .get(ImportService)
        .run({ sources: pathSources([SAMPLE_DIR]), principal: systemPrincipal('renja-ledger (contoh bawaan)') });
      if (result.status !== 'imported') throw new Error(`the built-in sample was not imported: ${JSON.stringify(result).slice(0, 2000)}`);
    }
    for (const [code, name] of Object.entries(options.offices ?? {})) {
      await t.http().post('/api/v1/offices').send({ code, name }).expect(201);
    }
    await t.app.listen(0, '127.0.0.1');
    const { port } = t.app.getHttpServer().address() as AddressInfo;
    return { t, baseUrl: `http://127.0.0.1:${port}`, close: () => t.close() };
  } catch (error) {
    await t.close();
    throw error;
  }
}
