import type { Locator, Page } from 'playwright-core';

/** Masuk: the token form shown to anyone without a session. */
export class SignInPage {
  readonly token: Locator;
  readonly submit: Locator;
  readonly errorSummary: Locator;
  readonly heading: Locator;

  constructor(readonly page: Page) {
    this.token = page.locator('#token');
    this.submit = page.getByRole('button', { name: 'Masuk', exact: true });
    this.errorSummary = page.locator('.error-summary');
    this.heading = page.getByRole('heading', { level: 1 });
  }

  async goto(path = '/'): Promise<void> {
    await this.page.goto(path);
    await this.token.waitFor();
  }

  async signIn(token: string): Promise<void> {
    await this.token.fill(token);
    await this.submit.click();
  }
}
