import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import type { ErrorBody } from '../http-errors';
import { ErrorBodySchema } from './error-body';

/** The 4xx answers a route may give (apps/api/src/http/http-errors.ts maps every error to one of them). */
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 412 | 413 | 415 | 422 | 429;

/** When each status is answered, and an example body (the rule codes are the ones the server sends). */
const ERRORS: Record<ErrorStatus, { description: string; example: ErrorBody }> = {
  400: {
    description:
      'Invalid input (rule INVALID_REQUEST, INVALID_VALUE, MALFORMED_JSON, BODY_NOT_OBJECT, …): `field` names the path parameter, query parameter, header or body field at fault; `details` lists every problem',
    example: {
      statusCode: 400,
      error: 'Bad Request',
      message:
        'amount: harus berupa string desimal seperti "25000000.00" (paling banyak 2 angka desimal, tanpa pemisah ribuan); diterima angka JSON 100',
      field: 'amount',
      rule: 'INVALID_REQUEST',
    },
  },
  401: {
    description:
      'No valid credentials: no Authorization header (TOKEN_REQUIRED), an unknown, expired or revoked token (TOKEN_INVALID), or an ended or expired session cookie (SESSION_INVALID)',
    example: {
      statusCode: 401,
      error: 'Unauthorized',
      message: 'tidak ada header Authorization: kirim "Authorization: Bearer <token>"',
      field: 'Authorization',
      rule: 'TOKEN_REQUIRED',
    },
  },
  403: {
    description:
      "Not allowed (rule FORBIDDEN): the caller's roles or office scope do not cover the action (`rolesNeeded`, `scope`); or a write with the session cookie without its X-CSRF-Token (CSRF_TOKEN_INVALID)",
    example: {
      statusCode: 403,
      error: 'Forbidden',
      message: 'mengubah pagu memerlukan peran finance; "Siti (BPKAD)" berperan planner',
      rule: 'FORBIDDEN',
      rolesNeeded: ['finance'],
      scope: 'DKUKM',
    },
  },
  404: {
    description: 'What the path names does not exist (an office, a line, an event, a token, a checkpoint)',
    example: {
      statusCode: 404,
      error: 'Not Found',
      message: 'tidak ada peristiwa dengan ID 0b6f4c1e-5d2a-4f3e-9a7b-2c8d1e0f3a4b yang tercatat',
      field: 'eventId',
      rule: 'EVENT_NOT_FOUND',
    },
  },
  409: {
    description:
      'Conflict: the stream changed while the request was decided (CONCURRENT_WRITE: retry), the thing already exists, or the event was already recorded (DUPLICATE_EVENT)',
    example: {
      statusCode: 409,
      error: 'Conflict',
      message: 'baris berubah saat permintaan ini sedang diputuskan (stream version 7, expected 6); coba lagi',
      rule: 'CONCURRENT_WRITE',
    },
  },
  412: {
    description: 'If-Match names a version the stream is no longer at (VERSION_MISMATCH): read it again and retry',
    example: {
      statusCode: 412,
      error: 'Precondition Failed',
      message: 'If-Match: versi yang diharapkan 6, tetapi line-2022-DKUKM-2.17.07.1.01.0001 sudah pada versi 7; muat ulang lalu coba lagi',
      field: 'If-Match',
      rule: 'VERSION_MISMATCH',
    },
  },
  413: {
    description: 'The request body is larger than the server takes (BODY_TOO_LARGE; RENJA_MAX_BODY_BYTES)',
    example: {
      statusCode: 413,
      error: 'Payload Too Large',
      message: 'isi permintaan terlalu besar (paling banyak 1048576 bita)',
      field: 'body',
      rule: 'BODY_TOO_LARGE',
    },
  },
  415: {
    description: 'The body is not UTF-8 JSON (UNSUPPORTED_MEDIA_TYPE)',
    example: {
      statusCode: 415,
      error: 'Unsupported Media Type',
      message: 'isi permintaan harus JSON (Content-Type: application/json), bukan text/plain',
      field: 'Content-Type',
      rule: 'UNSUPPORTED_MEDIA_TYPE',
    },
  },
  422: {
    description:
      'A rule of the ledger refuses the change (`rule` names it, `params` gives its figures), or the Idempotency-Key was used for another request (IDEMPOTENCY_KEY_REUSED)',
    example: {
      statusCode: 422,
      error: 'Unprocessable Entity',
      message:
        'realisasi kumulatif baris 2.17.07.1.01.0001 akan menjadi Rp700.000.000,00 pada 30-06-2022, melebihi pagu APBD yang berlaku saat itu, Rp653.027.794,00. Periksa kembali jumlah realisasi',
      rule: 'REALISATION_EXCEEDS_PAGU',
      params: { cumulative: '700000000.00', pagu: '653027794.00', date: '2022-06-30', phase: 'APBD' },
    },
  },
  429: {
    description: 'Too many requests from this token or address (RATE_LIMITED; RENJA_RATE_LIMIT_PER_MINUTE): wait Retry-After seconds',
    example: {
      statusCode: 429,
      error: 'Too Many Requests',
      message: 'terlalu banyak permintaan dari alamat ini; coba lagi setelah 12 detik',
      rule: 'RATE_LIMITED',
    },
  },
};

/** The answer a route gives with this status: the shared ErrorBody schema, always JSON (whatever the route produces). */
export function errorResponse(status: ErrorStatus, description = ERRORS[status].description): MethodDecorator & ClassDecorator {
  return ApiResponse({
    status,
    description,
    content: { 'application/json': { schema: { $ref: getSchemaPath(ErrorBodySchema) }, example: ERRORS[status].example } },
  });
}

/**
 * OpenAPI: the 4xx answers of a route, each with the shared ErrorBody schema. The security decorators
 * (./security.ts) add 401/403 where credentials are checked and 429 everywhere, so routes list what their
 * parameters, bodies and rules can refuse.
 */
export function ApiErrors(...statuses: ErrorStatus[]): MethodDecorator & ClassDecorator {
  return applyDecorators(ApiExtraModels(ErrorBodySchema), ...statuses.map((status) => errorResponse(status)));
}
