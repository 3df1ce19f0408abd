import type { Locator, Page } from 'playwright-core';
import { Shell } from './shell';

/** A file handed to the file input: name and bytes, as a user's disk would give them. */
export interface UploadFile {
  name: string;
  text: string;
}

/** Impor: choose files, check them (the dry run's preview), Simpan. */
export class ImportPage extends Shell {
  readonly fileInput: Locator;
  readonly dropZone: Locator;
  readonly checkButton: Locator;
  readonly saveButton: Locator;
  readonly problems: Locator;
  /** Implausible figures to confirm, and the checkbox that confirms them. */
  readonly warnings: Locator;
  readonly acceptWarnings: Locator;
  readonly preview: Locator;
  readonly previewSummary: Locator;
  readonly outcome: Locator;

  constructor(page: Page) {
    super(page);
    this.fileInput = page.getByLabel('Pilih berkas CSV atau XLSX');
    this.dropZone = page.getByRole('button', { name: /Seret berkas ke sini/ });
    this.checkButton = page.getByRole('button', { name: 'Unggah dan periksa' });
    this.saveButton = page.getByRole('button', { name: 'Simpan', exact: true });
    this.problems = page.getByTestId('import-problems');
    this.warnings = page.getByTestId('import-warnings');
    this.acceptWarnings = page.getByRole('checkbox', { name: /Saya sudah memeriksa/ });
    this.preview = page.getByTestId('import-preview');
    this.previewSummary = page.getByTestId('import-preview-summary');
    this.outcome = page.getByTestId('import-outcome');
  }

  async goto(): Promise<void> {
    await this.page.goto('/impor');
    await this.heading.first().waitFor();
  }

  /** Chooses the files and runs the check (dry run); waits for the preview. */
  async check(files: UploadFile[]): Promise<void> {
    await this.fileInput.setInputFiles(files.map((f) => ({ name: f.name, mimeType: 'text/csv', buffer: Buffer.from(f.text) })));
    await this.checkButton.click();
    await this.preview.waitFor();
  }

  /** The previewed row `row` of a file's table. */
  row(file: string, table: string, row: number): Locator {
    return this.page.getByTestId(`preview-${file}-${table}`).locator(`tr[data-row="${row}"]`);
  }

  problemLinks(): Locator {
    return this.problems.getByRole('link');
  }
}
