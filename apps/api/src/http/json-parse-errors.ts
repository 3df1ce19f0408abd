import type { NextFunction, Request, Response } from 'express';
import { sendError } from './http-errors';

/** Express error middleware behind the JSON body parser: malformed or oversized bodies → JSON 400/413, in the request's language. */
export function jsonParseErrors(error: unknown, request: Request, response: Response, next: NextFunction): void {
  if (!error) return next();
  sendError(request, response, error);
}
