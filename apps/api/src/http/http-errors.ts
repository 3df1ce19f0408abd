import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DEFAULT_LANGUAGE, DomainError, isMessage, msg, pickLanguage, render, type Language, type Message } from '@renja/domain';
import { ForbiddenError, IdempotencyConflictError, PreconditionFailedError } from '@renja/application';
import { TokenNameError } from '@renja/infrastructure/auth/token-store';
import type { AuthenticatedRequest } from './auth.guard';
import { JsonStructureError } from './json-structure';
import { RateLimitedError } from './rate-limiter';
import { asDatabaseUnavailable } from '../ops/database-availability';
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

type HttpMessage = string | Message;

function fromHttpException(e: HttpException, language: Language): ErrorBody {
  const status = e.getStatus();
  const response = e.getResponse() as string | { message?: HttpMessage | HttpMessage[]; field?: string; rule?: string };
  if (typeof response === 'string') return body(status, response);
  const sent = response.message ?? e.message;
  const messages = (Array.isArray(sent) ? sent : [sent]).map((m) => (isMessage(m) ? render(m, language) : String(m)));
  // Nest's answer to a path no route serves: "Cannot GET /api/v1/…".
  const unrouted = status === 404 && !response.rule && typeof sent === 'string' ? /^Cannot ([A-Z]+) (.+)$/.exec(sent) : null;
  if (unrouted)
    return body(404, render(msg('ROUTE_NOT_FOUND', { method: unrouted[1], path: unrouted[2] }), language), { rule: 'ROUTE_NOT_FOUND' });
  return body(status, messages.join('; '), {
    field: response.field,
    rule: response.rule,
    details: messages.length > 1 ? messages : undefined,
  });
}

/**
 * Maps every error to one JSON shape and the right status, its message in the language asked for
 * (Bahasa Indonesia unless English; `rule` codes never change); unexpected errors are logged, never leaked.
 */
export function toErrorBody(failure: unknown, language: Language = DEFAULT_LANGUAGE): ErrorBody {
  const error = asDatabaseUnavailable(failure); // PostgreSQL down or restarting: 503 DATABASE_UNAVAILABLE (+ Retry-After), not 500
  const say = (message: Message) => render(message, language);
  if (error instanceof DomainError) {
    return body(STATUS_BY_KIND[error.kind], error.messageIn(language), { rule: error.rule, field: error.field, params: error.params });
  }
  if (error instanceof PreconditionFailedError) {
    const { expected, actual, streamId } = error;
    return body(412, say(msg('VERSION_MISMATCH', { expected, actual, streamId })), { rule: 'VERSION_MISMATCH', field: 'If-Match' });
  }
  if (error instanceof WrongExpectedVersionError) {
    return body(409, say(msg('CONCURRENT_WRITE', { detail: error.message })), { rule: 'CONCURRENT_WRITE' });
  }
  if (error instanceof IdempotencyConflictError || error instanceof IdempotencyKeyReusedError) {
    return body(422, say(msg('IDEMPOTENCY_KEY_REUSED', { key: error.key })), { rule: 'IDEMPOTENCY_KEY_REUSED', field: 'Idempotency-Key' });
  }
  if (error instanceof JsonStructureError) {
    const max = /deeper than (\d+)/.exec(error.message)?.[1];
    const text =
      error.rule === 'DUPLICATE_KEY' || (error.rule === 'BODY_TOO_DEEP' && max)
        ? say(msg(error.rule, { field: error.field, max: max ?? '' }))
        : error.message;
    return body(400, text, { field: error.field, rule: error.rule });
  }
  if (error instanceof ForbiddenError)
    return body(403, error.text ? say(error.text) : error.message, {
      rule: 'FORBIDDEN',
      rolesNeeded: error.rolesNeeded,
      scope: error.scope,
    });
  if (error instanceof RateLimitedError) {
    return body(429, say(msg('RATE_LIMITED', { who: error.who, seconds: error.retryAfterSeconds })), { rule: 'RATE_LIMITED' });
  }
  if (error instanceof TokenNameError) return body(400, say(msg('TOKEN_NAME_FORMAT')), { field: 'name', rule: 'INVALID_VALUE' });
  if (error instanceof DuplicateEventIdError)
    return body(409, say(msg('DUPLICATE_EVENT', { eventId: error.eventId })), { rule: 'DUPLICATE_EVENT' });
  if (error instanceof HttpException) return fromHttpException(error, language);
  const parserError = error as { type?: string; status?: number; message?: string };
  if (parserError?.type === 'entity.parse.failed')
    return body(400, say(msg('MALFORMED_JSON', { detail: parserError.message ?? '' })), { field: 'body', rule: 'MALFORMED_JSON' });
  if (parserError?.type === 'charset.unsupported' || parserError?.type === 'encoding.unsupported') {
    return body(415, say(msg('UNSUPPORTED_MEDIA_TYPE', { detail: parserError.message ?? '' })), {
      field: 'Content-Type',
      rule: 'UNSUPPORTED_MEDIA_TYPE',
    });
  }
  if (parserError?.type === 'entity.too.large') {
    const limit = (parserError as { limit?: number }).limit;
    return body(413, say(limit ? msg('BODY_TOO_LARGE.limit', { limit }) : msg('BODY_TOO_LARGE')), {
      field: 'body',
      rule: 'BODY_TOO_LARGE',
    });
  }
  if (typeof parserError?.status === 'number' && parserError.status >= 400 && parserError.status < 500) {
    return body(parserError.status, parserError.message ?? say(msg('BAD_REQUEST')));
  }
  return body(500, say(msg('INTERNAL_ERROR')));
}

/** The language of an error answer: from the request's Accept-Language, Bahasa Indonesia by default. */
export const languageOf = (request: Pick<Request, 'headers'>): Language => pickLanguage(request.headers?.['accept-language']);

/** Sends an error answer in the request's language, saying which (Content-Language). */
export function sendError(request: Pick<Request, 'headers'>, response: Response, error: unknown): ErrorBody {
  const language = languageOf(request);
  const payload = toErrorBody(error, language);
  response.setHeader('Content-Language', language);
  // type() first: a handler may have set text/plain (a checkpoint note) before failing.
  response.status(payload.statusCode).type('application/json').json(payload);
  return payload;
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
    const language = languageOf(request);
    const payload = toErrorBody(error, language);
    if (payload.statusCode >= 500) this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    if (payload.statusCode === 401 || payload.statusCode === 403) {
      const who = request.principal?.name ?? request.claimedBy ?? 'unknown token';
      this.refusals(
        `refused ${payload.statusCode} ${request.method} ${request.originalUrl.slice(0, 300)} for "${who}": ${payload.message}`,
      );
    }
    if (error instanceof RateLimitedError) response.setHeader('Retry-After', String(error.retryAfterSeconds));
    response.setHeader('Content-Language', language);
    // type() first: a handler may have set text/plain (a checkpoint note) before failing.
    response.status(payload.statusCode).type('application/json').json(payload);
  }
}
