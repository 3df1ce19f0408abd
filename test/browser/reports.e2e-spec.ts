import { readFileSync } from 'node:fs';
import { waitUntil, withPage } from './support/browser';
import { DID } from './support/did-line';
import { bytesOf, withoutPrintTime, workbookValues } from './support/xlsx';
import { ReportPage } from './page-models/report-page';
import { ChangesPage } from './page-models/changes-page';
import { browserSuite } from './support/suite';

/** Rekonsiliasi (with its XLSX download) and Log perubahan, on the built-in sample. */
describe('browser: reconciliation and change log of DKUKM 2022', () => {
  const suite = browserSuite();

  it('shows the reconciliation APBD → APBD-P with its tie-out passing', async () => {
    await withPage(suite.browser, suite.bench, { name: 'reconciliation' }, async (page) => {
      const report = new ReportPage(page);
      await report.goto(DID.year, DID.office, 'reconciliation');
      await report.tieOut.waitFor();
      const text = (await report.tieOut.textContent()) ?? '';
      expect(text).toContain('Cocok');
      expect(text).not.toContain('Tidak cocok');
      // The office delta APBD → APBD-P of the sample, and the DID line with its legal basis.
      await report.main.getByText('Rp 7.394.109.271,00').first().waitFor();
      await report.main.getByText(DID.legalBasis).first().waitFor();
    });
  });

  it('downloads the reconciliation XLSX from its link: the same workbook the API gives', async () => {
    await withPage(suite.browser, suite.bench, { name: 'reconciliation-xlsx' }, async (page) => {
      const report = new ReportPage(page);
      await report.goto(DID.year, DID.office, 'reconciliation');
      const link = report.download('xlsx');
      const href = await link.getAttribute('href');
      expect(href).toMatch(/^\/api\/v1\/years\/2022\/offices\/DKUKM\/reports\/reconciliation\?.*format=xlsx/);
      const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
      expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
      const path = await download.path();
      const fromBrowser = await workbookValues(readFileSync(path));

      expect(Object.keys(fromBrowser)).toEqual(
        expect.arrayContaining(['Rincian', 'Kegiatan', 'Program', 'Perangkat Daerah', 'Penjelasan', 'Pembuktian']),
      );
      const didRow = fromBrowser['Rincian'].find((row) => row[0] === DID.code);
      expect(didRow).toEqual(expect.arrayContaining([518553447, 6145553447, 5627000000]));
      expect(fromBrowser['Pembuktian'].flat()).toContain('sesuai');
      expect(fromBrowser['Pembuktian'].flat()).not.toContain('TIDAK SESUAI');

      const fromApi = await bytesOf(suite.bench.t.http().get(href!));
      expect(fromApi.status).toBe(200);
      expect(fromApi.type).toMatch(/spreadsheetml/);
      // The two downloads can fall on either side of a minute: their printed time ("dicetak …") is left out.
      expect(withoutPrintTime(await workbookValues(fromApi.body))).toEqual(withoutPrintTime(fromBrowser));
    });
  });

  it('lists the changes and narrows them with a filter kept in the URL', async () => {
    await withPage(suite.browser, suite.bench, { name: 'changes-filter' }, async (page) => {
      const changes = new ChangesPage(page);
      await changes.goto(DID.year, DID.office);
      await changes.entries.first().waitFor();
      const all = await changes.entries.count();
      expect(all).toBeGreaterThan(1);

      await changes.filters.getByLabel(/kode/i).first().fill(DID.code);
      await changes.filters.getByLabel(/kode/i).first().press('Enter');
      await page.waitForURL((url) => url.searchParams.get('code') === DID.code);
      // While the filtered entries load the list may be empty for a moment: wait for the narrowed list itself.
      await waitUntil(async () => {
        const shown = await changes.entries.count();
        return shown > 0 && shown < all;
      }, 'the filter to narrow the change log');
      const narrowed = await changes.entries.allTextContents();
      expect(narrowed.length).toBeGreaterThan(0);
      for (const entry of narrowed) expect(entry).toContain(DID.code);

      // The filtered view is a link: opened directly, it shows the same entries.
      const url = page.url();
      await page.goto('about:blank');
      await page.goto(url);
      await changes.settled();
      await changes.entries.first().waitFor();
      expect(await changes.entries.allTextContents()).toEqual(narrowed);
    });
  });
});
