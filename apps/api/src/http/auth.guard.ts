import { Inject, Injectable, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { TOKEN_STORE } from '@renja/application';
import type { TokenHolder, TokenStore } from '@renja/infrastructure/auth/token-store';

export interface AuthenticatedRequest extends Request {
  tokenHolder?: TokenHolder;
}

/** Every write needs a bearer token; its holder's name becomes the actor of the recorded events. */
@Injectable()
export class BearerTokenGuard implements CanActivate {
  constructor(@Inject(TOKEN_STORE) private readonly tokens: TokenStore) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization;
    if (!header) throw new UnauthorizedException({ message: 'missing Authorization header: send "Authorization: Bearer <token>"', field: 'Authorization' });
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new UnauthorizedException({ message: 'Authorization header must be "Bearer <token>"', field: 'Authorization' });
    const holder = await this.tokens.verify(match[1]);
    if (!holder) throw new UnauthorizedException({ message: 'invalid or revoked token', field: 'Authorization' });
    request.tokenHolder = holder;
    return true;
  }
}
