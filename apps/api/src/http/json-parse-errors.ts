import type { NextFunction, Request, Response } from 'express';
import { toErrorBody } from './http-errors';

/** Express error middleware behind the JSON body parser: malformed or oversized bodies → JSON 400/413. */
export function jsonParseErrors(error: unknown, _request: Request, response: Response, next: NextFunction): void {
  if (!error) return next();
  const body = toErrorBody(error);
  response.status(body.statusCode).json(body);
}
