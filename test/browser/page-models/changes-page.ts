import type { Locator, Page } from 'playwright-core';
import { Shell } from './shell';

/** Log perubahan: every change of the office-year, filterable (the filters live in the URL). */
export class ChangesPage extends Shell {
  readonly entries: Locator;
  readonly filters: Locator;

  constructor(page: Page) {
    super(page);
    this.entries = page.getByTestId('change-entry');
    this.filters = page.locator('main form');
  }

  async goto(year: number, office: string, query = ''): Promise<void> {
    await this.page.goto(`/${year}/${office}/changes${query}`);
    await this.settled();
  }
}
