import type { Locator, Page } from 'playwright-core';
import { Shell } from './shell';

/** Rencana: the office-year's program tree with search. */
export class PlanPage extends Shell {
  readonly search: Locator;

  constructor(page: Page) {
    super(page);
    this.search = page.getByTestId('plan-search');
  }

  async goto(year: number, office: string, query = ''): Promise<void> {
    await this.page.goto(`/${year}/${office}${query}`);
    await this.settled();
  }

  row(code: string): Locator {
    return this.page.getByTestId(`plan-row-${code}`);
  }

  /** Every plan row shown. */
  rows(): Locator {
    return this.page.locator('[data-testid^="plan-row-"]');
  }

  /** The link from a row to its line page. */
  lineLink(code: string): Locator {
    return this.row(code).locator(`a[href*="/lines/${code}"]`);
  }

  /** The first expand/collapse control of the tree (a button with aria-expanded). */
  firstExpander(): Locator {
    return this.page.locator('main button[aria-expanded]').first();
  }
}
