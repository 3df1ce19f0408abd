import type { NextFunction, Request, Response } from 'express';
import { msg, render, type Message } from '@renja/domain';
import { languageOf, toErrorBody } from './http-errors';

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Routes that take another body: the import upload reads multipart/form-data itself (apps/api/src/http/multipart.ts). */
const OWN_BODY_ROUTES = new Set(['/api/v1/imports']);
const hasBody = (request: Request) =>
  Number(request.headers['content-length'] ?? 0) > 0 || request.headers['transfer-encoding'] !== undefined;

function refuse(request: Request, response: Response, status: number, message: Message, field: string, rule: string): void {
  const language = languageOf(request);
  response.setHeader('Content-Language', language);
  response.status(status).json({ ...toErrorBody({ status, message: render(message, language) }, language), field, rule });
}

/**
 * Every write takes a JSON object or nothing: another media type is a 415 naming Content-Type, and a
 * JSON array or scalar a 400 naming the body — before any handler sees it. The import upload is the one
 * route with another media type (multipart/form-data, with its own size limit and 4xx answers).
 */
export function requireJsonObjectBody(request: Request, response: Response, next: NextFunction): void {
  if (!WRITES.has(request.method) || OWN_BODY_ROUTES.has(request.path.replace(/\/+$/, ''))) return next();
  if (hasBody(request) && !request.is('application/json')) {
    const type = String(request.headers['content-type'] ?? 'none').slice(0, 100);
    return refuse(request, response, 415, msg('UNSUPPORTED_MEDIA_TYPE.not_json', { type }), 'Content-Type', 'UNSUPPORTED_MEDIA_TYPE');
  }
  // No body at all: an empty object, so validation names each missing field instead of a handler tripping over nothing.
  if (request.body === undefined) request.body = {};
  const body: unknown = request.body;
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return refuse(
      request,
      response,
      400,
      msg('BODY_NOT_OBJECT', { type: Array.isArray(body) ? 'array' : body === null ? 'null' : typeof body }),
      'body',
      'BODY_NOT_OBJECT',
    );
  }
  next();
}
