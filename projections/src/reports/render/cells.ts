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
