import type { Page } from 'playwright-core';
import { withPage } from './support/browser';
import { HomePage } from './page-models/home-page';
import { SignInPage } from './page-models/sign-in-page';
import { UsersPage } from './page-models/users-page';
import { browserSuite } from './support/suite';

const USER = { name: 'Rina Pemeriksa (DKUKM)', nip: '19850202 201001 2 003' };

/**
 * People, not secrets: an admin adds a user in the browser, the token shown once signs that user in, they
 * see only their office; the admin revokes them and their next request lands on the sign-in page.
 */
describe('browser: users (Pengguna) and roles (Peran)', () => {
  const suite = browserSuite({ offices: { OTHER: 'Dinas Lain' } });
  beforeAll(async () => {
    // Another office with a plan line, so that "only their office" leaves something out.
    await suite.bench.t.http().post('/api/v1/years/2022/offices/OTHER/lines').send({ code: '2.17.07', name: 'Program Lain' }).expect(201);
  });

  it('an admin adds an inspector of DKUKM; the token signs them in to DKUKM only; revoking ends their session', async () => {
    await withPage(suite.browser, suite.bench, { name: 'users-admin' }, async (adminPage) => {
      const users = new UsersPage(adminPage);
      await users.goto();
      // The admin sees both offices on Beranda: what the new user does not see is there to be seen.
      const adminHome = new HomePage(adminPage);
      await adminHome.goto();
      await adminHome.officeLink(2022, 'OTHER').first().waitFor();
      await users.goto();

      // The form checks before sending: nothing chosen is three errors, each linked to its field.
      await users.submitNewUser({ name: '', nip: '12345', roles: [], offices: [] });
      await users.errorSummary.waitFor();
      expect(await users.errorSummary.locator('a').allTextContents()).toEqual([
        'Masukkan nama pengguna.',
        'NIP harus terdiri dari 18 angka, misalnya 19800101 200501 2 001.',
        'Pilih sekurang-kurangnya satu peran.',
        'Pilih sekurang-kurangnya satu perangkat daerah, atau "Semua perangkat daerah".',
      ]);

      const token = await users.addUser({ ...USER, roles: ['inspector'], offices: ['DKUKM'], expires: '30 hari' });
      expect(token).toMatch(/^rl_[A-Za-z0-9_-]{43}$/);
      expect(await users.issuedPanel.textContent()).toContain('hanya ditampilkan satu kali');
      await users.copyButton.click();
      await users.issuedPanel.getByText(/Token disalin|Tidak dapat menyalin/).waitFor();
      const row = users.row(USER.name);
      expect(await row.locator('td').allTextContents()).toEqual([
        '19850202 201001 2 003',
        'pemeriksa',
        'DKUKM',
        expect.stringMatching(/^\d{1,2} \w+ \d{4}$/),
        'Belum pernah',
        'aktif',
        'Cabut',
      ]);
      // The list never holds the token; the API returns it once, the page keeps it only in the panel.
      expect(await users.table.textContent()).not.toContain(token);

      await withPage(suite.browser, suite.bench, { token: null, name: 'users-new-user' }, async (userPage) => {
        const signIn = new SignInPage(userPage);
        await signIn.goto('/');
        await signIn.signIn(token);
        const home = new HomePage(userPage);
        await home.signedInAs.filter({ hasText: USER.name }).waitFor();
        await home.settled();
        await home.officeLink(2022, 'DKUKM').first().waitFor();
        expect(await home.linksTo('OTHER').count()).toBe(0);
        expect(await userPage.getByRole('link', { name: 'Pengguna', exact: true }).count()).toBe(0);

        await assertForbiddenUsersPage(userPage);
        await userPage.getByRole('link', { name: 'Peran', exact: true }).click();
        const yours = userPage.getByTestId('roles-yours');
        await yours.waitFor();
        expect(await yours.textContent()).toBe('Peran AndapemeriksaPerangkat daerah AndaDKUKM');
        await userPage.getByRole('link', { name: 'Beranda', exact: true }).click();
        await home.officeLink(2022, 'DKUKM').first().waitFor();

        await users.revoke(USER.name);
        // The list is read again after the revocation: wait for it (on a busy machine it lags the notice).
        await users.status(USER.name).filter({ hasText: 'dicabut' }).waitFor();
        expect(await users.status(USER.name).textContent()).toBe('dicabut');
        expect(await row.getByRole('button', { name: /Cabut/ }).count()).toBe(0);

        // The user's next request is refused: the workbench shows the sign-in page, saying why.
        await home.officeLink(2022, 'DKUKM').first().click();
        await signIn.token.waitFor();
        await userPage.getByText('Sesi Anda telah berakhir. Silakan masuk kembali.').waitFor();
        await signIn.signIn(token);
        await signIn.errorSummary.getByText('Token tidak diterima').waitFor();
      });

      // The grant and the revocation are ledger events naming the admin, the new user and their NIP.
      const { rows } = await suite.bench.t.pool.query<{ type: string; actor: string; data: { name: string; nip?: string } }>(
        `SELECT type, metadata->>'actor' AS actor, data FROM ledger_events WHERE stream_id LIKE 'access-token-%' ORDER BY position`,
      );
      expect(rows.map((r) => [r.type, r.actor, r.data.name, r.data.nip])).toEqual([
        ['access.token.granted', 'Inspektur Test', USER.name, '198502022010012003'],
        ['access.token.revoked', 'Inspektur Test', USER.name, undefined],
      ]);
    });
  });

  it('Peran shows the permission matrix to everyone, with the user’s own roles marked', async () => {
    await withPage(suite.browser, suite.bench, { name: 'roles-page' }, async (page) => {
      await page.goto('/peran');
      const matrix = page.getByTestId('roles-matrix');
      await matrix.waitFor();
      expect(await matrix.locator('thead th').allTextContents()).toEqual([
        'Tindakan',
        'admin (Anda)',
        'perencana (Anda)',
        'keuangan (Anda)',
        'pemeriksa',
      ]);
      const row = (action: string) => matrix.locator('tbody tr').filter({ has: page.getByRole('rowheader', { name: action }) });
      expect(await row('Mendaftarkan perangkat daerah').locator('td').allTextContents()).toEqual(['✔boleh', 'tidak', 'tidak', 'tidak']);
      expect(await row('Pergeseran anggaran antar baris; realisasi').locator('td').allTextContents()).toEqual([
        'tidak',
        'tidak',
        '✔boleh',
        'tidak',
      ]);
    });
  });
});

/** A non-admin at /pengguna: the forbidden message, no table, no form. */
async function assertForbiddenUsersPage(page: Page): Promise<void> {
  await page.goto('/pengguna');
  const users = new UsersPage(page);
  await users.forbidden().waitFor();
  expect(await users.table.count()).toBe(0);
  expect(await users.form.count()).toBe(0);
}
