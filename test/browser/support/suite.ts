import type { Browser } from 'playwright-core';
import { launchBrowser } from './browser';
import { startWorkbench, type Workbench, type WorkbenchOptions } from './workbench';

/** What a browser suite's tests use: read inside tests or later hooks, once the suite's own beforeAll has run. */
export interface BrowserSuite {
  readonly bench: Workbench;
  readonly browser: Browser;
}

/**
 * One workbench and one browser for the suite that calls this (inside its describe): both started at once before
 * its tests and closed after them. A suite's own set-up goes in a beforeAll after this call (Jest runs them in
 * order). When one of the two fails to start, the other is still closed.
 */
export function browserSuite(options: WorkbenchOptions = {}): BrowserSuite {
  let bench: Workbench | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    const [started, launched] = await Promise.allSettled([startWorkbench(options), launchBrowser()]);
    if (started.status === 'fulfilled') bench = started.value;
    if (launched.status === 'fulfilled') browser = launched.value;
    if (started.status === 'rejected') throw started.reason;
    if (launched.status === 'rejected') throw launched.reason;
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await bench?.close();
  });
  const ready = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`the suite's ${what} is not started: read it inside a test or a later hook`);
    return value;
  };
  return {
    get bench() {
      return ready(bench, 'workbench');
    },
    get browser() {
      return ready(browser, 'browser');
    },
  };
}
