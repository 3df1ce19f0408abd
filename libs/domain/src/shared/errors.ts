import { isMessage, render, rawMessage, type Language, type Message } from './messages/message';

/**
 * Typed domain errors. `kind` decides the HTTP status in the API's single exception filter:
 * invalid → 400, not_found → 404, conflict → 409, rule → 422.
 */
export type DomainErrorKind = 'invalid' | 'not_found' | 'conflict' | 'rule';

export class DomainError extends Error {
  /** The sentence for people, in every language (`message` is its English form, for logs and developers). */
  readonly text: Message;

  constructor(
    readonly kind: DomainErrorKind,
    /** Stable machine-readable code, e.g. REALISATION_EXCEEDS_PAGU. */
    readonly rule: string,
    message: string | Message,
    /** The request field the error is about, when there is one. */
    readonly field?: string,
    /** The figures a rule names (amounts as decimal strings, dates ISO), so a client can say it in its own language. */
    readonly params?: Record<string, string>,
  ) {
    const text = typeof message === 'string' ? rawMessage(message) : message;
    super(render(text, 'en'));
    this.text = text;
    this.name = 'DomainError';
  }

  /** The message as a person reads it: Bahasa Indonesia unless English is asked for. */
  messageIn(language: Language): string {
    return render(this.text, language);
  }
}

const aboutField = (field: string, message: string | Message): Message =>
  typeof message === 'string' ? { raw: message, field } : { ...message, field };

export const invalid = (field: string, message: string | Message, rule = 'INVALID_VALUE') =>
  new DomainError('invalid', rule, aboutField(field, message), field);

export const ruleBroken = (rule: string, message: string | Message, field?: string, params?: Record<string, string>) =>
  new DomainError('rule', rule, message, field, params);

export const notFound = (rule: string, message: string | Message, field?: string) => new DomainError('not_found', rule, message, field);

export const conflict = (rule: string, message: string | Message, field?: string) => new DomainError('conflict', rule, message, field);

/**
 * Any error's message for people: a domain error (or any error carrying a catalogue `text`, such as a
 * refusal by role) in the language asked for, anything else as it is.
 */
export function messageOf(error: unknown, language: Language): string {
  if (error instanceof DomainError) return error.messageIn(language);
  const text = (error as { text?: unknown } | null)?.text;
  if (isMessage(text)) return render(text, language);
  return error instanceof Error ? error.message : String(error);
}
