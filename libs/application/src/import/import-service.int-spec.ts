import { systemPrincipal } from '../shared/principal';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lineStreamId, statedFigureStreamId } from '@renja/domain';
import { PlanReader } from '@renja/projections';
import { fileSource } from './import-sources';
import { csv, DID_STORY_DIR, didStory, fixtureText, openImportBench, type ImportBench } from './testing/import-fixture';

const actor = 'Siti (BPKAD)';
const principal = systemPrincipal(actor);

describe('ImportService on the embedded PostgreSQL', () => {
  let bench: ImportBench;

  beforeAll(async () => {
    bench = await openImportBench();
  });
  afterAll(() => bench.close());

  it('a dry run reports what it would write and writes nothing', async () => {
    const result = await bench.service.run({ sources: didStory(), principal, dryRun: true });
    expect(result.problems).toEqual([]);
    expect(result.status).toBe('dry_run');
    // 1 office, 4 lines, 1 indicator, 1 target, 3 pagu, 5 realisations, 8 stated figures
    expect(result.events).toBe(23);
    expect(await bench.ledgerHead()).toEqual({ count: 0, lastHash: '0'.repeat(64) });
  });

  it("checks every row against the importing principal's roles and offices, like the API, and writes nothing when one is refused", async () => {
    const planner = { name: 'Budi (Bappeda)', roles: ['planner' as const], offices: '*' as const, via: 'token' as const };
    const refused = await bench.service.run({ sources: didStory(), principal: planner });
    expect(refused.status).toBe('invalid');
    const forbidden = refused.problems.filter((p) => p.rule === 'FORBIDDEN');
    // registering the office needs admin; APBD/APBD_P pagu and realisations need finance
    expect(forbidden.map((p) => p.table)).toEqual(expect.arrayContaining(['perangkat_daerah', 'pagu', 'realisasi']));
    expect(forbidden.some((p) => p.table === 'rencana')).toBe(false);
    expect(forbidden.find((p) => p.table === 'pagu')?.message).toMatch(/needs the role finance/);
    const elsewhere = { ...principal, via: 'token' as const, offices: ['DINKES'] };
    const outside = await bench.service.run({ sources: didStory(), principal: elsewhere });
    // Outside the user's offices is told as an unknown office (issue 14): the same answer as a typo, not a permission error.
    expect(new Set(outside.problems.map((p) => p.rule))).toEqual(new Set(['OFFICE_UNKNOWN']));
    expect(
      outside.problems.every((p) =>
        /^Perangkat Daerah: kode perangkat daerah "DKUKM" tidak dikenal atau di luar kantor Anda/.test(p.message),
      ),
    ).toBe(true);
    expect(await bench.ledgerHead()).toEqual({ count: 0, lastHash: '0'.repeat(64) });
  });

  it('imports every table in one append, with the actor and the file, table and row of each event', async () => {
    const result = await bench.service.run({ sources: didStory(), principal });
    expect(result).toMatchObject({ status: 'imported', events: 23, unchanged: 0, problems: [] });
    expect(result.tables.realisasi).toEqual({ rows: 6, events: 5, unchanged: 0 });
    // 23 events + one import record per file (5 files), all in one append
    expect(result.position).toBe(28);
    const [pagu] = await bench.store.readStream(lineStreamId(2022, 'DKUKM', '2.17.07.1.01.0001'), { fromVersion: 4, limit: 1 });
    const pagufile = result.files.find((f) => f.name === 'pagu.csv')!;
    expect(pagu.type).toBe('pagu.changed');
    expect(pagu.metadata).toMatchObject({
      actor,
      correlationId: result.correlationId,
      import: { fileSha256: pagufile.sha256, fileName: 'pagu.csv', table: 'pagu', row: 2 },
    });
    expect(pagufile.sha256).toMatch(/^[0-9a-f]{64}$/);
    // The plan read model caught up before the import returned: the DID story's 38,15 %.
    const line = await new PlanReader(bench.dataSource).line(lineStreamId(2022, 'DKUKM', '2.17.07.1.01.0001'), '2.17.07.1.01.0001');
    expect(line).toMatchObject({ currentPagu: '1653027794.00', realised: '630592410.00', absorption: { current: '38.15' } });
    const stated = await bench.store.readStream(statedFigureStreamId('DKUKM', 2022));
    expect(stated).toHaveLength(8);
  });

  it('importing the same files again writes nothing and says when and by whom they were imported', async () => {
    const before = await bench.ledgerHead();
    const again = await bench.service.run({ sources: didStory(), principal: systemPrincipal('someone else') });
    expect(again.status).toBe('already_imported');
    expect(again.message).toMatch(/pagu\.csv was already imported on \d{4}-\d{2}-\d{2}T.* by Siti \(BPKAD\)/);
    const dir = mkdtempSync(join(tmpdir(), 'renamed-'));
    try {
      copyFileSync(join(DID_STORY_DIR, 'pagu.csv'), join(dir, 'pagu-2022-salinan.csv'));
      const renamed = await bench.service.run({ sources: [fileSource(join(dir, 'pagu-2022-salinan.csv'))], principal });
      expect(renamed.status).toBe('already_imported');
      expect(renamed.message).toContain('(as pagu.csv)');
    } finally {
      rmSync(dir, { recursive: true });
    }
    expect(await bench.ledgerHead()).toEqual(before);
  });

  it('a different file whose rows are all in the ledger already writes nothing and counts them unchanged', async () => {
    const before = await bench.ledgerHead();
    const edited = fixtureText('pagu.csv')
      .replace(/APBD murni 2022/g, 'APBD 2022 (salinan)')
      .replace('"653.027.794,00"', '653027794');
    const result = await bench.service.run({
      sources: [csv('pagu.csv', edited), csv('rencana-ulang.csv', fixtureText('rencana.csv').replace('Target Renja 2022', 'Target Renja'))],
      principal,
    });
    expect(result).toMatchObject({ status: 'unchanged', events: 0, problems: [] });
    expect(result.tables.pagu.unchanged).toBe(3);
    expect(result.tables.rencana.unchanged).toBe(6);
    expect(await bench.ledgerHead()).toEqual(before);
  });

  it('rows about an office outside the scope are refused before they are decided: their outcome reveals nothing', async () => {
    const before = await bench.ledgerHead();
    const elsewhere = {
      name: 'Operator BPKAD',
      roles: ['admin' as const, 'planner' as const, 'finance' as const],
      offices: ['BPKAD'],
      via: 'token' as const,
    };
    // The same rows as the ledger holds for DKUKM (unchanged for an insider), and one that contradicts it.
    const edited = fixtureText('pagu.csv').replace(/APBD murni 2022/g, 'APBD 2022 (tebakan)');
    const contradicting = csv(
      'rencana-tebak.csv',
      'Tahun,Perangkat Daerah,Kode,Program/Kegiatan/Sub Kegiatan\n2022,DKUKM,2.17.07,Program Lain\n',
    );
    const result = await bench.service.run({ sources: [csv('pagu.csv', edited), contradicting], principal: elsewhere });
    expect(result.status).toBe('invalid');
    expect(new Set(result.problems.map((p) => p.rule))).toEqual(new Set(['OFFICE_UNKNOWN']));
    expect(result.problems.every((p) => /tidak dikenal atau di luar kantor Anda/.test(p.message))).toBe(true);
    expect(result.tables.pagu.unchanged).toBe(0);
    expect(await bench.ledgerHead()).toEqual(before);
  });

  it('an import that contradicts the ledger is refused: another name, another realisation for a period', async () => {
    const before = await bench.ledgerHead();
    const result = await bench.service.run({
      sources: [
        csv('rencana.csv', 'Tahun,Perangkat Daerah,Kode,Program/Kegiatan/Sub Kegiatan\n2022,DKUKM,2.17.07,Program Lain\n'),
        csv('realisasi.csv', 'Tahun,Perangkat Daerah,Kode,Periode,Realisasi\n2022,DKUKM,2.17.07.1.01.0001,2022-Q1,"96.000.000"\n'),
      ],
      principal,
    });
    expect(result.status).toBe('invalid');
    expect(result.problems.map((p) => [p.file, p.row, p.column, p.rule])).toEqual([
      ['rencana.csv', 2, 'Program/Kegiatan/Sub Kegiatan', 'LINE_NAME_DIFFERS'],
      ['realisasi.csv', 2, 'Realisasi', 'REALISATION_ALREADY_RECORDED'],
    ]);
    expect(await bench.ledgerHead()).toEqual(before);
  });

  it('two people importing the same new file at once: one import writes it, the other writes nothing', async () => {
    const file = () => csv('perangkat_daerah.csv', 'Kode Perangkat Daerah,Nama Perangkat Daerah\nDINKES,Dinas Kesehatan\n');
    const before = await bench.ledgerHead();
    const results = await Promise.all([
      bench.service.run({ sources: [file()], principal: systemPrincipal('A') }),
      bench.service.run({ sources: [file()], principal: systemPrincipal('B') }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['already_imported', 'imported']);
    expect((await bench.ledgerHead()).count).toBe(before.count + 2);
  });
});
