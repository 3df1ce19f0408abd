import { createParamDecorator, Inject, Injectable, ServiceUnavailableException, SetMetadata, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { authorize, type Principal } from '@renja/application';
import { Authenticator } from './authenticator';
import { RateLimitedError, RateLimiter } from './rate-limiter';

export const AUTHENTICATOR = Symbol('AUTHENTICATOR');
export const RATE_LIMITER = Symbol('RATE_LIMITER');

/** The principal the guard put on the request. */
export const CurrentPrincipal = createParamDecorator((_: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (!principal) throw new UnauthorizedException({ message: 'this route needs a bearer token', field: 'Authorization' });
  return principal;
});

export interface AuthenticatedRequest extends Request {
  principal?: Principal;
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
 * Every route needs a bearer token (API token or OpenID Connect JWT) unless marked @Public(). The
 * principal goes on the request; reads of an office (any route with an :office parameter read with GET)
 * are checked against the principal's office scope here; writes are authorized by the command handlers.
 * Requests are rate-limited per principal, or per client address when there is no valid token.
 */
@Injectable()
export class BearerTokenGuard implements CanActivate {
  constructor(
    @Inject(AUTHENTICATOR) private readonly authenticator: Authenticator,
    @Inject(RATE_LIMITER) private readonly limiter: RateLimiter,
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
    if (!header) {
      request.claimedBy = 'no token';
      this.limit(`ip:${clientAddress(request)}`, 'this address');
      throw new UnauthorizedException({ message: 'missing Authorization header: send "Authorization: Bearer <token>"', field: 'Authorization', rule: 'TOKEN_REQUIRED' });
    }
    const match = /^Bearer +(\S{1,4096})$/i.exec(header);
    if (!match) {
      request.claimedBy = 'unknown token';
      this.limit(`ip:${clientAddress(request)}`, 'this address');
      throw new UnauthorizedException({ message: 'Authorization header must be "Bearer <token>"', field: 'Authorization', rule: 'TOKEN_INVALID' });
    }
    const result = await this.authenticator.authenticate(match[1]);
    if (!result.ok) {
      request.claimedBy = result.name;
      this.limit(`ip:${clientAddress(request)}`, 'this address');
      if (result.unavailable) throw new ServiceUnavailableException({ message: result.message, field: 'Authorization', rule: 'IDENTITY_PROVIDER_UNAVAILABLE' });
      throw new UnauthorizedException({ message: result.message, field: 'Authorization', rule: 'TOKEN_INVALID' });
    }
    request.principal = result.principal;
    const key = result.principal.tokenId !== undefined ? `token:${result.principal.tokenId}` : `${result.principal.via}:${result.principal.name}`;
    this.limit(key, `"${result.principal.name}"`);
    const office = request.params?.office;
    if (request.method === 'GET' && typeof office === 'string') authorize(result.principal, { kind: 'read', office: office.trim().toUpperCase() });
    return true;
  }

  private limit(key: string, who: string): void {
    const retryAfter = this.limiter.take(key);
    if (retryAfter !== null) throw new RateLimitedError(retryAfter, who);
  }
}
