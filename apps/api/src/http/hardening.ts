import type { NextFunction, Request, Response } from 'express';
import { msg, render } from '@renja/domain';
import { languageOf, toErrorBody } from './http-errors';

/**
 * The API's own pages are the Swagger UI (external scripts, inline styles, data: images); nothing else
 * is served as HTML, so scripts from anywhere else and framing are refused.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export function securityHeaders(request: Request, response: Response, next: NextFunction): void {
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader('X-Frame-Options', 'DENY');
  response.setHeader('Referrer-Policy', 'no-referrer');
  response.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  response.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  if (request.path.startsWith('/api/v1/')) response.setHeader('Cache-Control', 'no-store');
  next();
}

const ALLOWED_HEADERS = 'Authorization, Content-Type, Idempotency-Key, If-Match, X-Correlation-Id, X-Causation-Id, X-CSRF-Token';
const EXPOSED_HEADERS = 'ETag, Retry-After, Idempotent-Replayed';

/**
 * CORS, closed unless origins are configured: an allowed origin gets the CORS headers (and its
 * preflight a 204); any other cross-origin preflight is refused with a 403 naming the Origin header.
 */
export function cors(origins: readonly string[]) {
  const allowed = new Set(origins);
  return (request: Request, response: Response, next: NextFunction): void => {
    const origin = request.headers.origin;
    const preflight = request.method === 'OPTIONS' && request.headers['access-control-request-method'] !== undefined;
    if (typeof origin === 'string' && allowed.has(origin)) {
      response.setHeader('Access-Control-Allow-Origin', origin);
      response.setHeader('Vary', 'Origin');
      response.setHeader('Access-Control-Expose-Headers', EXPOSED_HEADERS);
      if (preflight) {
        response.setHeader('Access-Control-Allow-Methods', 'GET, POST, DELETE');
        response.setHeader('Access-Control-Allow-Headers', ALLOWED_HEADERS);
        response.setHeader('Access-Control-Max-Age', '600');
        response.status(204).end();
        return;
      }
      return next();
    }
    if (preflight) {
      const language = languageOf(request);
      const message = render(msg('CORS_ORIGIN_NOT_ALLOWED', { origin: String(origin ?? '?').slice(0, 200) }), language);
      response.setHeader('Content-Language', language);
      response.status(403).json({ ...toErrorBody({ status: 403, message }, language), field: 'Origin', rule: 'CORS_ORIGIN_NOT_ALLOWED' });
      return;
    }
    next();
  };
}

/**
 * A path segment that is not valid percent-encoded UTF-8 (%zz, %C0%AF) fails in the router, before any
 * filter of ours: check here, so the answer is the same JSON 400 as every other bad input.
 */
export function rejectMalformedPath(request: Request, response: Response, next: NextFunction): void {
  for (const segment of request.path.split('/')) {
    if (!segment.includes('%')) continue;
    try {
      decodeURIComponent(segment);
    } catch (error) {
      if (!(error instanceof URIError)) throw error;
      const shown = segment.slice(0, 60);
      const language = languageOf(request);
      response.setHeader('Content-Language', language);
      response.status(400).json({
        ...toErrorBody({ status: 400, message: render(msg('MALFORMED_PATH', { segment: shown }), language) }, language),
        field: 'path',
        rule: 'MALFORMED_PATH',
      });
      return;
    }
  }
  next();
}
