import { msg, rawMessage, type Message } from '@renja/domain';
import { isRole, normaliseOfficeScope, tokenPrincipal, type Principal } from '@renja/application';
import { looksLikeJwt, type OidcIdentity, type OidcVerifier } from '@renja/infrastructure/auth/oidc';
import type { TokenStore } from '@renja/infrastructure/auth/token-store';

/** The principal an identity provider's identity stands for: only the ledger's roles are kept. */
export const oidcPrincipal = (identity: OidcIdentity): Principal => ({
  name: identity.name,
  roles: identity.roles.filter(isRole),
  offices: normaliseOfficeScope(identity.offices),
  via: 'oidc',
});

/** The outcome of reading a bearer token: a principal, or why not and under which name (for the log). */
export type Authentication =
  | { ok: true; principal: Principal; /** When the credential stops being valid (ISO), null: never. */ expiresAt: string | null }
  | { ok: false; message: Message; name: string; unavailable?: boolean };

/**
 * Turns a bearer token into a principal: "rl_…" tokens from the token table; JWTs (when OpenID Connect is
 * configured) from the identity provider. Messages never contain the secret.
 */
export class Authenticator {
  constructor(
    private readonly tokens: TokenStore,
    private readonly oidc: OidcVerifier | null,
  ) {}

  async authenticate(secret: string): Promise<Authentication> {
    if (this.oidc && looksLikeJwt(secret)) return this.fromJwt(this.oidc, secret);
    if (!/^rl_[A-Za-z0-9_-]{43}$/.test(secret)) {
      return {
        ok: false,
        name: 'unknown token',
        message: this.oidc ? msg('TOKEN_INVALID.neither') : msg('TOKEN_INVALID.unknown'),
      };
    }
    const check = await this.tokens.check(secret);
    if (!check.ok) {
      const name = check.name ? `${check.name} (token #${check.id})` : 'unknown token';
      const message =
        check.reason === 'unknown'
          ? msg('TOKEN_INVALID.unknown')
          : msg(check.reason === 'expired' ? 'TOKEN_INVALID.expired' : 'TOKEN_INVALID.revoked', { id: check.id ?? '?' });
      return { ok: false, name, message };
    }
    const { holder } = check;
    return {
      ok: true,
      principal: tokenPrincipal(holder),
      expiresAt: holder.expiresAt,
    };
  }

  private async fromJwt(oidc: OidcVerifier, jwt: string): Promise<Authentication> {
    try {
      const check = await oidc.verify(jwt);
      if (!check.ok) return { ok: false, name: check.name ?? 'unknown JWT', message: rawMessage(check.reason) };
      const { identity } = check;
      return { ok: true, principal: oidcPrincipal(identity), expiresAt: identity.expiresAt };
    } catch (error) {
      return {
        ok: false,
        name: 'unknown JWT',
        unavailable: true,
        message: msg('IDENTITY_PROVIDER_UNAVAILABLE', { detail: error instanceof Error ? error.message : String(error) }),
      };
    }
  }
}
