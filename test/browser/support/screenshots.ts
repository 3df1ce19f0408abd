import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

/** Written by every run (gitignored); copied into docs/web/screenshots/ with RENJA_UPDATE_SCREENSHOTS=1 for the README. */
export const SCREENSHOT_DIR = join(__dirname, '..', 'screenshots');
export const DOCS_SCREENSHOT_DIR = join(__dirname, '..', '..', '..', 'docs', 'web', 'screenshots');

/** Saves <name>.png of the page at the test viewport (1366×768), full page unless told otherwise. */
export async function screenshot(page: Page, name: string, fullPage = true): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = join(SCREENSHOT_DIR, `${name}.png`);
  // Caret and animations off: the same page gives the same picture from run to run.
  await page.screenshot({ path: file, fullPage, animations: 'disabled', caret: 'hide' });
  if (process.env.RENJA_UPDATE_SCREENSHOTS === '1') {
    mkdirSync(DOCS_SCREENSHOT_DIR, { recursive: true });
    copyFileSync(file, join(DOCS_SCREENSHOT_DIR, `${name}.png`));
  }
  return file;
}
