import type { Locator, Page } from 'playwright-core';
import { Shell } from './shell';

/** A line (sub kegiatan): the pagu waterfall with its legal bases, the S-curve of realisation. */
export class LinePage extends Shell {
  readonly waterfall: Locator;
  readonly waterfallFinal: Locator;
  readonly sCurve: Locator;

  constructor(page: Page) {
    super(page);
    this.waterfall = page.getByTestId('waterfall');
    this.waterfallFinal = page.getByTestId('waterfall-final');
    this.sCurve = page.getByTestId('s-curve');
  }

  async goto(year: number, office: string, code: string, query = ''): Promise<void> {
    await this.page.goto(`/${year}/${office}/lines/${code}${query}`);
    await this.settled();
  }
}
