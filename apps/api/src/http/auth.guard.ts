import { msg } from '@renja/domain';
import {
  createParamDecorator,
  ForbiddenException,
  Inject,
  Injectable,
  ServiceUnavailableException,
  SetMetadata,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { authorize, type Principal } from '@renja/application';
import { Authenticator } from './authenticator';
import { RateLimitedError, RateLimiter } from './rate-limiter';
import type { SessionStore } from '@renja/infrastructure/auth/session-store';
import { parseCookies, sameSecret } from './cookies';
import { CSRF_HEADER, SAFE_METHODS, SESSION_COOKIE, SESSION_STORE, type WebSession } from './web-session';

export const AUTHENTICATOR = Symbol('AUTHENTICATOR');
export const RATE_LIMITER = Symbol('RATE_LIMITER');

/** The principal the guard put on the request. */
export const CurrentPrincipal = createParamDecorator((_: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (!principal) throw new UnauthorizedException({ message: msg('TOKEN_REQUIRED.route'), field: 'Authorization' });
  return principal;
});

export interface AuthenticatedRequest extends Request {
  principal?: Principal;
  /** The browser session, when the request was authenticated by its cookie. */
  webSession?: WebSession;
  /** Who a refused request claimed to be (a token's name, "unknown token"): for the log, never the secret. */
  claimedBy?: string;
}

const PUBLIC = 'renja:public';
/**
 * A route anyone may call without a token: only what a witness or verifier needs and that reveals no
 * plan content (the public key, signed checkpoints, Merkle proofs of hashes, the verification status).
 */
export const Public = () => SetMetadata(PUBLIC, true);

const clientAddress = (request: Request) => request.ip ?? request.socket.remoteAddress ?? 'unknown';

/**
 * Every route needs a bearer token (API token or OpenID Connect JWT), or else a browser session cookie
 * (rl_session; writes then also need the session's X-CSRF-Token), unless marked @Public(). The
 * principal goes on the request; reads of an office (any route with an :office parameter read with GET)
 * are checked against the principal's office scope here; writes are authorized by the command handlers.
 * Requests are rate-limited per principal, or per client address when there is no valid token.
 */
@Injectable()
export class BearerTokenGuard implements CanActivate {
  constructor(
    @Inject(AUTHENTICATOR) private readonly authenticator: Authenticator,
    @Inject(RATE_LIMITER) private readonly limiter: RateLimiter,
    @Inject(SESSION_STORE) private readonly sessions: SessionStore,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (request.principal) return true; // already checked (the guard is global; a route may name it again)
    const isPublic = this.reflector.getAllAndOverride<boolean>(PUBLIC, [context.getHandler(), context.getClass()]);
    if (isPublic) {
      this.limit(`ip:${clientAddress(request)}`, 'this address');
      return true;
    }
    const header = request.headers.authorization;
    const sessionId = header ? undefined : parseCookies(request.headers.cookie).get(SESSION_COOKIE);
    if (sessionId !== undefined) return this.fromSession(request, sessionId);
    if (!header) {
      request.claimedBy = 'no token';
      this.limit(`ip:${clientAddress(request)}`, 'this address');
      throw new UnauthorizedException({
        message: msg('TOKEN_REQUIRED'),
        field: 'Authorization',
        rule: 'TOKEN_REQUIRED',
      });
    }
    const match = /^Bearer +(\S{1,4096})$/i.exec(header);
    if (!match) {
      request.claimedBy = 'unknown token';
      this.limit(`ip:${clientAddress(request)}`, 'this address');
      throw new UnauthorizedException({
        message: msg('TOKEN_INVALID'),
        field: 'Authorization',
        rule: 'TOKEN_INVALID',
      });
    }
    const result = await this.authenticator.authenticate(match[1]);
    if (!result.ok) {
      request.claimedBy = result.name;
      this.limit(`ip:${clientAddress(request)}`, 'this address');
      if (result.unavailable)
        throw new ServiceUnavailableException({ message: result.message, field: 'Authorization', rule: 'IDENTITY_PROVIDER_UNAVAILABLE' });
      throw new UnauthorizedException({ message: result.message, field: 'Authorization', rule: 'TOKEN_INVALID' });
    }
    return this.admit(request, result.principal);
  }

  /** A browser session: valid (not ended, not expired, its token neither revoked nor expired), and for writes the CSRF token. */
  private async fromSession(request: AuthenticatedRequest, id: string): Promise<boolean> {
    const check = await this.sessions.check<Principal>(id);
    if (!check.ok) {
      request.claimedBy = check.name ?? 'unknown session';
      this.limit(`ip:${clientAddress(request)}`, 'this address');
      throw new UnauthorizedException({ message: check.reason, field: SESSION_COOKIE, rule: 'SESSION_INVALID' });
    }
    const { principal, csrfToken, expiresAt } = check.session;
    request.webSession = { id, principal, csrfToken, expiresAt };
    if (!SAFE_METHODS.has(request.method.toUpperCase())) {
      const presented = request.headers[CSRF_HEADER];
      if (!sameSecret(typeof presented === 'string' ? presented : undefined, csrfToken)) {
        request.claimedBy = principal.name;
        this.limit(this.keyOf(principal), `"${principal.name}"`);
        throw new ForbiddenException({
          message: msg('CSRF_TOKEN_INVALID', { method: request.method }),
          field: 'X-CSRF-Token',
          rule: 'CSRF_TOKEN_INVALID',
        });
      }
    }
    return this.admit(request, principal);
  }

  private admit(request: AuthenticatedRequest, principal: Principal): boolean {
    request.principal = principal;
    this.limit(this.keyOf(principal), `"${principal.name}"`);
    const office = request.params?.office;
    if (request.method === 'GET' && typeof office === 'string') authorize(principal, { kind: 'read', office: office.trim().toUpperCase() });
    return true;
  }

  private keyOf(principal: Principal): string {
    return principal.tokenId !== undefined ? `token:${principal.tokenId}` : `${principal.via}:${principal.name}`;
  }

  private limit(key: string, who: string): void {
    const retryAfter = this.limiter.take(key);
    if (retryAfter !== null) throw new RateLimitedError(retryAfter, who);
  }
}
