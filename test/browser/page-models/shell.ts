import type { Locator, Page } from 'playwright-core';

/** What every signed-in page has: the header (who, Keluar), the office nav and the time-travel control. */
export class Shell {
  readonly signedInAs: Locator;
  readonly signOutButton: Locator;
  readonly officeNav: Locator;
  readonly validAt: Locator;
  readonly applyAsOf: Locator;
  readonly pastBanner: Locator;
  readonly main: Locator;
  readonly heading: Locator;

  constructor(readonly page: Page) {
    this.signedInAs = page.getByTestId('signed-in-as');
    this.signOutButton = page.getByRole('button', { name: 'Keluar' });
    this.officeNav = page.getByRole('navigation', { name: 'Halaman perangkat daerah' });
    this.validAt = page.getByLabel('Berlaku pada');
    this.applyAsOf = page.getByRole('button', { name: 'Terapkan' });
    this.pastBanner = page.getByTestId('past-banner');
    this.main = page.locator('main');
    this.heading = page.locator('main h1');
  }

  /** "Berlaku pada": fill the date and apply; the URL gets ?validAt=. */
  async setValidAt(date: string): Promise<void> {
    await this.validAt.fill(date);
    await this.applyAsOf.click();
    await this.page.waitForURL((url) => url.searchParams.get('validAt') === date);
  }

  async signOut(): Promise<void> {
    await this.signOutButton.click();
  }

  /** The forbidden message of an error box (403), shown instead of the data. */
  forbidden(): Locator {
    return this.page.getByRole('alert').filter({ hasText: 'Anda tidak berhak melihat halaman ini' });
  }

  /** Waits until no "Memuat…" status is left (the page's queries have answered). */
  async settled(): Promise<void> {
    await this.heading.first().waitFor();
    await this.page.getByRole('status').filter({ hasText: 'Memuat…' }).first().waitFor({ state: 'detached' });
  }
}
