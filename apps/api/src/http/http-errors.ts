import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError } from '@renja/domain';
import { ForbiddenError, IdempotencyConflictError, PreconditionFailedError } from '@renja/application';
import { TokenNameError } from '@renja/infrastructure/auth/token-store';
import type { AuthenticatedRequest } from './auth.guard';
import { JsonStructureError } from './json-structure';
import { RateLimitedError } from './rate-limiter';
import { DuplicateEventIdError, IdempotencyKeyReusedError, WrongExpectedVersionError } from '@renja/event-store';

/** The JSON body of every error: what went wrong, about which field, under which rule. */
export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  rule?: string;
  field?: string;
  details?: string[];
  /** 422: the figures the rule names (amounts as decimal strings, dates ISO), e.g. cumulative, pagu, date, phase. */
  params?: Record<string, string>;
  /** 403: the roles that would be allowed, and the caller's office scope. */
  rolesNeeded?: string[];
  scope?: string;
}

const STATUS_BY_KIND = { invalid: 400, not_found: 404, conflict: 409, rule: 422 } as const;
const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  412: 'Precondition Failed',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

const body = (statusCode: number, message: string, extra: Partial<ErrorBody> = {}): ErrorBody => ({
  statusCode,
  error: TITLES[statusCode] ?? 'Error',
  message,
  ...extra,
});

function fromHttpException(e: HttpException): ErrorBody {
  const status = e.getStatus();
  const response = e.getResponse() as string | { message?: string | string[]; field?: string; rule?: string };
  if (typeof response === 'string') return body(status, response);
  const messages = Array.isArray(response.message) ? response.message : [response.message ?? e.message];
  return body(status, messages.join('; '), {
    field: response.field,
    rule: response.rule,
    details: messages.length > 1 ? messages : undefined,
  });
}

/** Maps every error to one JSON shape and the right status; unexpected errors are logged, never leaked. */
export function toErrorBody(error: unknown): ErrorBody {
  if (error instanceof DomainError) {
    return body(STATUS_BY_KIND[error.kind], error.message, { rule: error.rule, field: error.field, params: error.params });
  }
  if (error instanceof PreconditionFailedError) return body(412, error.message, { rule: 'VERSION_MISMATCH', field: 'If-Match' });
  if (error instanceof WrongExpectedVersionError) {
    return body(409, `the line changed while this request was being decided (${error.message}); retry`, { rule: 'CONCURRENT_WRITE' });
  }
  if (error instanceof IdempotencyConflictError || error instanceof IdempotencyKeyReusedError) {
    return body(422, error.message, { rule: 'IDEMPOTENCY_KEY_REUSED', field: 'Idempotency-Key' });
  }
  if (error instanceof JsonStructureError) return body(400, error.message, { field: error.field, rule: error.rule });
  if (error instanceof ForbiddenError)
    return body(403, error.message, { rule: 'FORBIDDEN', rolesNeeded: error.rolesNeeded, scope: error.scope });
  if (error instanceof RateLimitedError) return body(429, error.message, { rule: 'RATE_LIMITED' });
  if (error instanceof TokenNameError) return body(400, error.message, { field: 'name', rule: 'INVALID_VALUE' });
  if (error instanceof DuplicateEventIdError) return body(409, error.message, { rule: 'DUPLICATE_EVENT' });
  if (error instanceof HttpException) return fromHttpException(error);
  const parserError = error as { type?: string; status?: number; message?: string };
  if (parserError?.type === 'entity.parse.failed')
    return body(400, `request body is not valid JSON: ${parserError.message}`, { field: 'body', rule: 'MALFORMED_JSON' });
  if (parserError?.type === 'charset.unsupported' || parserError?.type === 'encoding.unsupported') {
    return body(415, `${parserError.message}: send the body as UTF-8 JSON`, { field: 'Content-Type', rule: 'UNSUPPORTED_MEDIA_TYPE' });
  }
  if (parserError?.type === 'entity.too.large') {
    const limit = (parserError as { limit?: number }).limit;
    return body(413, `request body is too large${limit ? ` (at most ${limit} bytes)` : ''}`, { field: 'body', rule: 'BODY_TOO_LARGE' });
  }
  if (typeof parserError?.status === 'number' && parserError.status >= 400 && parserError.status < 500) {
    return body(parserError.status, parserError.message ?? 'bad request');
  }
  return body(500, 'internal error: the request was not recorded; the ledger is unchanged');
}

/** Where refused attempts (401, 403) are reported: the name the caller went by, never its secret. */
export type RefusalLog = (line: string) => void;

@Catch()
export class LedgerExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');
  private readonly refusals: RefusalLog;

  constructor(refusals?: RefusalLog) {
    this.refusals = refusals ?? ((line) => this.logger.warn(line));
  }

  catch(error: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const request = host.switchToHttp().getRequest<AuthenticatedRequest>();
    const payload = toErrorBody(error);
    if (payload.statusCode >= 500) this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    if (payload.statusCode === 401 || payload.statusCode === 403) {
      const who = request.principal?.name ?? request.claimedBy ?? 'unknown token';
      this.refusals(
        `refused ${payload.statusCode} ${request.method} ${request.originalUrl.slice(0, 300)} for "${who}": ${payload.message}`,
      );
    }
    if (error instanceof RateLimitedError) response.setHeader('Retry-After', String(error.retryAfterSeconds));
    // type() first: a handler may have set text/plain (a checkpoint note) before failing.
    response.status(payload.statusCode).type('application/json').json(payload);
  }
}
