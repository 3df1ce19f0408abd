import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiSecurity, DECORATORS, type DocumentBuilder } from '@nestjs/swagger';
import { SESSION_COOKIE } from '../web-session';
import { errorResponse } from './api-errors';
import { ErrorBodySchema } from './error-body';

/**
 * The credentials the guard (apps/api/src/http/auth.guard.ts) takes, as OpenAPI security schemes. Every route
 * not marked @Public() takes a bearer token, or else the browser session cookie; a write with the cookie also
 * needs the session's CSRF token. Requirements listed together must all be sent; the list is "one of".
 */
export const BEARER = 'bearer';
export const SESSION = SESSION_COOKIE;
export const CSRF = 'csrf';

/** Declares the schemes the decorators below name (components.securitySchemes). */
export function addSecuritySchemes(builder: DocumentBuilder): DocumentBuilder {
  return builder
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'API token or JWT',
        description: 'An API token (renja-ledger token create) or an OpenID Connect access token (a JWT) of the deployment',
      },
      BEARER,
    )
    .addCookieAuth(
      SESSION,
      {
        type: 'apiKey',
        in: 'cookie',
        name: SESSION,
        description: 'The browser session, set by POST /api/v1/session (HttpOnly, SameSite=Strict)',
      },
      SESSION,
    )
    .addApiKey(
      {
        type: 'apiKey',
        in: 'header',
        name: 'X-CSRF-Token', // CSRF_HEADER in ../web-session.ts (header names are case-insensitive)
        description: "The session's csrfToken (from POST or GET /api/v1/session): required with the session cookie on every write",
      },
      CSRF,
    );
}

/** Sets the operation's own `security` (an empty list: no credentials) without touching its summary. */
function operationSecurity(security: Array<Record<string, string[]>>): MethodDecorator {
  return (_target, _key, descriptor) => {
    const previous = (Reflect.getMetadata(DECORATORS.API_OPERATION, descriptor.value as object) ?? {}) as object;
    Reflect.defineMetadata(DECORATORS.API_OPERATION, { ...previous, security }, descriptor.value as object);
    return descriptor;
  };
}

/** Every route answers 429 when its caller (token, or address without one) goes over the rate limit. */
const rateLimited = () => applyDecorators(ApiExtraModels(ErrorBodySchema), errorResponse(429));

/** A @Public() route: no credentials (security: []). */
export const ApiPublic = (): MethodDecorator => applyDecorators(operationSecurity([]), rateLimited());

/** A read behind the guard: a bearer token or the session cookie. 401 without either. */
export const ApiSignedIn = (): MethodDecorator & ClassDecorator =>
  applyDecorators(ApiSecurity({ [BEARER]: [] }), ApiSecurity({ [SESSION]: [] }), errorResponse(401), rateLimited());

/**
 * A write behind the guard: a bearer token, or the session cookie with its X-CSRF-Token. 401 without
 * credentials; 403 without the CSRF token or without the role or office scope the write needs (`own403`:
 * the route documents its 403 itself, e.g. with another body).
 */
export const ApiSignedInWrite = ({ own403 = false } = {}): MethodDecorator & ClassDecorator =>
  applyDecorators(
    ApiSecurity({ [BEARER]: [] }),
    ApiSecurity({ [SESSION]: [], [CSRF]: [] }),
    errorResponse(401),
    ...(own403 ? [] : [errorResponse(403)]),
    rateLimited(),
  );

/** A route only the browser session may call (GET /api/v1/session): 401 without a valid session cookie. */
export const ApiSessionOnly = (): MethodDecorator =>
  applyDecorators(ApiSecurity({ [SESSION]: [] }), errorResponse(401, 'No valid session cookie (SESSION_INVALID)'), rateLimited());

/** DELETE /api/v1/session: anyone may call it; with a live session cookie, only with its X-CSRF-Token (403 without). */
export const ApiSignOut = (): MethodDecorator =>
  applyDecorators(
    operationSecurity([{ [SESSION]: [], [CSRF]: [] }, {}]),
    errorResponse(403, 'A live session cookie without its X-CSRF-Token (CSRF_TOKEN_INVALID)'),
    rateLimited(),
  );
