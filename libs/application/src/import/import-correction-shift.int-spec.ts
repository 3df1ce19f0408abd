import { lineStreamId } from '@renja/domain';
import { PlanReader } from '@renja/projections';
import { systemPrincipal } from '../shared/principal';
import { csv, didStory, openImportBench, type ImportBench } from './testing/import-fixture';

const principal = systemPrincipal('Siti (BPKAD)');
const SUB = '2.17.07.1.01.0001';
const OTHER = '2.17.07.1.01.0002';
const HEADER =
  'ID Peristiwa,Jenis,Tahun,Perangkat Daerah,Kode,Periode,Indikator,Batalkan,Jumlah,Realisasi Kinerja,Alasan,Jenis Dasar Hukum,Nomor Dasar Hukum,Tanggal Dasar Hukum';
const BASIS = 'Perkada,45 Tahun 2022,01/07/2022';

/** Table koreksi: a shift corrected on both legs at once, and a realisation's outputs (Realisasi Kinerja). */
describe('ImportService: koreksi of a pergeseran and of Realisasi Kinerja', () => {
  let bench: ImportBench;
  let file = 0;
  const koreksi = (...rows: string[]) => csv(`koreksi-${++file}.csv`, `${HEADER}\n${rows.join('\n')}\n`);
  const events = (code: string) => bench.store.readStream(lineStreamId(2022, 'DKUKM', code));
  const line = (code: string) => new PlanReader(bench.dataSource).line(lineStreamId(2022, 'DKUKM', code), code);
  const pagu = async () => [(await line(SUB)).currentPagu, (await line(OTHER)).currentPagu];
  let shiftOut: string;

  beforeAll(async () => {
    bench = await openImportBench();
    expect((await bench.service.run({ sources: didStory(), principal })).status).toBe('imported');
    const shift = csv(
      'pergeseran.csv',
      'Tahun,Perangkat Daerah,Dari Kode,Ke Kode,Sumber Dana,Jumlah,Tanggal Berlaku,Alasan,Jenis Dasar Hukum,Nomor Dasar Hukum,Tanggal Dasar Hukum\n' +
        `2022,DKUKM,${SUB},${OTHER},DAU,"50.000.000,00",01/07/2022,Pergeseran untuk pelatihan,${BASIS}\n`,
    );
    expect((await bench.service.run({ sources: [shift], principal })).status).toBe('imported');
    shiftOut = (await events(SUB)).find((e) => e.type === 'pagu.shifted')!.id;
  });
  afterAll(() => bench.close());

  it('a shift named by ID Peristiwa is corrected on both lines in one append, with the exact amount', async () => {
    expect(await pagu()).toEqual(['1603027794.00', '150000000.00']);
    const result = await bench.service.run({
      sources: [koreksi(`${shiftOut},Pergeseran,,,,,,,"60.000.000,50",,Jumlah pergeseran salah ketik,${BASIS}`)],
      principal,
    });
    expect(result).toMatchObject({ status: 'imported', events: 2, problems: [] });
    expect(result.tables.koreksi).toEqual({ rows: 1, events: 2, unchanged: 0 });
    const inLeg = (await events(OTHER)).find((e) => e.type === 'pagu.shifted')!;
    for (const [code, corrected] of [
      [SUB, shiftOut],
      [OTHER, inLeg.id],
    ]) {
      const last = (await events(code)).at(-1)!;
      expect(last.type).toBe('event.corrected');
      expect(last.data).toMatchObject({
        correctedEventId: corrected,
        correctedType: 'pagu.shifted',
        replacement: { data: { amount: '60000000.50' } },
      });
      expect(last.metadata).toMatchObject({ import: { table: 'koreksi', row: 2 } });
    }
    expect(await pagu()).toEqual(['1593027793.50', '160000000.50']);
  });

  it('a shift correction that would make a line negative, or lacks its legal basis, writes nothing', async () => {
    const before = await bench.ledgerHead();
    const result = await bench.service.run({
      sources: [
        koreksi(
          `${shiftOut},,,,,,,,"700.000.000,00",,Jumlah pergeseran salah ketik,${BASIS}`,
          `${shiftOut},,,,,,,,"55.000.000,00",,Tanpa dasar hukum,,,`,
        ),
      ],
      principal,
    });
    expect(result.status).toBe('invalid');
    expect(result.problems.map((p) => [p.row, p.column, p.rule])).toEqual([
      [2, 'Jumlah', 'PAGU_NEGATIVE'],
      [3, 'Jenis Dasar Hukum', 'LEGAL_BASIS_REQUIRED'],
    ]);
    expect(await bench.ledgerHead()).toEqual(before);
    expect(await pagu()).toEqual(['1593027793.50', '160000000.50']);
  });

  it('only finance may correct a shift', async () => {
    const planner = { name: 'Budi (Bappeda)', roles: ['planner' as const], offices: '*' as const, via: 'token' as const };
    const before = await bench.ledgerHead();
    const refused = await bench.service.run({
      sources: [koreksi(`${shiftOut},,,,,,,ya,,,Pergeseran dibatalkan,${BASIS}`)],
      principal: planner,
    });
    expect(refused.problems.map((p) => [p.row, p.rule])).toEqual([
      [2, 'FORBIDDEN'],
      [2, 'FORBIDDEN'],
    ]);
    expect(refused.problems[0].message).toMatch(/shift-budget needs the role finance/);
    expect(await bench.ledgerHead()).toEqual(before);
  });

  it('Batalkan: ya reverses both legs and restores both lines exactly; again, it is unchanged', async () => {
    const row = `${shiftOut},,,,,,,ya,,,Pergeseran dibatalkan,${BASIS}`;
    const result = await bench.service.run({ sources: [koreksi(row)], principal });
    expect(result).toMatchObject({ status: 'imported', events: 2, problems: [] });
    for (const code of [SUB, OTHER]) expect((await events(code)).at(-1)!.data).toMatchObject({ replacement: null });
    expect(await pagu()).toEqual(['1653027794.00', '100000000.00']);
    // The same reversal in a re-exported table: already in the ledger, nothing written.
    const again = await bench.service.run({ sources: [koreksi(row.replace('dibatalkan', 'dibatalkan (ulang)'))], principal });
    expect(again).toMatchObject({ status: 'unchanged', unchanged: 1 });
  });

  it('Realisasi Kinerja with its Indikator replaces that output of a realisation, by line or by ID Peristiwa', async () => {
    const indicator = 'Jumlah UMKM yang dibina';
    const q1 = (await events(SUB)).find((e) => e.type === 'realisation.recorded' && e.data.period === '2022-Q1')!;
    const outputs = async () => (await line(SUB)).indicators.find((i) => i.name === indicator)!.outputs;
    expect(await outputs()).toEqual([null, null, '40', '45']);
    const result = await bench.service.run({
      sources: [
        koreksi(
          `,Realisasi,2022,DKUKM,${SUB},TW III,${indicator},,,"42,5",Salah hitung UMKM binaan TW III,,,`,
          `${q1.id},,,,,,${indicator},,,12,Kinerja TW I belum dilaporkan,,,`,
        ),
      ],
      principal,
    });
    expect(result).toMatchObject({ status: 'imported', events: 2, problems: [] });
    const q3 = (await events(SUB)).at(-2)!;
    expect(q3.data).toMatchObject({ replacement: { data: { period: '2022-Q3', amount: '210000000.00', outputs: [{ value: '42.5' }] } } });
    expect(await outputs()).toEqual(['12', null, '42.5', '45']);
    expect(await line(SUB)).toMatchObject({ realised: '630592410.00' });
  });

  it('Realisasi Kinerja needs an Indikator of the line, and Jumlah belongs to a shift only', async () => {
    const result = await bench.service.run({
      sources: [
        koreksi(
          `,Realisasi,2022,DKUKM,${SUB},TW II,,,,5,Tanpa indikator,,,`,
          `,Realisasi,2022,DKUKM,${SUB},TW II,Indikator lain,,,5,Indikator salah,,,`,
          `,Realisasi,2022,DKUKM,${SUB},TW II,,,5,,Jumlah bukan kolom realisasi,,,`,
        ),
      ],
      principal,
    });
    expect(result.problems.map((p) => [p.row, p.column, p.rule])).toEqual([
      [2, 'Indikator', 'INDICATOR_REQUIRED'],
      [3, 'Indikator', 'INDICATOR_UNKNOWN'],
      [4, 'Jumlah', 'COLUMN_NOT_FOR_KIND'],
    ]);
  });
});
