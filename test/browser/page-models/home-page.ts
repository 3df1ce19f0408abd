import type { Locator, Page } from 'playwright-core';
import { Shell } from './shell';

/** Beranda: the office-years in the user's scope and the ledger's verification status. */
export class HomePage extends Shell {
  readonly verificationStatus: Locator;
  readonly officeTable: Locator;

  constructor(page: Page) {
    super(page);
    this.verificationStatus = page.getByTestId('verification-status');
    this.officeTable = page.locator('main table');
  }

  async goto(query = ''): Promise<void> {
    await this.page.goto(`/${query}`);
    await this.settled();
  }

  /** The link of one office-year (its href is /{year}/{office}, plus the as-of query). */
  officeLink(year: number, office: string): Locator {
    const path = `/${year}/${office}`;
    return this.page.locator(`main a[href="${path}"], main a[href^="${path}?"]`);
  }

  /** Every link on the page to any page of this office. */
  linksTo(office: string): Locator {
    return this.page.locator(`a[href*="/${office}"]`);
  }
}
