import { rolesToCorrect, type CorrectableKind } from '@renja/application/shared/command-roles';
import type { SessionInfo } from '../../api/session';

export { rolesToCorrect, type CorrectableKind };

/** The fields of a timeline or change-log entry that say what it is. */
export interface EntryFacts {
  eventId: string;
  type: string;
  correctsEventId: string | null;
  changes: Array<{ figure: string | null }>;
}

const KIND_OF_TYPE: Record<string, CorrectableKind> = {
  'pagu.changed': 'pagu',
  'pagu.shifted': 'shift',
  'target.revised': 'target',
  'realisation.recorded': 'realisation',
};

/** The pagu phase an entry changed, read from its figures ("pagu.APBD.DID"); null when it changed none. */
export function phaseOf(entry: EntryFacts): string | null {
  for (const { figure } of entry.changes) {
    const [head, phase] = (figure ?? '').split('.');
    if (head === 'pagu' && phase && phase !== 'current') return phase;
  }
  return null;
}

/**
 * What an entry is, for a correction: its own kind, or for a correction (a replacement) the kind of the
 * entry it corrects, followed through the chain. When the original is not at hand (a filtered change
 * log), the figures say it: pagu, target or realisation.
 */
export function kindOf(entry: EntryFacts, byId: ReadonlyMap<string, EntryFacts>): CorrectableKind | null {
  let current: EntryFacts | undefined = entry;
  for (let hops = 0; current && hops < 100; hops++) {
    const kind = KIND_OF_TYPE[current.type];
    if (kind) return kind;
    if (current.type !== 'event.corrected' || !current.correctsEventId) return null;
    current = byId.get(current.correctsEventId);
  }
  const family = entry.changes.map((c) => (c.figure ?? '').split('.')[0]).find((f) => f !== 'pagu' || phaseOf(entry));
  return family === 'pagu' ? 'pagu' : family === 'target' ? 'target' : family === 'realisation' ? 'realisation' : null;
}

const inScope = (offices: SessionInfo['offices'], office: string) =>
  offices === '*' || offices.some((o) => o.toUpperCase() === office.toUpperCase());

/** Whether to offer Koreksi and Batalkan on an entry: a correctable kind, not corrected yet, the right role and office. */
export function mayCorrect(
  session: Pick<SessionInfo, 'roles' | 'offices'> | null,
  office: string,
  entry: EntryFacts,
  byId: ReadonlyMap<string, EntryFacts>,
  alreadyCorrected: boolean,
): boolean {
  if (!session || alreadyCorrected) return false;
  const kind = kindOf(entry, byId);
  if (!kind) return false;
  const roles = rolesToCorrect(kind, phaseOf(entry));
  return session.roles.some((r) => roles.includes(r)) && inScope(session.offices, office);
}
