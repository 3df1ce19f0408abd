import type { TestApp } from './test-app';

/**
 * The 2022 DID story of domain.md (DKUKM Kepulauan Bangka Belitung): APBD induk amounts, DID additions
 * under PMK 170/PMK.07/2022 arriving in November 2022, quarterly realisations. Legal-basis numbers other
 * than the PMK and the exact dates are illustrative.
 */
export const OFFICE = 'DKUKM';
export const YEAR = 2022;
export const PERDA_APBD = { kind: 'Perda', number: '10 Tahun 2021', date: '2021-12-30' };
export const PMK_DID = { kind: 'PMK', number: '170/PMK.07/2022', date: '2022-11-08' };

export const PROGRAMS = [
  {
    program: ['2.17.07', 'Program Pemberdayaan Usaha Menengah, Usaha Kecil, dan Usaha Mikro (UMKM)'],
    kegiatan: [
      '2.17.07.1.01',
      'Pemberdayaan Usaha Kecil yang dilakukan Melalui Pendataan, Kemitraan, Kemudahan Perijinan, Penguatan Kelembagaan dan Koordinasi Dengan Para Pemangku Kepentingan',
    ],
    sub: ['2.17.07.1.01.0001', 'Menumbuhkembangkan UMKM untuk menjadi Usaha yang Tangguh dan Mandiri'],
    induk: '653027794.00',
    did: '1000000000.00',
    quarters: ['95000000.00', '150000000.00', '210000000.00', '175592410.00'],
  },
  {
    program: ['2.17.08', 'Program Pengembangan UMKM'],
    kegiatan: ['2.17.08.1.01', 'Pengembangan Usaha Kecil dengan Orientasi Peningkatan Skala Usaha Menjadi Usaha Menengah'],
    sub: ['2.17.08.1.01.0001', 'Peningkatan Produktivitas, Nilai Tambah, Akses Pasar dan Akses Pembiayaan Usaha Kecil'],
    induk: '518553447.00',
    did: '5627000000.00',
    quarters: ['80000000.00', '120000000.00', '150000000.00', '2094304781.00'],
  },
];

export async function post(t: TestApp, path: string, body: object, expected = 201) {
  const res = await t.http().post(path).set(t.auth).send(body);
  if (res.status !== expected) throw new Error(`POST ${path} → ${res.status} ${JSON.stringify(res.body)}`);
  return res;
}

export async function recordDidStory(t: TestApp): Promise<void> {
  const base = `/api/v1/years/${YEAR}/offices/${OFFICE}`;
  await post(t, '/api/v1/offices', { code: OFFICE, name: 'Dinas Koperasi, Usaha Kecil dan Menengah Provinsi Kepulauan Bangka Belitung' });
  for (const p of PROGRAMS) {
    for (const [code, name] of [p.program, p.kegiatan, p.sub]) await post(t, `${base}/lines`, { code, name });
    const line = `${base}/lines/${p.sub[0]}`;
    await post(t, `${line}/pagu`, {
      phase: 'APBD',
      fundingSource: 'DAU',
      amount: p.induk,
      reason: 'APBD murni 2022',
      legalBasis: PERDA_APBD,
      effectiveDate: '2022-01-03',
    });
    for (const [i, amount] of p.quarters.slice(0, 3).entries()) await post(t, `${line}/realisations`, { period: `2022-Q${i + 1}`, amount });
    await post(t, `${line}/pagu`, {
      phase: 'APBD_P',
      fundingSource: 'DID',
      delta: p.did,
      reason: 'Tambahan Dana Insentif Daerah (DID) tahun 2022',
      legalBasis: PMK_DID,
      effectiveDate: '2022-11-08',
    });
    await post(t, `${line}/realisations`, { period: '2022-Q4', amount: p.quarters[3] });
  }
}
