/**
 * Turns the verifier's structured steps (apps/web/src/verify) into catalogue keys and values, so the
 * page says in plain words what was checked. Pure: no React, unit-tested beside it.
 */
import type { LineVerification, VerificationStep } from '../../verify';
import { messages } from './messages';

type Key = keyof typeof messages.id;
export interface Phrase {
  key: Key;
  values: Record<string, string | number>;
}
export type { Key as IntegrityKey };

/** A hash shown short enough to read aloud, long enough to compare by eye: the first 12 characters. */
export function shortHash(value: string | undefined): string {
  if (!value) return '—';
  return value.length > 12 ? `${value.slice(0, 12)}…` : value;
}

const KINDS: Record<VerificationStep['kind'], Key> = {
  signature: 'integrity.kind.signature',
  leaf: 'integrity.kind.leaf',
  inclusion: 'integrity.kind.inclusion',
  order: 'integrity.kind.order',
};

export const kindKey = (kind: VerificationStep['kind']): Key => KINDS[kind] ?? 'integrity.kind.order';

/** The message of a failure reason; an unknown reason is still shown, by its code. */
export function reasonPhrase(reason: string): Phrase {
  const key = `integrity.reason.${reason}`;
  return key in messages.id && reason !== 'unknown'
    ? { key: key as Key, values: {} }
    : { key: 'integrity.reason.unknown', values: { reason } };
}

/** Fills a template with values (the caller passes useI18n().t, or a plain lookup in tests). */
export type Say = (key: Key, values?: Record<string, string | number>) => string;

const sayReason = (say: Say, reason: string): string => {
  const phrase = reasonPhrase(reason);
  return say(phrase.key, phrase.values);
};

/** One step as a sentence; a failure names its kind, position and reason. */
export function describeStep(say: Say, step: VerificationStep, checkpoint: LineVerification['checkpoint']): string {
  const kind = say(kindKey(step.kind));
  if (!step.ok) {
    const values = { kind, reason: sayReason(say, step.reason), position: step.position ?? '', size: step.position ?? '' };
    // A signature step's "position" is the checkpoint's size, not an event: say so.
    const key: Key =
      step.position === undefined
        ? 'integrity.step.failedNoPosition'
        : step.kind === 'signature'
          ? 'integrity.step.failedCheckpoint'
          : 'integrity.step.failed';
    return say(key, values);
  }
  const values = { position: step.position ?? '', size: checkpoint.size, keyId: checkpoint.keyId, hash: shortHash(step.computed) };
  const key: Key =
    step.kind === 'signature'
      ? 'integrity.step.signature'
      : step.kind === 'leaf'
        ? 'integrity.step.leaf'
        : step.kind === 'inclusion'
          ? 'integrity.step.inclusion'
          : 'integrity.step.order';
  return say(key, values);
}

/** The headline: verified (with or without events of the line) or the first failure. */
export function summarise(say: Say, result: LineVerification, code: string): string {
  const { size, keyId } = result.checkpoint;
  if (result.ok) return say(result.events === 0 ? 'integrity.okEmpty' : 'integrity.ok', { events: result.events, code, size, keyId });
  const failure = result.firstFailure ?? { kind: 'order' as const, reason: 'unknown', detail: '' };
  const values = {
    kind: say(kindKey(failure.kind)),
    reason: sayReason(say, failure.reason),
    position: failure.position ?? '',
    size: failure.position ?? '',
  };
  const key: Key =
    failure.position === undefined
      ? 'integrity.failedNoPosition'
      : failure.kind === 'signature'
        ? 'integrity.failedCheckpoint'
        : 'integrity.failed';
  return say(key, values);
}
