import { requireText, TEXT_LIMITS } from '../shared/legal-basis';
import type { ParseMode } from '../shared/readings';
import { parseOfficeCode, type RegisterOffice } from './office';
import { parseSignatoryNip, type SetOfficeSignatory } from './office-signatory';

/**
 * An office's registration from what was sent: its code (letters, digits, dots, dashes; upper case) and
 * name within TEXT_LIMITS. Both modes read the same: an office code has no human spelling to allow.
 */
export function parseRegisterOffice(input: { code?: unknown; name?: unknown }, mode: ParseMode): Omit<RegisterOffice, 'type' | 'eventId'> {
  void mode;
  return { code: parseOfficeCode(input.code), name: requireText(input.name, 'name', TEXT_LIMITS.officeName) };
}

/** Who signs an office's papers, from what was sent: texts within TEXT_LIMITS, the NIP as 18 digits (spaces dropped). */
export function parseOfficeSignatory(
  input: { place?: unknown; title?: unknown; name?: unknown; nip?: unknown },
  mode: ParseMode,
): Omit<SetOfficeSignatory, 'type' | 'eventId' | 'office'> {
  void mode;
  return {
    place: requireText(input.place, 'place', TEXT_LIMITS.signatoryPlace),
    title: requireText(input.title, 'title', TEXT_LIMITS.signatoryTitle),
    name: requireText(input.name, 'name', TEXT_LIMITS.signatoryName),
    nip: parseSignatoryNip(input.nip),
  };
}
