import type { Locator, Page } from 'playwright-core';
import { Shell } from './shell';

/** Role names as the workbench shows them in Indonesian. */
export const ROLE_LABEL = { admin: 'admin', planner: 'perencana', finance: 'keuangan', inspector: 'pemeriksa' } as const;

export interface NewUserInput {
  name: string;
  nip?: string;
  roles: Array<keyof typeof ROLE_LABEL>;
  /** '*' = "Semua perangkat daerah"; else the office codes to tick. */
  offices: '*' | string[];
  /** The visible label of the expiry choice, e.g. "30 hari" or "Tanpa batas". */
  expires?: string;
}

/** Pengguna: the users table, "Tambah pengguna" and the token shown once. */
export class UsersPage extends Shell {
  readonly table: Locator;
  readonly form: Locator;
  readonly errorSummary: Locator;
  readonly issuedPanel: Locator;
  readonly issuedToken: Locator;
  readonly copyButton: Locator;

  constructor(page: Page) {
    super(page);
    this.table = page.getByTestId('users-table');
    this.form = page.getByTestId('new-user-form');
    this.errorSummary = page.getByTestId('user-error-summary');
    this.issuedPanel = page.getByTestId('issued-token');
    this.issuedToken = page.getByTestId('issued-token-value');
    this.copyButton = page.getByRole('button', { name: 'Salin', exact: true });
  }

  async goto(): Promise<void> {
    await this.page.goto('/pengguna');
    await this.settled();
  }

  /** Fills "Tambah pengguna" and saves; does not wait for the answer. */
  async submitNewUser(user: NewUserInput): Promise<void> {
    await this.form.getByLabel('Nama lengkap').fill(user.name);
    if (user.nip !== undefined) await this.form.getByLabel('NIP (opsional)').fill(user.nip);
    for (const role of user.roles) await this.form.getByRole('checkbox', { name: ROLE_LABEL[role], exact: true }).check();
    if (user.offices === '*') await this.form.getByRole('radio', { name: 'Semua perangkat daerah' }).check();
    else {
      await this.form.getByRole('radio', { name: 'Perangkat daerah tertentu' }).check();
      for (const code of user.offices) await this.form.getByRole('checkbox', { name: new RegExp(`^${code} —`) }).check();
    }
    if (user.expires) await this.form.getByRole('radio', { name: user.expires, exact: true }).check();
    await this.form.getByRole('button', { name: 'Simpan pengguna' }).click();
  }

  /** Adds a user and returns the token the page shows once. */
  async addUser(user: NewUserInput): Promise<string> {
    await this.submitNewUser(user);
    await this.issuedPanel.waitFor();
    return this.issuedToken.inputValue();
  }

  /** The table row of a user, by the name in its first cell. */
  row(name: string): Locator {
    return this.table.locator('tbody tr').filter({ has: this.page.getByRole('rowheader', { name, exact: true }) });
  }

  status(name: string): Locator {
    return this.row(name).getByTestId('user-status');
  }

  /** "Cabut", then the confirmation "Ya, cabut". */
  async revoke(name: string): Promise<void> {
    await this.row(name)
      .getByRole('button', { name: `Cabut akses ${name}` })
      .click();
    await this.row(name).getByRole('button', { name: 'Ya, cabut' }).click();
    await this.page.getByText(`Akses ${name} telah dicabut.`).waitFor();
  }
}
