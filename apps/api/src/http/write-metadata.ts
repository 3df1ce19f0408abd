import { msg } from '@renja/domain';
import { BadRequestException, createParamDecorator, UnauthorizedException, type ExecutionContext } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import type { CommandMetadata } from '@renja/application';
import { canonicalJson } from '@renja/event-store';
import type { AuthenticatedRequest } from './auth.guard';

const KEY = /^[\x21-\x7e]{1,200}$/;
const ID = /^[\x21-\x7e]{1,200}$/;

/** If-Match: "7", W/"7" or 7 → 7. */
export function parseIfMatch(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const m = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(value);
  if (!m) throw new BadRequestException({ message: msg('INVALID_VALUE.if_match', { value }), field: 'If-Match' });
  return Number(m[1]);
}

function header(request: AuthenticatedRequest, name: string, pattern: RegExp): string | undefined {
  const value = request.headers[name.toLowerCase()];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !pattern.test(value)) {
    throw new BadRequestException({ message: msg('INVALID_VALUE.header', { name }), field: name });
  }
  return value;
}

/** Builds the metadata of a write from the request: principal (the actor), correlation, idempotency, If-Match. */
export const WriteMetadata = createParamDecorator((_: unknown, context: ExecutionContext): CommandMetadata => {
  const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
  // Only a route that skipped the guard (@Public) could get here without one; a write never may.
  if (!request.principal) throw new UnauthorizedException({ message: msg('TOKEN_REQUIRED.write'), field: 'Authorization' });
  const correlationId = header(request, 'X-Correlation-Id', ID) ?? randomUUID();
  // Canonical JSON: the same body with its keys in another order is the same request.
  const requestHash = createHash('sha256')
    .update(`${request.method} ${request.originalUrl}\n${canonicalJson(request.body ?? null)}`)
    .digest('hex');
  return {
    principal: request.principal,
    correlationId,
    causationId: header(request, 'X-Causation-Id', ID) ?? null,
    idempotencyKey: header(request, 'Idempotency-Key', KEY),
    requestHash,
    expectedVersion: parseIfMatch(request.headers['if-match']),
  };
});
