import type { Page } from 'playwright-core';
import { axeViolations, describeViolations, isSerious } from './support/axe';
import { withPage } from './support/browser';
import { DID } from './support/did-line';
import { screenshot } from './support/screenshots';
import { Shell } from './page-models/shell';
import { IntegrityPage } from './page-models/integrity-page';
import { ImportPage } from './page-models/import-page';
import { browserSuite } from './support/suite';

interface Stop {
  /** Screenshot name (test/browser/screenshots/<name>.png). */
  name: string;
  path: string;
  signedIn?: boolean;
  /** What shows the page is done (besides its h1 and no "Memuat…"). */
  ready?: (page: Page) => Promise<void>;
}

const office = `/${DID.year}/${DID.office}`;
const byTestId = (testId: string) => async (page: Page) => void (await page.getByTestId(testId).first().waitFor());

/** Every page of the workbench, in the order of an audit. */
const STOPS: Stop[] = [
  { name: '01-sign-in', path: '/', signedIn: false, ready: async (page) => void (await page.locator('#token').waitFor()) },
  { name: '02-beranda', path: '/', ready: byTestId('verification-status') },
  { name: '03-plan', path: office, ready: byTestId(`plan-row-2.17.08`) },
  { name: '04-line', path: `${office}/lines/${DID.code}`, ready: byTestId('waterfall-final') },
  { name: '05-line-before-did', path: `${office}/lines/${DID.code}?validAt=${DID.beforeDid.validAt}`, ready: byTestId('past-banner') },
  { name: '06-reconciliation', path: `${office}/reconciliation`, ready: byTestId('tie-out') },
  { name: '07-absorption', path: `${office}/absorption` },
  { name: '08-evaluation', path: `${office}/evaluation` },
  { name: '09-consistency', path: `${office}/consistency` },
  { name: '10-changes', path: `${office}/changes`, ready: byTestId('change-entry') },
  {
    name: '11-integrity',
    path: `/integrity?year=${DID.year}&office=${DID.office}&code=${DID.code}`,
    // The page with a finished verification: the result and its steps are part of what is checked.
    ready: async (page) => void (await new IntegrityPage(page).verify(verifierKey)),
  },
  { name: '12-not-found', path: '/halaman-yang-tidak-ada' },
  { name: '20-pengguna', path: '/pengguna', ready: byTestId('users-table') },
  { name: '21-peran', path: '/peran', ready: byTestId('roles-matrix') },
  { name: '30-impor', path: '/impor' },
  { name: '40-catat-pagu', path: `${office}/lines/${DID.code}/catat?form=pagu`, ready: byTestId('seen-version') },
  { name: '41-catat-realisasi', path: `${office}/lines/${DID.code}/catat?form=realisation`, ready: byTestId('seen-version') },
  { name: '42-catat-pergeseran', path: `${office}/catat?form=shift` },
  { name: '43-perangkat-daerah', path: '/perangkat-daerah' },
  { name: '44-catat-renstra', path: `${office}/lines/${DID.code}/catat?form=renstra`, ready: byTestId('seen-version') },
  { name: '45-catat-faktor', path: `${office}/catat?form=note` },
  {
    name: '31-impor-pratinjau',
    path: '/impor',
    // The preview of a file with a good and a bad row: the error summary, the tables and the marked row are checked too.
    ready: async (page) =>
      void (await new ImportPage(page).check([
        {
          name: 'pagu.csv',
          text: `Tahun,Perangkat Daerah,Kode,Tahapan,Sumber Dana,Pagu,Tanggal Berlaku,Alasan\n${DID.year},${DID.office},${DID.code},Renja,DAU,"653.027.794,00",2022-01-03,Pagu indikatif\n${DID.year},${DID.office},${DID.code},Renja,DAK,"1.65.3",2022-01-03,Pagu indikatif\n`,
        },
      ])),
  },
];

let verifierKey = '';

/**
 * axe-core on every page (0 serious or critical violations) and the screenshots of the README,
 * both at 1366×768 in Indonesian, on the built-in sample.
 */
describe('browser: accessibility and screenshots of every page', () => {
  const suite = browserSuite();
  const findings: string[] = [];
  beforeAll(async () => {
    verifierKey = suite.bench.t.verifierKey;
    await suite.bench.t.http().post('/api/v1/ledger/checkpoints').send({}).expect(201);
  }, 120_000);
  afterAll(async () => {
    // Minor and moderate findings, and pages wider than the viewport, do not fail the run but are worth reading.
    if (findings.length) console.log(`Findings that do not fail the run:\n${findings.join('\n')}`);
  });

  it('axe itself finds a violation in a page made to have one (the check is not silently empty)', async () => {
    const page = await suite.browser.newPage();
    try {
      await page.setContent(
        '<!doctype html><html lang="id"><head><title>x</title></head><body><main><h1>x</h1><img src="data:,"><input type="text"></main></body></html>',
      );
      const ids = (await axeViolations(page)).filter(isSerious).map((v) => v.id);
      expect(ids).toEqual(expect.arrayContaining(['image-alt', 'label']));
    } finally {
      await page.close();
    }
  });

  it.each(STOPS)('$name: no serious or critical axe violations; screenshot', async (stop) => {
    await withPage(suite.browser, suite.bench, { token: stop.signedIn === false ? null : undefined, name: stop.name }, async (page) => {
      await page.goto(stop.path);
      const shell = new Shell(page);
      await (stop.signedIn === false ? page.locator('h1').waitFor() : shell.settled());
      await stop.ready?.(page);
      await page.waitForLoadState('networkidle');
      const { overflowWidth } = await screenshot(page, stop.name);
      if (overflowWidth)
        findings.push(`${stop.name}: the page is ${overflowWidth} px wide, wider than the 1366 px viewport (it scrolls sideways)`);

      const violations = await axeViolations(page);
      const serious = violations.filter(isSerious);
      const minor = violations.filter((v) => !isSerious(v));
      if (minor.length) findings.push(describeViolations(stop.name, minor));
      if (serious.length) throw new Error(describeViolations(`${stop.name} (${stop.path})`, serious));
    });
  });
});
