import { systemPrincipal, type Principal } from '../shared/principal';
import { lineStreamId } from '@renja/domain';
import { IMPORT_RECORDED_EVENT_TYPE, importStreamId, type ImportRecordedData } from './import-record';
import type { ImportSource } from './import-types';
import { join } from 'node:path';
import { bufferSource, pathSources } from './import-sources';
import { csv, didStory, openImportBench, type ImportBench } from './testing/import-fixture';

/**
 * The files issue 14 found misread (an unquoted decimal comma, a Windows-1252 CSV, an office typo, an
 * office outside the user's, implausible figures): each is now refused, or read right and said so, or
 * held back with warnings until the user confirms them — and whatever is refused or unconfirmed writes nothing.
 */
const principal = systemPrincipal('Siti (BPKAD)');
const SUB = '2.17.07.1.01';
const SAMPLE_DIR = join(__dirname, '..', '..', '..', '..', 'data', 'samples', 'dkukm-babel');

/** Windows-1252 bytes of a text: Latin-1 as is, and the typographic characters Excel writes (“ ” – €). */
function windows1252(text: string): Buffer {
  const special: Record<string, number> = { '“': 0x93, '”': 0x94, '–': 0x96, '€': 0x80 };
  return Buffer.from([...text].map((c) => special[c] ?? c.charCodeAt(0)));
}

const REALISASI_HEADER = 'Tahun,Perangkat Daerah,Kode,Periode,Indikator,Realisasi,Realisasi Kinerja,Tanggal Berlaku,Alasan';

describe('misread files (issue 14): refused, read right, or confirmed — never silent', () => {
  let bench: ImportBench;
  const run = (sources: ImportSource[], extra: { principal?: Principal; acceptWarnings?: boolean; dryRun?: boolean } = {}) =>
    bench.service.run({ sources, principal, ...extra });

  beforeAll(async () => {
    bench = await openImportBench();
    // The DID story, and two lines of its own for these tests: .0003 (target 2 Kali) and .0004 (target 100 Orang).
    const story = await run(didStory());
    expect(story.status).toBe('imported');
    const setup = await run([
      csv(
        'rencana-uji.csv',
        [
          'Tahun,Perangkat Daerah,Kode,Program/Kegiatan/Sub Kegiatan,Indikator,Satuan,Target,Tanggal Berlaku',
          `2022,DKUKM,${SUB}.0003,Pelatihan Pemasaran Daring,Jumlah pelatihan,Kali,2,2022-01-03`,
          `2022,DKUKM,${SUB}.0004,Pendampingan UMKM,Jumlah peserta,Orang,100,2022-01-03`,
        ].join('\n'),
      ),
      csv(
        'pagu-uji.csv',
        [
          'Tahun,Perangkat Daerah,Kode,Tahapan,Sumber Dana,Pagu,Tanggal Berlaku,Alasan,Jenis Dasar Hukum,Nomor Dasar Hukum,Tanggal Dasar Hukum',
          `2022,DKUKM,${SUB}.0003,APBD,DAU,"200.000.000,00",2022-01-03,APBD murni 2022,Perda,10 Tahun 2021,2021-12-30`,
          `2022,DKUKM,${SUB}.0004,APBD,DAU,"500.000.000,00",2022-01-03,APBD murni 2022,Perda,10 Tahun 2021,2021-12-30`,
        ].join('\n'),
      ),
    ]);
    expect([setup.status, setup.problems, setup.warnings]).toEqual(['imported', [], []]);
  });
  afterAll(() => bench.close());

  it('"…,150.000.000,50,,," with a cell too many is refused, naming the unquoted decimal comma, the row and its cell counts', async () => {
    const before = await bench.ledgerHead();
    const file = csv('realisasi-koma.csv', `${REALISASI_HEADER}\n2022,DKUKM,${SUB}.0003,TW II,Jumlah pelatihan,150.000.000,50,,,\n`);
    const result = await run([file]);
    expect(result.status).toBe('invalid');
    expect(result.problems.map((p) => [p.file, p.row, p.column, p.rule])).toEqual([['realisasi-koma.csv', 2, 'Realisasi', 'ROW_TOO_LONG']]);
    expect(result.problems[0].message).toContain('Baris 2 berisi 10 sel, sedangkan baris judul 9 kolom');
    expect(result.problems[0].message).toContain('koma desimal tanpa tanda kutip — "150.000.000,50" terbaca sebagai dua sel');
    expect(await bench.ledgerHead()).toEqual(before);
    // The dry run lists the refused row too, its cells where the header put them: "50" under Realisasi Kinerja.
    const dry = await run([file], { dryRun: true });
    expect(dry.preview!.tables[0].rows).toEqual([
      expect.objectContaining({
        row: 2,
        outcome: 'invalid',
        cells: expect.objectContaining({ Realisasi: '150.000.000', 'Realisasi Kinerja': '50' }),
      }),
    ]);
    // A cell too few is refused as well, with its own cause.
    const short = await run([csv('realisasi-pendek.csv', `${REALISASI_HEADER}\n2022,DKUKM,${SUB}.0003,TW II,,150.000.000\n`)]);
    expect(short.problems.map((p) => [p.row, p.rule])).toEqual([[2, 'ROW_TOO_SHORT']]);
    expect(short.problems[0].message).toContain('Baris 2 berisi 6 sel, sedangkan baris judul 9 kolom');
    expect(short.problems[0].message).toContain('setiap baris memerlukan 8 tanda ","');
    expect(await bench.ledgerHead()).toEqual(before);
  });

  it('the well-formed "…,150.000.000,50,," waits for confirmation (a suspected decimal comma, 2.500 % achievement), then is written with its warnings kept', async () => {
    const before = await bench.ledgerHead();
    const text = `${REALISASI_HEADER}\n2022,DKUKM,${SUB}.0003,TW II,Jumlah pelatihan,150.000.000,50,,\n`;
    const held = await run([csv('realisasi-tw2.csv', text)]);
    expect(held.status).toBe('warnings');
    expect(held.problems).toEqual([]);
    expect(held.warnings.map((w) => [w.file, w.row, w.column, w.value, w.rule])).toEqual([
      ['realisasi-tw2.csv', 2, 'Realisasi', '150.000.000', 'DECIMAL_COMMA_SUSPECTED'],
      ['realisasi-tw2.csv', 2, 'Realisasi Kinerja', '50', 'ACHIEVEMENT_IMPLAUSIBLE'],
    ]);
    expect(held.warnings[0].message).toContain('mungkin maksudnya 150.000.000,50 dengan koma desimal tanpa tanda kutip');
    expect(held.warnings[1].message).toBe(
      'Realisasi Kinerja: "50" dibaca sebagai 50 Kali; capaian "Jumlah pelatihan" menjadi 2.500,00 % (realisasi tahun ini 50 Kali dari target 2 Kali), di atas 200 %. Periksa angka dan satuannya: mungkin koma desimal terbaca sebagai pemisah sel.',
    );
    expect(held.message).toMatch(/^2 peringatan: .*tidak ada yang ditulis$/);
    expect(await bench.ledgerHead()).toEqual(before);

    const written = await run([csv('realisasi-tw2.csv', text)], { acceptWarnings: true });
    expect([written.status, written.events, written.warnings.length]).toEqual(['imported', 1, 2]);
    const [record] = await bench.store.readStream(importStreamId(written.files[0].sha256));
    expect(record.type).toBe(IMPORT_RECORDED_EVENT_TYPE);
    const data = record.data as unknown as ImportRecordedData;
    expect(data.acceptedWarnings?.map((w) => [w.row, w.column, w.rule])).toEqual([
      [2, 'Realisasi', 'DECIMAL_COMMA_SUSPECTED'],
      [2, 'Realisasi Kinerja', 'ACHIEVEMENT_IMPLAUSIBLE'],
    ]);
  });

  it('a pagu a thousand times below the line, a tiny realisation and a target changed a hundredfold: warnings in Indonesian figures; dry run lists them with every row', async () => {
    const before = await bench.ledgerHead();
    const files = () => [
      csv(
        'rencana-revisi.csv',
        `Tahun;Perangkat Daerah;Kode;Program/Kegiatan/Sub Kegiatan;Indikator;Satuan;Target;Tanggal Berlaku;Alasan\n2022;DKUKM;${SUB}.0004;;Jumlah peserta;Orang;10.000;1 Juli 2022;Revisi Renja\n`,
      ),
      csv(
        'pagu-p.csv',
        `Tahun,Perangkat Daerah,Kode,Tahapan,Sumber Dana,Pagu,Tanggal Berlaku,Alasan,Jenis Dasar Hukum,Nomor Dasar Hukum,Tanggal Dasar Hukum\n2022,DKUKM,${SUB}.0004,APBD-P,DAU,500.000,2022-11-08,APBD-P 2022,Perda,5 Tahun 2022,2022-10-30\n`,
      ),
      csv('realisasi-tw1.csv', `${REALISASI_HEADER}\n2022,DKUKM,${SUB}.0004,TW I,,Rp 150.000,,,\n`),
    ];
    const held = await run(files());
    expect(held.status).toBe('warnings');
    expect(held.warnings.map((w) => [w.file, w.row, w.column, w.value, w.rule])).toEqual([
      ['rencana-revisi.csv', 2, 'Target', '10.000', 'TARGET_CHANGE_IMPLAUSIBLE'],
      ['pagu-p.csv', 2, 'Pagu', '500.000', 'AMOUNT_IMPLAUSIBLE'],
      ['realisasi-tw1.csv', 2, 'Realisasi', 'Rp 150.000', 'AMOUNT_IMPLAUSIBLE'],
    ]);
    expect(held.warnings.map((w) => w.message)).toEqual([
      'Target: "10.000" dibaca sebagai 10.000 Orang, sedangkan target "Jumlah peserta" yang berlaku 100 Orang — berubah 100 kali lipat (batas peringatan 100 kali). Periksa angka dan satuannya.',
      `Pagu: "500.000" dibaca sebagai Rp 500.000,00, 1.000 kali lebih kecil dari pagu baris ${SUB}.0004 saat ini (Rp 500.000.000,00). Periksa pemisah ribuan dan desimalnya (1.653.027.794,00).`,
      `Realisasi: "Rp 150.000" dibaca sebagai Rp 150.000,00, 3.333 kali lebih kecil dari pagu baris ${SUB}.0004 yang berlaku (Rp 500.000.000,00). Periksa pemisah ribuan dan desimalnya (1.653.027.794,00).`,
    ]);
    expect(await bench.ledgerHead()).toEqual(before);

    // The dry run answers the same warnings with every row as read (the JSON the browser's preview shows).
    const dry = await run(files(), { dryRun: true });
    expect([dry.status, dry.warnings.length]).toEqual(['dry_run', 3]);
    const pagu = dry.preview!.tables.find((t) => t.file === 'pagu-p.csv')!;
    expect(pagu.rows).toEqual([
      expect.objectContaining({
        row: 2,
        outcome: 'records',
        values: expect.objectContaining({
          Pagu: expect.stringMatching(/^500000(\.00)?$/),
          Tahapan: 'APBD_P',
          Kode: `${SUB}.0004`,
          'Tanggal Berlaku': '2022-11-08',
        }),
      }),
    ]);
    expect(await bench.ledgerHead()).toEqual(before);
  });

  it('a CSV saved by Excel in Windows-1252 is read as Windows-1252 and the answer says so; UTF-16 is refused with "simpan sebagai CSV UTF-8"', async () => {
    const name = 'Pelatihan “Kewirausahaan” – UMKM Café';
    const text = `Tahun,Perangkat Daerah,Kode,Program/Kegiatan/Sub Kegiatan\n2022,DKUKM,${SUB}.0005,${name}\n`;
    const bytes = windows1252(text);
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    const result = await run([bufferSource('rencana-excel.csv', bytes)]);
    expect([result.status, result.problems]).toEqual(['imported', []]);
    expect(result.files[0]).toMatchObject({
      encoding: 'windows-1252',
      note: expect.stringContaining('rencana-excel.csv dibaca sebagai Windows-1252'),
    });
    expect(result.message).toContain('(rencana-excel.csv dibaca sebagai Windows-1252)');
    const [registered] = await bench.store.readStream(lineStreamId(2022, 'DKUKM', `${SUB}.0005`));
    expect(registered.data.name).toBe(name);
    const [record] = await bench.store.readStream(importStreamId(result.files[0].sha256));
    expect((record.data as unknown as ImportRecordedData).encoding).toBe('windows-1252');

    const before = await bench.ledgerHead();
    const utf16 = Buffer.from(`\ufeff${text.replace('.0005', '.0006')}`, 'utf16le');
    const refused = await run([bufferSource('rencana-unicode.csv', utf16)]);
    expect(refused.status).toBe('invalid');
    expect(refused.problems.map((p) => [p.file, p.rule])).toEqual([['rencana-unicode.csv', 'ENCODING_UNSUPPORTED']]);
    expect(refused.problems[0].message).toContain('simpan sebagai CSV UTF-8');
    expect(await bench.ledgerHead()).toEqual(before);
  });

  it('an office typo and an office outside the user\'s get one answer, "tidak dikenal atau di luar kantor Anda", not a permission error', async () => {
    const before = await bench.ledgerHead();
    const pagu = (office: string) =>
      csv(
        'pagu-kantor.csv',
        `Tahun,Perangkat Daerah,Kode,Tahapan,Sumber Dana,Perubahan,Tanggal Berlaku,Alasan,Jenis Dasar Hukum,Nomor Dasar Hukum,Tanggal Dasar Hukum\n2022,${office},${SUB}.0001,APBD-P,DAU,"5.000.000",2022-11-08,Tambahan,Perda,5 Tahun 2022,2022-10-30\n`,
      );
    const typo = await run([pagu('DKUKN')]);
    const elsewhere: Principal = { name: 'Operator Dinkes', roles: ['finance', 'planner'], offices: ['DINKES'], via: 'token' };
    const outside = await run([pagu('DKUKM')], { principal: elsewhere });
    for (const [result, office] of [
      [typo, 'DKUKN'],
      [outside, 'DKUKM'],
    ] as const) {
      expect(result.status).toBe('invalid');
      expect(result.problems.map((p) => [p.row, p.column, p.value, p.rule])).toEqual([[2, 'Perangkat Daerah', office, 'OFFICE_UNKNOWN']]);
    }
    expect(typo.problems[0].message.replace('DKUKN', 'DKUKM')).toBe(outside.problems[0].message);
    expect(outside.problems[0].message).toMatch(
      /^Perangkat Daerah: kode perangkat daerah "DKUKM" tidak dikenal atau di luar kantor Anda\./,
    );
    // A role that may not record the row at all is still told so (that reveals nothing about offices).
    const inspector: Principal = { name: 'Pemeriksa', roles: ['inspector'], offices: ['DINKES'], via: 'token' };
    expect((await run([pagu('DKUKM')], { principal: inspector })).problems.map((p) => p.rule)).toEqual(['FORBIDDEN']);
    expect(await bench.ledgerHead()).toEqual(before);
  });
});

describe('the built-in sample (data/samples/dkukm-babel)', () => {
  it('imports without a warning: the limits catch misreadings, not a real office plan', async () => {
    const bench = await openImportBench();
    try {
      const result = await bench.service.run({ sources: pathSources([SAMPLE_DIR]), principal, dryRun: true });
      expect([result.status, result.problems, result.warnings]).toEqual(['dry_run', [], []]);
    } finally {
      await bench.close();
    }
  });
});
