/**
 * Typed domain errors. `kind` decides the HTTP status in the API's single exception filter:
 * invalid → 400, not_found → 404, conflict → 409, rule → 422.
 */
export type DomainErrorKind = 'invalid' | 'not_found' | 'conflict' | 'rule';

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    /** Stable machine-readable code, e.g. REALISATION_EXCEEDS_PAGU. */
    readonly rule: string,
    message: string,
    /** The request field the error is about, when there is one. */
    readonly field?: string,
    /** The figures a rule names (amounts as decimal strings, dates ISO), so a client can say it in its own language. */
    readonly params?: Record<string, string>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const invalid = (field: string, message: string, rule = 'INVALID_VALUE') =>
  new DomainError('invalid', rule, `${field}: ${message}`, field);

export const ruleBroken = (rule: string, message: string, field?: string, params?: Record<string, string>) =>
  new DomainError('rule', rule, message, field, params);

export const notFound = (rule: string, message: string, field?: string) => new DomainError('not_found', rule, message, field);

export const conflict = (rule: string, message: string, field?: string) => new DomainError('conflict', rule, message, field);
