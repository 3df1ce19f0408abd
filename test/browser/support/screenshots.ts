import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { VIEWPORT } from './browser';

/** Written by every run (gitignored); copied into docs/web/screenshots/ with RENJA_UPDATE_SCREENSHOTS=1 for the README. */
export const SCREENSHOT_DIR = join(__dirname, '..', 'screenshots');
export const DOCS_SCREENSHOT_DIR = join(__dirname, '..', '..', '..', 'docs', 'web', 'screenshots');

/** A full-page picture stops here: a report of 14 000 px shows nothing more than its first screens (and Chromium tiles very tall captures). */
const MAX_HEIGHT = 2400;

/**
 * Saves <name>.png of the page at the test viewport width (1366), as tall as the page up to MAX_HEIGHT.
 * Answers the page's own width when it is wider than the viewport (content that overflows sideways).
 */
export async function screenshot(page: Page, name: string): Promise<{ file: string; overflowWidth: number | null }> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = join(SCREENSHOT_DIR, `${name}.png`);
  const [width, height] = await page.evaluate<[number, number]>(
    '[document.documentElement.scrollWidth, document.documentElement.scrollHeight]',
  );
  // Caret and animations off: the same page gives the same picture from run to run.
  await page.screenshot({
    path: file,
    fullPage: true,
    clip: { x: 0, y: 0, width: VIEWPORT.width, height: Math.min(Math.max(height, VIEWPORT.height), MAX_HEIGHT) },
    animations: 'disabled',
    caret: 'hide',
  });
  if (process.env.RENJA_UPDATE_SCREENSHOTS === '1') {
    mkdirSync(DOCS_SCREENSHOT_DIR, { recursive: true });
    copyFileSync(file, join(DOCS_SCREENSHOT_DIR, `${name}.png`));
  }
  return { file, overflowWidth: width > VIEWPORT.width ? width : null };
}
