import type { LegalBasis } from '@renja/domain';

/** "PMK 170/PMK.07/2022 tanggal 2022-11-08": the legal basis as an inspector cites it. */
export const legalBasisText = (b: LegalBasis | null): string | null => (b ? `${b.kind} ${b.number} tanggal ${b.date}` : null);

export const PHASE_NAMES: Record<string, string> = {
  RKPD: 'RKPD',
  RENJA: 'Renja',
  KUA_PPAS: 'KUA-PPAS',
  APBD: 'APBD',
  PERGESERAN: 'Pergeseran',
  APBD_P: 'APBD-P',
  PRAKIRAAN_MAJU: 'Prakiraan Maju',
};

export const phaseName = (phase: string | null): string | null => (phase ? (PHASE_NAMES[phase] ?? phase) : null);
