import { msg } from '@renja/domain';
import type { NextFunction, Request, Response } from 'express';
import { sendError } from './http-errors';
import { BadRequestException } from '@nestjs/common';

/**
 * PostgreSQL's jsonb cannot store NUL characters, and a lone UTF-16 surrogate is not text at all:
 * refuse both up front with a 400 naming the field, instead of failing deep in the database.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const storable = (s: string) => !s.includes('\u0000') && !LONE_SURROGATE.test(s);

/** JSON allows 1e999, which parses to Infinity: no decimal, hash or column can hold it. */
function unrepresentableNumber(value: unknown, path: string, depth = 0): string | null {
  if (typeof value === 'number') return Number.isFinite(value) ? null : path || 'body';
  if (depth > 64 || !value || typeof value !== 'object') return null;
  for (const [key, v] of Object.entries(value)) {
    const bad = unrepresentableNumber(v, Array.isArray(value) ? `${path}[${key}]` : path ? `${path}.${key}` : key, depth + 1);
    if (bad) return bad;
  }
  return null;
}

function unstorable(value: unknown, path: string, depth = 0): string | null {
  if (depth > 64) return path || 'body';
  if (typeof value === 'string') {
    if (!storable(value)) return path || 'body';
    return null;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const bad = unstorable(value[i], `${path}[${i}]`, depth + 1);
      if (bad) return bad;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      const field = path ? `${path}.${key}` : key;
      if (!storable(key)) return field;
      const bad = unstorable(v, field, depth + 1);
      if (bad) return bad;
    }
  }
  return null;
}

export function rejectUnstorableText(request: Request, response: Response, next: NextFunction): void {
  const infinite = unrepresentableNumber(request.body, '');
  if (infinite) {
    const error = new BadRequestException({
      message: msg('NUMBER_NOT_REPRESENTABLE', { field: infinite }),
      field: infinite,
      rule: 'NUMBER_NOT_REPRESENTABLE',
    });
    sendError(request, response, error);
    return;
  }
  const field = unstorable(request.body, '');
  if (!field) return next();
  sendError(
    request,
    response,
    new BadRequestException({
      message: msg('TEXT_NOT_STORABLE', { field }),
      field,
      rule: 'TEXT_NOT_STORABLE',
    }),
  );
}
