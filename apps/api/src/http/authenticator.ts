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
  | { ok: false; message: string; name: string; unavailable?: boolean };

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
        message: this.oidc ? 'the bearer token is neither an API token nor a JWT' : 'invalid or revoked token',
      };
    }
    const check = await this.tokens.check(secret);
    if (!check.ok) {
      const name = check.name ? `${check.name} (token #${check.id})` : 'unknown token';
      const message =
        check.reason === 'unknown'
          ? 'invalid or revoked token'
          : `token #${check.id} was ${check.reason === 'expired' ? 'valid until an expiry that has passed' : 'revoked'}`;
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
      if (!check.ok) return { ok: false, name: check.name ?? 'unknown JWT', message: check.reason };
      const { identity } = check;
      return { ok: true, principal: oidcPrincipal(identity), expiresAt: identity.expiresAt };
    } catch (error) {
      return {
        ok: false,
        name: 'unknown JWT',
        unavailable: true,
        message: `the identity provider could not be reached: ${error instanceof Error ? error.message : String(error)}`,
      };
    }
  }
}
