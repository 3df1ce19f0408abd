import { lineStreamId } from '@renja/domain';
import { PlanReader } from '@renja/projections';
import { systemPrincipal } from '../shared/principal';
import { csv, didStory, openImportBench, type ImportBench } from './testing/import-fixture';

const principal = systemPrincipal('Siti (BPKAD)');
const SUB = '2.17.07.1.01.0001';
const HEADER =
  'ID Peristiwa,Jenis,Tahun,Perangkat Daerah,Kode,Periode,Tahapan,Sumber Dana,Batalkan,Realisasi,Pagu,Alasan,Jenis Dasar Hukum,Nomor Dasar Hukum,Tanggal Dasar Hukum';

/** Table koreksi: corrections named by event id or by line, period and kind, decided as POST …/corrections. */
describe('ImportService: the koreksi table', () => {
  let bench: ImportBench;
  let file = 0;
  const koreksi = (...rows: string[]) => csv(`koreksi-${++file}.csv`, `${HEADER}\n${rows.join('\n')}\n`);
  const events = (code = SUB) => bench.store.readStream(lineStreamId(2022, 'DKUKM', code));
  const realisationOf = async (period: string) =>
    (await events()).find((e) => e.type === 'realisation.recorded' && e.data.period === period)!;
  const line = () => new PlanReader(bench.dataSource).line(lineStreamId(2022, 'DKUKM', SUB), SUB);

  beforeAll(async () => {
    bench = await openImportBench();
    expect((await bench.service.run({ sources: didStory(), principal })).status).toBe('imported');
  });
  afterAll(() => bench.close());

  it('corrects by event id and by line and period, reverses one, all in one append, linked to the corrected events', async () => {
    const q1 = await realisationOf('2022-Q1');
    const sources = [
      koreksi(
        `${q1.id},,,,,,,,,"90.000.000,00",,Salah ketik SP2D TW I,,,`,
        `,Realisasi,2022,DKUKM,${SUB},TW II,,,,Rp 140.000.000,,Salah ketik SP2D TW II,,,`,
        `,realisasi,2022,DKUKM,2.17.07.1.01.0002,2022-Q4,,,ya,,,Realisasi dicatat ganda,,,`,
      ),
    ];
    const dry = await bench.service.run({ sources, principal, dryRun: true });
    expect(dry.status).toBe('dry_run');
    expect(dry.preview!.tables[0].rows.map((r) => [r.row, r.outcome, r.records[0].corrects, r.records[0].replacement?.amount])).toEqual([
      [2, 'records', q1.id, '90000000.00'],
      [3, 'records', (await realisationOf('2022-Q2')).id, '140000000.00'],
      [4, 'records', expect.any(String), undefined],
    ]);
    const result = await bench.service.run({ sources, principal });
    expect(result).toMatchObject({ status: 'imported', events: 3, problems: [] });
    expect(result.tables.koreksi).toEqual({ rows: 3, events: 3, unchanged: 0 });
    const corrections = (await events()).filter((e) => e.type === 'event.corrected');
    expect(corrections.map((c) => [c.data.correctedEventId, (c.data.replacement as { data: { amount: string } }).data.amount])).toEqual([
      [q1.id, '90000000.00'],
      [(await realisationOf('2022-Q2')).id, '140000000.00'],
    ]);
    expect(corrections[0].metadata).toMatchObject({ actor: 'Siti (BPKAD)', import: { table: 'koreksi', row: 2 } });
    const reversal = (await events('2.17.07.1.01.0002')).at(-1)!;
    expect(reversal.data).toMatchObject({ correctedType: 'realisation.recorded', replacement: null });
    // 90 + 140 + 210 + 175,592,410 (the DID story's 630.592.410 less 15 million)
    expect(await line()).toMatchObject({ realised: '615592410.00' });
  });

  it('an event id resolves to its latest version: correcting the original again corrects the correction', async () => {
    const q1 = await realisationOf('2022-Q1');
    const first = (await events()).find((e) => e.type === 'event.corrected' && e.data.correctedEventId === q1.id)!;
    const result = await bench.service.run({ sources: [koreksi(`${q1.id},,,,,,,,,91.000.000,,Nilai SP2D yang benar,,,`)], principal });
    expect(result).toMatchObject({ status: 'imported', events: 1 });
    const last = (await events()).at(-1)!;
    expect(last.data).toMatchObject({ correctedEventId: first.id, replacement: { data: { amount: '91000000.00' } } });
    expect(await line()).toMatchObject({ realised: '616592410.00' });
    // The same corrections in another file (a re-exported table): already in the ledger, nothing written.
    const before = await bench.ledgerHead();
    const again = await bench.service.run({
      sources: [
        koreksi(
          `${q1.id},Realisasi,,,,,,,,Rp 91.000.000,,Nilai SP2D yang benar (ulang),,,`,
          `,Realisasi,2022,DKUKM,2.17.07.1.01.0002,TW IV,,,ya,,,Realisasi dicatat ganda,,,`,
        ),
      ],
      principal,
    });
    expect(again).toMatchObject({ status: 'unchanged', unchanged: 2 });
    expect(await bench.ledgerHead()).toEqual(before);
  });

  it('a row that breaks a rule writes nothing at all; problems name the file, row and column', async () => {
    const before = await bench.ledgerHead();
    const q3 = await realisationOf('2022-Q3');
    const result = await bench.service.run({
      sources: [
        koreksi(
          `,Realisasi,2022,DKUKM,${SUB},TW IV,,,,175.000.000,,Pembulatan,,,`,
          `${q3.id},,,,,,,,,600.000.000,,Salah ketik,,,`,
          `,Realisasi,2022,DKUKM,${SUB},TW III,,,,200.000.000,,,,,`,
          `,Pagu,2022,DKUKM,${SUB},,APBD Induk,DAU,,,700.000.000,Koreksi pagu,,,`,
          `00000000-0000-4000-8000-000000000000,,,,,,,,,1,,Tidak ada,,,`,
          `,Realisasi,2022,DKUKM,${SUB},TW II,,,ya,1.000,,Batal dan ganti,,,`,
          `${q3.id},Pagu,,,,,,,,1,,Jenis salah,,,`,
        ),
      ],
      principal,
    });
    expect(result.status).toBe('invalid');
    expect(result.problems.map((p) => [p.file, p.row, p.column, p.rule])).toEqual([
      [`koreksi-${file}.csv`, 3, 'Realisasi', 'REALISATION_EXCEEDS_PAGU'],
      [`koreksi-${file}.csv`, 4, 'Alasan', 'REASON_REQUIRED'],
      [`koreksi-${file}.csv`, 5, 'Jenis Dasar Hukum', 'LEGAL_BASIS_REQUIRED'],
      [`koreksi-${file}.csv`, 6, 'ID Peristiwa', 'EVENT_NOT_FOUND'],
      [`koreksi-${file}.csv`, 7, 'Batalkan', 'REVERSE_WITH_FIELDS'],
      [`koreksi-${file}.csv`, 8, 'Jenis', 'CORRECTION_TARGET_MISMATCH'],
    ]);
    expect(await bench.ledgerHead()).toEqual(before);
  });

  it('a pagu is named by phase and funding source and needs its legal basis; the corrector needs the role of the kind', async () => {
    const row = `,Pagu,2022,DKUKM,${SUB},,APBD,dau,,,"700.000.000,00",Salah hitung APBD murni,Perda,10 Tahun 2021,30/12/2021`;
    const planner = { name: 'Budi (Bappeda)', roles: ['planner' as const], offices: '*' as const, via: 'token' as const };
    const before = await bench.ledgerHead();
    const refused = await bench.service.run({ sources: [koreksi(row)], principal: planner });
    expect(refused.problems.map((p) => [p.row, p.rule])).toEqual([[2, 'FORBIDDEN']]);
    expect(refused.problems[0].message).toMatch(/change-pagu \(phase APBD\) needs the role finance/);
    expect(await bench.ledgerHead()).toEqual(before);
    const result = await bench.service.run({ sources: [koreksi(row)], principal });
    expect(result).toMatchObject({ status: 'imported', events: 1 });
    expect(await line()).toMatchObject({ currentPagu: '1700000000.00' });
  });

  it('a changed realisation file is still refused, and the message points to the koreksi table', async () => {
    const result = await bench.service.run({
      sources: [csv('realisasi-baru.csv', `Tahun,Perangkat Daerah,Kode,Periode,Realisasi\n2022,DKUKM,${SUB},TW III,"205.000.000"\n`)],
      principal,
    });
    expect(result.problems.map((p) => p.rule)).toEqual(['REALISATION_ALREADY_RECORDED']);
    expect(result.problems[0].message).toContain('a koreksi table in the import');
  });
});
