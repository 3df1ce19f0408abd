import { parseIsoDate } from './dates';
import { invalid, ruleBroken } from './errors';
import { msg, type Message } from './messages/message';

/**
 * The longest text each field takes: the domain's rule, which the API's DTOs repeat for their OpenAPI
 * shape by importing it (never a second number).
 */
export const TEXT_LIMITS = {
  legalBasisKind: 40,
  legalBasisNumber: 120,
  reason: 2000,
  officeName: 300,
  lineName: 500,
  indicatorName: 500,
  indicatorUnit: 60,
  /** An indicator named by a stated figure (TARGET). */
  statedIndicator: 500,
  statedLabel: 500,
  statedSource: 200,
  note: 2000,
  /** Each of faktor pendorong, penghambat and tindak lanjut. */
  evaluationNote: 4000,
  signatoryPlace: 100,
  signatoryTitle: 200,
  signatoryName: 150,
} as const;

export interface LegalBasis {
  /** Perda, Perkada, DPA, DPPA, PMK, ... */
  kind: string;
  number: string;
  date: string;
}

const text = (value: unknown, field: string, max: number): string => {
  if (typeof value !== 'string' || value.trim() === '') throw invalid(field, msg('TEXT_REQUIRED'), 'TEXT_REQUIRED');
  const trimmed = value.trim();
  if (trimmed.length > max) throw invalid(field, msg('TEXT_TOO_LONG', { max }), 'TEXT_TOO_LONG');
  return trimmed;
};

export function parseLegalBasis(value: unknown, field = 'legalBasis'): LegalBasis | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'object') throw invalid(field, msg('LEGAL_BASIS_FORMAT'), 'LEGAL_BASIS_FORMAT');
  const v = value as Record<string, unknown>;
  return {
    kind: text(v.kind, `${field}.kind`, TEXT_LIMITS.legalBasisKind),
    number: text(v.number, `${field}.number`, TEXT_LIMITS.legalBasisNumber),
    date: parseIsoDate(v.date, `${field}.date`),
  };
}

export function parseReason(value: unknown, field = 'reason'): string | null {
  if (value === undefined || value === null) return null;
  return text(value, field, TEXT_LIMITS.reason);
}

export function requireText(value: unknown, field: string, max = 500): string {
  return text(value, field, max);
}

/** Changes that a finance officer must be able to trace to an instrument carry legal basis and reason. */
export function requireLegalBasisAndReason(
  legalBasis: LegalBasis | null,
  reason: string | null,
  /** What the change is, said as a phrase: `msg('WHY.shift')`. */
  why: string | Message,
): { legalBasis: LegalBasis; reason: string } {
  if (!legalBasis) throw ruleBroken('LEGAL_BASIS_REQUIRED', msg('LEGAL_BASIS_REQUIRED', { why }), 'legalBasis');
  if (!reason) throw ruleBroken('REASON_REQUIRED', msg('REASON_REQUIRED', { why }), 'reason');
  return { legalBasis, reason };
}
