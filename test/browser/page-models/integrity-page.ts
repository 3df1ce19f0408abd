import type { Locator, Page } from 'playwright-core';
import { Shell } from './shell';

/** Integritas: the checkpoint, the server's key, and the verification of one line in the browser. */
export class IntegrityPage extends Shell {
  readonly pinnedKey: Locator;
  readonly verifyButton: Locator;
  readonly verifyResult: Locator;

  constructor(page: Page) {
    super(page);
    this.pinnedKey = page.getByTestId('pinned-key');
    this.verifyButton = page.getByTestId('verify-button');
    this.verifyResult = page.getByTestId('verify-result');
  }

  async goto(line?: { year: number; office: string; code: string }): Promise<void> {
    await this.page.goto(line ? `/integrity?year=${line.year}&office=${line.office}&code=${line.code}` : '/integrity');
    await this.settled();
  }

  /** Pins a key (pasted, as from an independent source) and verifies the line named in the URL. */
  async verify(key: string): Promise<Locator> {
    await this.pinnedKey.fill(key);
    await this.verifyButton.click();
    await this.verifyResult.waitFor();
    return this.verifyResult;
  }
}
