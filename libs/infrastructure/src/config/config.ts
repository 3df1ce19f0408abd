import { resolve } from 'node:path';

/** Runtime settings, all from the environment, with the defaults a first-time user needs. */
export interface LedgerConfig {
  /** External PostgreSQL; when absent the embedded server is used. */
  databaseUrl: string | null;
  /** Folder for the embedded server's data and the admin token. */
  dataDir: string;
  /** Port of the embedded PostgreSQL server. */
  embeddedPort: number;
  httpPort: number;
  httpHost: string;
  /** The checkpoint signing key (created on first start); keep it out of the database's backups. */
  ledgerKeyFile: string;
  /** Origin line of checkpoints; fixed when the key is created. */
  ledgerOrigin: string | undefined;
  /** Issue a checkpoint after this many new events ... */
  checkpointEveryEvents: number;
  /** ... and at most this many seconds after the first new event. */
  checkpointEverySeconds: number;
  /** Re-verify the whole ledger at start and every this many minutes; 0: only on demand. */
  verifyEveryMinutes: number;
  /** Owner role's connection for migrations (external PostgreSQL); DATABASE_URL is then the app role. */
  migrationDatabaseUrl: string | null;
  security: SecurityConfig;
  /** Largest import, all files together (bytes). */
  importMaxBytes: number;
  /** Import the built-in sample into an empty embedded ledger at start (RENJA_SAMPLE=none: start empty). */
  loadSample: boolean;
  /** The sample's directory; null: data/samples/dkukm-babel under the package root. */
  sampleDir: string | null;
}

/** OpenID Connect: JWT bearer tokens from a central identity provider, verified against its JWKS. */
export interface OidcConfig {
  issuer: string;
  audience: string;
  /** From RENJA_OIDC_JWKS_URL, else discovered from the issuer's /.well-known/openid-configuration. */
  jwksUrl: string | null;
  rolesClaim: string;
  officesClaim: string;
  nameClaim: string;
  /** Browser sign-in ("Masuk dengan SSO"): the authorization-code flow with PKCE; null = bearer JWTs only. */
  login: OidcLoginConfig | null;
}

/** The workbench as an OpenID Connect client (RENJA_OIDC_CLIENT_ID, RENJA_OIDC_CLIENT_SECRET, RENJA_PUBLIC_URL). */
export interface OidcLoginConfig {
  clientId: string;
  /** null: a public client (PKCE only, token endpoint auth "none"). */
  clientSecret: string | null;
  /** Where the provider sends the browser back: {RENJA_PUBLIC_URL}/api/v1/session/oidc/callback. */
  redirectUri: string;
}

export interface SecurityConfig {
  /** Largest request body accepted, in bytes (413 above). */
  maxBodyBytes: number;
  /** Requests per minute per token (per client address without a valid token); 0 = no limit. */
  rateLimitPerMinute: number;
  /** Origins allowed to call the API from a browser; empty = CORS closed. */
  corsOrigins: string[];
  oidc: OidcConfig | null;
  /** Browser sessions (cookie rl_session) last this many hours, never beyond the token they came from. */
  sessionHours: number;
  /**
   * Express "trust proxy": null = off (X-Forwarded-* ignored); true, a hop count or a list of proxy
   * addresses/subnets (e.g. "loopback, 10.0.0.0/8") = believe X-Forwarded-Proto/-For from those.
   */
  trustProxy: boolean | number | string | null;
}

function port(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 65535) throw new Error(`${name} must be a TCP port (1-65535), got "${value}"`);
  return n;
}

function positive(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, got "${value}"`);
  return n;
}

function nonNegative(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number ≥ 0, got "${value}"`);
  return n;
}

const present = (value: string | undefined) => (value && value.trim() !== '' ? value.trim() : null);

function originList(value: string | undefined): string[] {
  const origins = (value ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter((o) => o !== '');
  for (const origin of origins) {
    if (!/^https?:\/\/[^/\s]+$/.test(origin))
      throw new Error(
        `RENJA_CORS_ORIGINS: "${origin}" is not an origin such as https://renja.example.go.id (scheme, host, optional port; no path)`,
      );
  }
  return origins;
}

export function loadOidcConfig(env: NodeJS.ProcessEnv): OidcConfig | null {
  const issuer = present(env.RENJA_OIDC_ISSUER);
  const audience = present(env.RENJA_OIDC_AUDIENCE);
  if (!issuer && !audience) return null;
  if (!issuer || !audience) throw new Error('OpenID Connect needs both RENJA_OIDC_ISSUER and RENJA_OIDC_AUDIENCE');
  const jwksUrl = present(env.RENJA_OIDC_JWKS_URL);
  for (const [name, url] of [
    ['RENJA_OIDC_ISSUER', issuer],
    ['RENJA_OIDC_JWKS_URL', jwksUrl],
  ] as const) {
    if (url && !/^https?:\/\//.test(url)) throw new Error(`${name} must be an http(s) URL, got "${url}"`);
  }
  return {
    issuer,
    audience,
    jwksUrl,
    rolesClaim: present(env.RENJA_OIDC_ROLES_CLAIM) ?? 'renja_roles',
    officesClaim: present(env.RENJA_OIDC_OFFICES_CLAIM) ?? 'renja_offices',
    nameClaim: present(env.RENJA_OIDC_NAME_CLAIM) ?? 'name',
    login: loadOidcLogin(env),
  };
}

function loadOidcLogin(env: NodeJS.ProcessEnv): OidcLoginConfig | null {
  const clientId = present(env.RENJA_OIDC_CLIENT_ID);
  if (!clientId) return null;
  const publicUrl = (present(env.RENJA_PUBLIC_URL) ?? `http://localhost:${port(env.PORT, 3000, 'PORT')}`).replace(/\/+$/, '');
  if (!/^https?:\/\/[^/\s]+$/.test(publicUrl))
    throw new Error(`RENJA_PUBLIC_URL must be the workbench's origin such as https://renja.example.go.id (no path), got "${publicUrl}"`);
  return { clientId, clientSecret: present(env.RENJA_OIDC_CLIENT_SECRET), redirectUri: `${publicUrl}/api/v1/session/oidc/callback` };
}

function trustProxy(value: string | undefined): boolean | number | string | null {
  const v = present(value);
  if (v === null || ['0', 'false', 'no', 'off'].includes(v.toLowerCase())) return null;
  if (['true', 'yes', 'on'].includes(v.toLowerCase())) return true;
  if (/^\d{1,3}$/.test(v)) return Number(v);
  if (!/^[0-9A-Za-z.:/,\s_-]+$/.test(v))
    throw new Error(
      `RENJA_TRUST_PROXY must be true, a number of proxies, or proxy addresses/subnets such as "loopback, 10.0.0.0/8", got "${v}"`,
    );
  return v;
}

export function loadSecurityConfig(env: NodeJS.ProcessEnv = process.env): SecurityConfig {
  return {
    maxBodyBytes: positive(env.RENJA_MAX_BODY_BYTES, 1_048_576, 'RENJA_MAX_BODY_BYTES'),
    rateLimitPerMinute: nonNegative(env.RENJA_RATE_LIMIT_PER_MINUTE, 1200, 'RENJA_RATE_LIMIT_PER_MINUTE'),
    corsOrigins: originList(env.RENJA_CORS_ORIGINS),
    oidc: loadOidcConfig(env),
    sessionHours: positive(env.RENJA_SESSION_HOURS, 8, 'RENJA_SESSION_HOURS'),
    trustProxy: trustProxy(env.RENJA_TRUST_PROXY),
  };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): LedgerConfig {
  const dataDir = resolve(env.RENJA_DATA_DIR ?? '.renja-ledger');
  return {
    databaseUrl: env.DATABASE_URL && env.DATABASE_URL.trim() !== '' ? env.DATABASE_URL : null,
    dataDir,
    embeddedPort: port(env.RENJA_EMBEDDED_PG_PORT, 54329, 'RENJA_EMBEDDED_PG_PORT'),
    httpPort: port(env.PORT, 3000, 'PORT'),
    httpHost: env.HOST ?? '0.0.0.0',
    ledgerKeyFile: resolve(env.RENJA_LEDGER_KEY_FILE ?? `${dataDir}/ledger-signing-key`),
    ledgerOrigin: env.RENJA_LEDGER_ORIGIN || undefined,
    checkpointEveryEvents: positive(env.RENJA_CHECKPOINT_EVERY_EVENTS, 1000, 'RENJA_CHECKPOINT_EVERY_EVENTS'),
    checkpointEverySeconds: positive(env.RENJA_CHECKPOINT_EVERY_SECONDS, 60, 'RENJA_CHECKPOINT_EVERY_SECONDS'),
    verifyEveryMinutes:
      env.RENJA_VERIFY_EVERY_MINUTES === '0' ? 0 : positive(env.RENJA_VERIFY_EVERY_MINUTES, 60, 'RENJA_VERIFY_EVERY_MINUTES'),
    migrationDatabaseUrl: present(env.RENJA_MIGRATION_DATABASE_URL),
    security: loadSecurityConfig(env),
    importMaxBytes: positive(env.RENJA_IMPORT_MAX_BYTES, 20 * 1024 * 1024, 'RENJA_IMPORT_MAX_BYTES'),
    loadSample: (env.RENJA_SAMPLE ?? '').trim().toLowerCase() !== 'none',
    sampleDir: env.RENJA_SAMPLE_DIR ? resolve(env.RENJA_SAMPLE_DIR) : null,
  };
}
