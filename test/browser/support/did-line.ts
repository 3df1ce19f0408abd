/** The DID story of the built-in sample (README, docs/reports.md): one line of DKUKM 2022. */
export const DID = {
  year: 2022,
  office: 'DKUKM',
  code: '2.17.08.1.01.0001',
  legalBasis: 'PMK 170/PMK.07/2022',
  /** Pagu now: APBD induk, then APBD-P with the DID of November 2022. */
  finalNow: 'Rp 6.145.553.447,00',
  /** Pagu in force on 31 October 2022, before the DID. */
  beforeDid: { validAt: '2022-10-31', final: 'Rp 518.553.447,00' },
} as const;
