/**
 * Budget phases (tahapan) in the order a year moves through them. A phase's amount starts from the
 * phase before it that has any amount. PRAKIRAAN_MAJU (next year's forward estimate) stands apart.
 */
export const PHASE_CHAIN = ['RKPD', 'RENJA', 'KUA_PPAS', 'APBD', 'PERGESERAN', 'APBD_P'] as const;
export const PHASES = [...PHASE_CHAIN, 'PRAKIRAAN_MAJU'] as const;
export type Phase = (typeof PHASES)[number];
export type ChainPhase = (typeof PHASE_CHAIN)[number];

/** Phases under which money may be spent: the executable budget (DPA / DPPA). */
export const EXECUTABLE_PHASES: readonly Phase[] = ['APBD', 'PERGESERAN', 'APBD_P'];

/** Changes to these phases need a legal basis and a reason; so does every addition (delta). */
export const PHASES_NEEDING_LEGAL_BASIS: readonly Phase[] = ['APBD', 'PERGESERAN', 'APBD_P'];

/** The original approved budget (APBD murni / induk): the denominator of PEFA-style absorption. */
export const ORIGINAL_BUDGET_PHASE: Phase = 'APBD';

export const isPhase = (value: unknown): value is Phase => typeof value === 'string' && (PHASES as readonly string[]).includes(value);

const PHASE_ALIASES: Record<string, Phase> = {
  PAGU_INDIKATIF: 'RENJA',
  APBD_INDUK: 'APBD',
  APBD_MURNI: 'APBD',
  APBD_PERUBAHAN: 'APBD_P',
};

/**
 * A phase from its canonical code or a spelling offices use: any case, with spaces, "-" or "_"
 * (APBD-P, APBD Perubahan, KUA-PPAS, Pagu Indikatif, APBD Murni/Induk, Prakiraan Maju). Each alias
 * names exactly one phase. Undefined when the value names none.
 */
export function phaseFromAlias(value: unknown): Phase | undefined {
  if (typeof value !== 'string') return undefined;
  const key = value
    .trim()
    .toUpperCase()
    .replace(/[\s\-_]+/g, '_');
  const phase: string = key in PHASE_ALIASES ? PHASE_ALIASES[key] : key;
  return isPhase(phase) ? phase : undefined;
}

/** Well-known funding sources (sumber dana); the list is open: any upper-case code is accepted. */
export const KNOWN_FUNDING_SOURCES = ['APBD', 'PAD', 'DAU', 'DAK', 'DBH', 'DID', 'BLUD', 'BANKEU', 'LAINNYA'] as const;
export const FUNDING_SOURCE_PATTERN = /^[A-Z][A-Z0-9_-]{1,29}$/;
/** The same code as the API takes it: any case (upper-cased when parsed), no surrounding spaces. */
export const FUNDING_SOURCE_AS_SENT = new RegExp(FUNDING_SOURCE_PATTERN.source, 'i');

/** A funding source (sumber dana) code, upper case: the known ones or any other (the list is open). */
export type FundingSource = string;
