import { randomBytes } from 'node:crypto';
import type { JWTPayload } from 'jose';
import { identityFromClaims, type OidcIdentity } from '@renja/infrastructure/auth/oidc';
import type { OidcConfig, OidcLoginConfig } from '@renja/infrastructure/config/config';

type OpenIdClient = typeof import('openid-client', { with: { 'resolution-mode': 'import' } });
type Configuration = Awaited<ReturnType<OpenIdClient['discovery']>>;

/** A sign-in begun in this server: the PKCE verifier, state and nonce it must see again, and where to return. */
interface Attempt {
  codeVerifier: string;
  state: string;
  nonce: string;
  returnTo: string;
  expires: number;
}

/** Why a sign-in came back refused (shown to the user by the sign-in page, never with a secret). */
export class OidcLoginError extends Error {
  constructor(
    readonly code: 'expired' | 'refused' | 'provider',
    message: string,
  ) {
    super(message);
  }
}

const ATTEMPT_MINUTES = 10;
/** Loopback issuers (a test's provider, a developer's) may speak plain HTTP; any other must be HTTPS. */
const isLoopbackHttp = (url: URL) => url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);

/** A path inside the workbench to go back to after signing in: only local paths, never another site. */
export function safeReturnPath(value: unknown): string {
  return typeof value === 'string' && /^\/(?![/\\])[^\s]*$/.test(value) && !value.startsWith('/api/') ? value : '/';
}

/**
 * "Masuk dengan SSO": the OpenID Connect authorization-code flow with PKCE (S256), state and nonce, run by
 * the certified client library openid-client. Pending attempts live in this process for ten minutes,
 * named by a random id in a short-lived cookie; the ID token is checked by the library (signature,
 * issuer, audience = our client id, nonce) and the userinfo claims are merged before roles are read.
 */
export class OidcLogin {
  private client: Promise<{ lib: OpenIdClient; config: Configuration }> | null = null;
  private readonly attempts = new Map<string, Attempt>();

  constructor(
    private readonly oidc: OidcConfig,
    private readonly login: OidcLoginConfig,
  ) {}

  private connect(): Promise<{ lib: OpenIdClient; config: Configuration }> {
    this.client ??= (async () => {
      // openid-client is ESM-only: loaded with import(), which the CommonJS build keeps as is.
      const lib: OpenIdClient = await import('openid-client');
      const issuer = new URL(this.oidc.issuer);
      const auth = this.login.clientSecret ? lib.ClientSecretPost(this.login.clientSecret) : lib.None();
      const config = await lib.discovery(
        issuer,
        this.login.clientId,
        { redirect_uris: [this.login.redirectUri], response_types: ['code'] },
        auth,
        {
          execute: isLoopbackHttp(issuer) ? [lib.allowInsecureRequests] : [],
        },
      );
      return { lib, config };
    })().catch((error: unknown) => {
      this.client = null; // try discovery again next time
      throw new OidcLoginError(
        'provider',
        `the identity provider could not be reached: ${error instanceof Error ? error.message : String(error)}`,
      );
    });
    return this.client;
  }

  /** Begins a sign-in: the provider's authorization URL and the attempt id for the cookie. */
  async start(returnTo: string): Promise<{ url: string; attemptId: string; maxAgeSeconds: number }> {
    const { lib, config } = await this.connect();
    this.sweep();
    const codeVerifier = lib.randomPKCECodeVerifier();
    const attempt: Attempt = {
      codeVerifier,
      state: lib.randomState(),
      nonce: lib.randomNonce(),
      returnTo: safeReturnPath(returnTo),
      expires: Date.now() + ATTEMPT_MINUTES * 60_000,
    };
    const attemptId = randomBytes(32).toString('base64url');
    this.attempts.set(attemptId, attempt);
    const url = lib.buildAuthorizationUrl(config, {
      redirect_uri: this.login.redirectUri,
      scope: 'openid profile',
      code_challenge: await lib.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state: attempt.state,
      nonce: attempt.nonce,
    });
    return { url: url.href, attemptId, maxAgeSeconds: ATTEMPT_MINUTES * 60 };
  }

  /** Completes a sign-in from the provider's redirect: the identity, and where the user wanted to go. */
  async finish(callbackUrl: URL, attemptId: string | undefined): Promise<{ identity: OidcIdentity; returnTo: string }> {
    const attempt = attemptId ? this.attempts.get(attemptId) : undefined;
    if (attemptId) this.attempts.delete(attemptId); // one use only
    if (!attempt || attempt.expires < Date.now())
      throw new OidcLoginError('expired', 'the sign-in took too long or was not started here; start it again');
    const { lib, config } = await this.connect();
    let claims: JWTPayload;
    try {
      const tokens = await lib.authorizationCodeGrant(config, callbackUrl, {
        pkceCodeVerifier: attempt.codeVerifier,
        expectedState: attempt.state,
        expectedNonce: attempt.nonce,
        idTokenExpected: true,
      });
      const idClaims = tokens.claims();
      if (!idClaims) throw new Error('the provider sent no ID token');
      const userinfo = await lib.fetchUserInfo(config, tokens.access_token, idClaims.sub).catch(() => ({}));
      claims = { ...userinfo, ...idClaims };
    } catch (error) {
      throw new OidcLoginError(
        'refused',
        `the identity provider's answer was refused: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    return { identity: identityFromClaims(claims, this.oidc), returnTo: attempt.returnTo };
  }

  private sweep(): void {
    const now = Date.now();
    for (const [id, attempt] of this.attempts) if (attempt.expires < now) this.attempts.delete(id);
  }
}
