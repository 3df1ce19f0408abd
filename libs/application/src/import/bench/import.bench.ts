/**
 * Import throughput on the embedded PostgreSQL. Not part of `npm test`; run with
 *   npx jest libs/application/src/import/bench --testRegex 'bench\.ts$'
 * One office the size of a province office (8 programs × 5 kegiatan × 15 sub kegiatan = 648 lines), each sub
 * kegiatan with an indicator and target, APBD pagu, an APBD-P change and four quarterly realisations.
 */
import { systemPrincipal } from '../../shared/principal';
import { csv, openImportBench } from '../testing/import-fixture';

const dotted = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');

function office(programs: number, kegiatan: number, subs: number) {
  const rencana = ['Tahun,Perangkat Daerah,Kode,Program/Kegiatan/Sub Kegiatan,Indikator,Satuan,Target,Tanggal Berlaku'];
  const pagu = [
    'Tahun,Perangkat Daerah,Kode,Tahapan,Sumber Dana,Pagu,Perubahan,Tanggal Berlaku,Alasan,Jenis Dasar Hukum,Nomor Dasar Hukum,Tanggal Dasar Hukum',
  ];
  const realisasi = ['Tahun,Perangkat Daerah,Kode,Periode,Realisasi'];
  for (let p = 1; p <= programs; p++) {
    const program = `2.17.${String(p).padStart(2, '0')}`;
    rencana.push(`2022,DKUKM,${program},Program ${p},,,,`);
    for (let k = 1; k <= kegiatan; k++) {
      const keg = `${program}.1.${String(k).padStart(2, '0')}`;
      rencana.push(`2022,DKUKM,${keg},Kegiatan ${p}.${k},,,,`);
      for (let s = 1; s <= subs; s++) {
        const sub = `${keg}.${String(s).padStart(4, '0')}`;
        rencana.push(`2022,DKUKM,${sub},Sub kegiatan ${p}.${k}.${s},Jumlah peserta,Orang,${s * 10},2022-01-03`);
        pagu.push(`2022,DKUKM,${sub},APBD,DAU,"${dotted(s * 100_000_000)}",,2022-01-03,APBD murni,Perda,10 Tahun 2021,2021-12-30`);
        pagu.push(`2022,DKUKM,${sub},APBD-P,DID,,"${s}0.000.000",2022-11-08,Tambahan DID,PMK,170/PMK.07/2022,2022-11-08`);
        for (let q = 1; q <= 4; q++) realisasi.push(`2022,DKUKM,${sub},TW ${q},"${s}.000.000"`);
      }
    }
  }
  return [
    csv('perangkat_daerah.csv', 'Kode Perangkat Daerah,Nama Perangkat Daerah\nDKUKM,Dinas KUKM\n'),
    csv('rencana.csv', rencana.join('\n')),
    csv('pagu.csv', pagu.join('\n')),
    csv('realisasi.csv', realisasi.join('\n')),
  ];
}

const [P, K, S] = (process.env.IMPORT_BENCH_SIZE ?? '8,5,15').split(',').map(Number);

describe('import throughput', () => {
  it('imports a province office in one append', async () => {
    const bench = await openImportBench();
    try {
      const files = office(P, K, S);
      const rows = files.reduce((n, f) => n + f.size, 0);
      const started = process.hrtime.bigint();
      const dry = await bench.service.run({ sources: office(P, K, S), principal: systemPrincipal('bench'), dryRun: true });
      const dryMs = Number(process.hrtime.bigint() - started) / 1e6;
      const t0 = process.hrtime.bigint();
      const stages: string[] = [];
      let last = process.hrtime.bigint();
      const onProgress = (stage: string, d: number, t: number) => {
        if (d === t) {
          const now = process.hrtime.bigint();
          stages.push(`${stage} ${(Number(now - last) / 1e6).toFixed(0)} ms`);
          last = now;
        }
      };
      const done = await bench.service.run({ sources: files, principal: systemPrincipal('bench'), onProgress });
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      const t1 = process.hrtime.bigint();
      const again = await bench.service.run({ sources: office(P, K, S), principal: systemPrincipal('bench') });
      const againMs = Number(process.hrtime.bigint() - t1) / 1e6;
      expect(done.problems.slice(0, 3)).toEqual([]);
      expect(done.status).toBe('imported');
      expect(again.status).toBe('already_imported');
      process.stdout.write(
        `import bench: ${rows} bytes, ${done.events} events; dry run ${dryMs.toFixed(0)} ms; import (incl. projection catch-up) ${ms.toFixed(0)} ms = ${Math.round((done.events / ms) * 1000)} events/s; re-import ${againMs.toFixed(0)} ms; heap ${Math.round(process.memoryUsage().heapUsed / 1e6)} MB; stages: ${stages.join(', ')}\n`,
      );
      expect(dry.events).toBe(done.events);
    } finally {
      await bench.close();
    }
  }, 600_000);
});
