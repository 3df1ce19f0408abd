import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from 'jose';
import type { OidcConfig } from '../config/config';

/** The identity an identity provider vouches for, with the roles and offices its claims grant. */
export interface OidcIdentity {
  subject: string;
  name: string;
  /** Claim values as sent; the caller keeps only the ledger's roles. */
  roles: string[];
  /** '*' when the offices claim holds "*". */
  offices: '*' | string[];
  /** The JWT's exp, ISO. */
  expiresAt: string;
}

export type OidcCheck = { ok: true; identity: OidcIdentity } | { ok: false; reason: string; name?: string };

const ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

/** "realm_access.roles" → payload.realm_access.roles: claim names may be paths into nested claims. */
function claim(payload: JWTPayload, path: string): unknown {
  if (path in payload) return payload[path];
  return path
    .split('.')
    .reduce<unknown>((value, key) => (value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined), payload);
}

/** A claim holding a list: a JSON array of strings, or one string separated by spaces or commas. */
function list(value: unknown): string[] {
  if (Array.isArray(value))
    return value
      .filter((v): v is string => typeof v === 'string')
      .map((v) => v.trim())
      .filter((v) => v !== '');
  if (typeof value === 'string') return value.split(/[\s,]+/).filter((v) => v !== '');
  return [];
}

export const looksLikeJwt = (token: string) => /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(token);

/** Verifies JWT bearer tokens: signature against the issuer's JWKS, issuer, audience, expiry. */
export class OidcVerifier {
  private jwks: ReturnType<typeof createRemoteJWKSet> | null = null;

  constructor(private readonly config: OidcConfig) {}

  private async keySet(): Promise<ReturnType<typeof createRemoteJWKSet>> {
    if (this.jwks) return this.jwks;
    let url = this.config.jwksUrl;
    if (!url) {
      const discovery = `${this.config.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
      const response = await fetch(discovery, { signal: AbortSignal.timeout(5000) });
      if (!response.ok) throw new Error(`OpenID discovery ${discovery} answered ${response.status}`);
      const document = (await response.json()) as { jwks_uri?: unknown };
      if (typeof document.jwks_uri !== 'string') throw new Error(`OpenID discovery ${discovery} has no jwks_uri`);
      url = document.jwks_uri;
    }
    this.jwks = createRemoteJWKSet(new URL(url), { timeoutDuration: 5000, cooldownDuration: 30_000 });
    return this.jwks;
  }

  async verify(token: string): Promise<OidcCheck> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, await this.keySet(), {
        issuer: this.config.issuer,
        audience: this.config.audience,
        algorithms: ALGORITHMS,
        clockTolerance: 30,
        requiredClaims: ['sub', 'exp'],
      }));
    } catch (error) {
      if (error instanceof errors.JOSEError)
        return { ok: false, reason: `JWT refused: ${error.code}`, name: unverifiedName(token, this.config.nameClaim) };
      throw error;
    }
    return { ok: true, identity: identityFromClaims(payload, this.config) };
  }
}

/**
 * The identity verified claims describe (a bearer JWT's payload, or the ID token and userinfo of a browser
 * sign-in): name, roles and offices read from the configured claims.
 */
export function identityFromClaims(
  payload: JWTPayload,
  config: Pick<OidcConfig, 'rolesClaim' | 'officesClaim' | 'nameClaim'>,
): OidcIdentity {
  const subject = String(payload.sub);
  const display = claim(payload, config.nameClaim);
  const name =
    typeof display === 'string' && display.trim() !== '' && display.trim() !== subject
      ? `${display.trim().slice(0, 100)} (${subject})`
      : subject;
  const offices = list(claim(payload, config.officesClaim));
  return {
    subject,
    name,
    roles: list(claim(payload, config.rolesClaim)),
    offices: offices.includes('*') ? '*' : offices,
    expiresAt: new Date(Number(payload.exp) * 1000).toISOString(),
  };
}

/** For the log of a refused JWT only: the name it claims, marked as unverified. */
function unverifiedName(token: string, nameClaim: string): string | undefined {
  try {
    const payload = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as JWTPayload;
    const value = claim(payload, nameClaim) ?? payload.sub;
    return typeof value === 'string' ? `${value.slice(0, 100)} (unverified JWT)` : undefined;
  } catch {
    return undefined;
  }
}
