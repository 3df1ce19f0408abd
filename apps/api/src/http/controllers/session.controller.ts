import { msg } from '@renja/domain';
import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  Post,
  Req,
  Res,
  ServiceUnavailableException,
  UnauthorizedException,
  ForbiddenException,
} from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Principal } from '@renja/application';
import type { SessionStore } from '@renja/infrastructure/auth/session-store';
import { AUTHENTICATOR, Public, type AuthenticatedRequest } from '../auth.guard';
import type { Authenticator } from '../authenticator';
import { parseCookies, sameSecret, sessionCookie } from '../cookies';
import { CreateSessionDto } from '../dto/session.dto';
import { CSRF_HEADER, SESSION_COOKIE, SESSION_HOURS, SESSION_STORE, type WebSession } from '../web-session';
import { ApiErrors } from '../openapi/api-errors';
import { ApiPublic, ApiSessionOnly, ApiSignOut } from '../openapi/security';

/** What the browser learns of its session: who, what they may do, until when, and the CSRF token for writes. */
export interface SessionBody {
  name: string;
  roles: Principal['roles'];
  offices: Principal['offices'];
  via: Principal['via'];
  expiresAt: string;
  csrfToken: string;
}

const bodyOf = (principal: Principal, expiresAt: string, csrfToken: string): SessionBody => ({
  name: principal.name,
  roles: principal.roles,
  offices: principal.offices,
  via: principal.via,
  expiresAt,
  csrfToken,
});

/**
 * Browser sign-in: a token in the body becomes a server-side session named by an HttpOnly, SameSite=Strict
 * cookie. Writes with the cookie need the session's CSRF token in X-CSRF-Token (checked by the guard).
 */
@ApiTags('session')
@Controller('api/v1/session')
export class SessionController {
  constructor(
    @Inject(AUTHENTICATOR) private readonly authenticator: Authenticator,
    @Inject(SESSION_STORE) private readonly sessions: SessionStore,
    @Inject(SESSION_HOURS) private readonly hours: number,
  ) {}

  @Public()
  @Post()
  @HttpCode(201)
  @ApiPublic()
  @ApiErrors(400, 401, 413, 415)
  @ApiOperation({
    summary:
      'Sign in: an API token or OIDC JWT in the body starts a session (cookie rl_session); answers who, until when, and the CSRF token',
  })
  @ApiCreatedResponse({ description: 'Signed in (Set-Cookie: rl_session): name, roles, offices, via, expiresAt, csrfToken' })
  async create(
    @Body() body: CreateSessionDto,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<SessionBody> {
    const result = await this.authenticator.authenticate(body.token.trim());
    if (!result.ok) {
      request.claimedBy = result.name;
      if (result.unavailable)
        throw new ServiceUnavailableException({ message: result.message, field: 'token', rule: 'IDENTITY_PROVIDER_UNAVAILABLE' });
      throw new UnauthorizedException({ message: result.message, field: 'token', rule: 'TOKEN_INVALID' });
    }
    const now = Date.now();
    const limit = now + this.hours * 3_600_000;
    const expiresAt = new Date(result.expiresAt === null ? limit : Math.min(limit, Date.parse(result.expiresAt)));
    const session = await this.sessions.create(result.principal, result.principal.tokenId ?? null, expiresAt);
    response.append(
      'Set-Cookie',
      sessionCookie(SESSION_COOKIE, session.id, { maxAge: (expiresAt.getTime() - now) / 1000, secure: request.secure }),
    );
    return bodyOf(result.principal, session.expiresAt, session.csrfToken);
  }

  @Get()
  @ApiSessionOnly()
  @ApiOperation({ summary: 'The current browser session (401 without a valid session cookie)' })
  @ApiOkResponse({ description: 'The session: name, roles, offices, via, expiresAt, csrfToken' })
  current(@Req() request: AuthenticatedRequest): SessionBody {
    const session = this.sessionOf(request);
    return bodyOf(session.principal, session.expiresAt, session.csrfToken);
  }

  @Public()
  @Delete()
  @HttpCode(204)
  @ApiSignOut()
  @ApiOperation({ summary: 'Sign out: ends the session on the server and clears the cookie' })
  @ApiNoContentResponse({ description: 'Signed out (or there was no session): the cookie is cleared' })
  async end(@Req() request: AuthenticatedRequest, @Res({ passthrough: true }) response: Response): Promise<void> {
    const id = parseCookies(request.headers.cookie).get(SESSION_COOKIE);
    if (id !== undefined) {
      const check = await this.sessions.check<Principal>(id);
      // A live session ends only with its CSRF token (a forged sign-out is still a forged request).
      if (check.ok) {
        const presented = request.headers[CSRF_HEADER];
        if (!sameSecret(typeof presented === 'string' ? presented : undefined, check.session.csrfToken)) {
          request.claimedBy = check.session.principal.name;
          throw new ForbiddenException({
            message: msg('CSRF_TOKEN_INVALID.end'),
            field: 'X-CSRF-Token',
            rule: 'CSRF_TOKEN_INVALID',
          });
        }
      }
      await this.sessions.end(id);
    }
    response.append('Set-Cookie', sessionCookie(SESSION_COOKIE, '', { maxAge: 0, secure: request.secure }));
  }

  private sessionOf(request: AuthenticatedRequest): WebSession {
    if (!request.webSession)
      throw new UnauthorizedException({
        message: msg('SESSION_INVALID.none'),
        field: SESSION_COOKIE,
        rule: 'SESSION_INVALID',
      });
    return request.webSession;
  }
}
