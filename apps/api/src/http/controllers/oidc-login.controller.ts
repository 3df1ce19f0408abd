import { Controller, Get, Inject, Optional, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { SessionStore } from '@renja/infrastructure/auth/session-store';
import { Public, type AuthenticatedRequest } from '../auth.guard';
import { oidcPrincipal } from '../authenticator';
import { parseCookies, sessionCookie } from '../cookies';
import { OidcLogin, OidcLoginError, safeReturnPath } from '../oidc-login';
import { SESSION_COOKIE, SESSION_HOURS, SESSION_STORE } from '../web-session';
import { ApiPublic } from '../openapi/security';

export const OIDC_LOGIN = Symbol('OIDC_LOGIN');
/** The pending sign-in's id: sent back only to the callback, and on the provider's redirect (Lax). */
const ATTEMPT_COOKIE = 'rl_oidc';
const CALLBACK_PATH = '/api/v1/session/oidc';

/**
 * Browser sign-in with the deployment's identity provider ("Masuk dengan SSO"), when RENJA_OIDC_CLIENT_ID
 * is set. The callback starts the same server-side session a pasted token does.
 */
@ApiTags('session')
@Controller('api/v1/session')
export class OidcLoginController {
  constructor(
    @Optional() @Inject(OIDC_LOGIN) private readonly login: OidcLogin | null,
    @Inject(SESSION_STORE) private readonly sessions: SessionStore,
    @Inject(SESSION_HOURS) private readonly hours: number,
  ) {}

  @Public()
  @Get('options')
  @ApiPublic()
  @ApiOperation({ summary: 'How one may sign in to the workbench: { oidc: true } when "Masuk dengan SSO" is configured' })
  @ApiOkResponse({ description: '{ oidc: boolean }' })
  options(): { oidc: boolean } {
    return { oidc: !!this.login };
  }

  @Public()
  @Get('oidc/login')
  @ApiPublic()
  @ApiResponse({
    status: 303,
    description: 'To the identity provider; without SSO configured, or when it cannot be reached, back to /?ssoError=<code>',
  })
  @ApiQuery({ name: 'returnTo', required: false, description: 'A workbench path to open after signing in' })
  @ApiOperation({ summary: 'Starts "Masuk dengan SSO": redirects to the identity provider (authorization code with PKCE)' })
  async start(
    @Query('returnTo') returnTo: string | undefined,
    @Req() request: AuthenticatedRequest,
    @Res() response: Response,
  ): Promise<void> {
    if (!this.login) return this.back(response, '/', 'not-configured');
    try {
      const started = await this.login.start(safeReturnPath(returnTo));
      response.append(
        'Set-Cookie',
        sessionCookie(ATTEMPT_COOKIE, started.attemptId, {
          maxAge: started.maxAgeSeconds,
          secure: request.secure,
          sameSite: 'Lax',
          path: CALLBACK_PATH,
        }),
      );
      response.redirect(303, started.url);
    } catch (error) {
      this.back(response, '/', error instanceof OidcLoginError ? error.code : 'provider');
    }
  }

  @Public()
  @Get('oidc/callback')
  @ApiPublic()
  @ApiResponse({ status: 303, description: 'Signed in: to the returnTo path, with the session cookie; refused: to /?ssoError=<code>' })
  @ApiOperation({
    summary: "The identity provider's redirect back: checks the answer, starts a session (cookie rl_session) and opens the workbench",
  })
  async callback(@Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    response.append(
      'Set-Cookie',
      sessionCookie(ATTEMPT_COOKIE, '', { maxAge: 0, secure: request.secure, sameSite: 'Lax', path: CALLBACK_PATH }),
    );
    if (!this.login) return this.back(response, '/', 'not-configured');
    const url = new URL(request.originalUrl, `${request.protocol}://${request.get('host')}`);
    try {
      const { identity, returnTo } = await this.login.finish(url, parseCookies(request.headers.cookie).get(ATTEMPT_COOKIE));
      const principal = oidcPrincipal(identity);
      const expiresAt = new Date(Date.now() + this.hours * 3_600_000);
      const session = await this.sessions.create(principal, null, expiresAt);
      response.append('Set-Cookie', sessionCookie(SESSION_COOKIE, session.id, { maxAge: this.hours * 3600, secure: request.secure }));
      response.redirect(303, returnTo);
    } catch (error) {
      request.claimedBy = 'SSO sign-in';
      this.back(response, '/', error instanceof OidcLoginError ? error.code : 'refused');
    }
  }

  /** Back to the workbench's sign-in page, which explains the code ("ssoError"). */
  private back(response: Response, path: string, code: string): void {
    response.redirect(303, `${path}?ssoError=${encodeURIComponent(code)}`);
  }
}
