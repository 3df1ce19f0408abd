import type { Locator, Page } from 'playwright-core';
import { Shell } from './shell';

/** Catat perubahan (a line) and Catat (an office): the record forms, their summary and outcome. */
export class RecordPage extends Shell {
  readonly submit: Locator;
  readonly saved: Locator;
  readonly errorSummary: Locator;
  readonly stale: Locator;
  readonly seenVersion: Locator;

  constructor(page: Page) {
    super(page);
    this.submit = page.getByRole('button', { name: 'Simpan' });
    this.saved = page.getByTestId('saved-notice');
    this.errorSummary = page.getByTestId('error-summary');
    this.stale = page.getByTestId('stale-notice');
    this.seenVersion = page.getByTestId('seen-version');
  }

  async gotoLine(year: number, office: string, code: string, form: string): Promise<void> {
    await this.page.goto(`/${year}/${office}/lines/${code}/catat?form=${form}`);
    await this.settled();
    await this.submit.waitFor();
  }

  async gotoOffice(year: number, office: string, form: string): Promise<void> {
    await this.page.goto(`/${year}/${office}/catat?form=${form}`);
    await this.settled();
    await this.submit.waitFor();
  }

  field(id: string): Locator {
    return this.page.locator(`#${id}`);
  }

  /** What the amount field was read as ("Dibaca sebagai Rp …"). */
  readAs(id = 'amount'): Locator {
    return this.page.getByTestId(`${id}-read`);
  }

  /** The error shown next to a field. */
  fieldError(id: string): Locator {
    return this.page.locator(`#${id}-error`);
  }

  async fill(values: Record<string, string>): Promise<void> {
    for (const [id, value] of Object.entries(values)) {
      const field = this.field(id);
      if ((await this.page.locator(`select#${id}`).count()) > 0) await field.selectOption(value);
      else await field.fill(value);
    }
  }

  /** Saves and waits for the answer: the saved notice, the error summary or the stale notice. */
  async save(): Promise<void> {
    const answered = this.page.waitForResponse((r) => r.request().method() === 'POST' && r.url().includes('/api/v1/years/'));
    await this.submit.click();
    await answered;
    await this.saved.or(this.errorSummary).or(this.stale).first().waitFor();
  }

  async legalBasis(kind: string, number: string, date: string): Promise<void> {
    await this.fill({ legalKind: kind, legalNumber: number, legalDate: date });
  }
}
