import type { Locator, Page } from 'playwright-core';
import { Shell } from './shell';

export type Report = 'reconciliation' | 'absorption' | 'evaluation' | 'consistency';

/** A report page (rekonsiliasi, serapan, evaluasi, konsistensi) with its download links. */
export class ReportPage extends Shell {
  readonly tieOut: Locator;

  constructor(page: Page) {
    super(page);
    this.tieOut = page.getByTestId('tie-out');
  }

  async goto(year: number, office: string, report: Report, query = ''): Promise<void> {
    await this.page.goto(`/${year}/${office}/${report}${query}`);
    await this.settled();
  }

  /** The link to the API's file of this report (components/downloads.tsx marks it data-format). */
  download(format: 'xlsx' | 'csv' | 'pdf'): Locator {
    return this.page.locator(`a[data-format="${format}"]`);
  }
}
