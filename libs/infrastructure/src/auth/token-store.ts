import { createHash, randomBytes } from 'node:crypto';
import type { Pool } from 'pg';
import type { IssuedToken, TokenGrant, TokenHolder, TokenInfo, TokenRegistry } from '@renja/application/access/token-registry';
import type { Migration } from '../database/migrations';

/** API tokens: the holder's name is the actor recorded on every event the token writes. */
export const authMigrations: Migration[] = [
  {
    id: '0100_api_tokens',
    sql: `
      CREATE TABLE api_tokens (
        id bigserial PRIMARY KEY,
        name text NOT NULL,
        token_hash text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        revoked_at timestamptz
      );`,
  },
  {
    // Tokens issued before roles existed could write everything: they keep exactly that (documented in docs/security.md).
    id: '0101_api_token_roles',
    sql: `
      ALTER TABLE api_tokens
        ADD COLUMN roles text[] NOT NULL DEFAULT '{admin,planner,finance}',
        ADD COLUMN offices text[],
        ADD COLUMN expires_at timestamptz,
        ADD COLUMN last_used_at timestamptz,
        ADD COLUMN created_by text;
      ALTER TABLE api_tokens ALTER COLUMN roles DROP DEFAULT;
      COMMENT ON COLUMN api_tokens.offices IS 'NULL: all offices';`,
  },
  {
    // The holder as a person: a civil servant's NIP beside the name (optional, 18 digits, checked by the application).
    id: '0102_api_token_nip',
    sql: `ALTER TABLE api_tokens ADD COLUMN nip text CHECK (nip ~ '^[0-9]{18}$');`,
  },
];

// The token types belong to the port this store implements (libs/application/src/access/token-registry.ts).
export type { IssuedToken, TokenGrant, TokenHolder, TokenInfo };

/** Why a presented token was refused; `name` (never the secret) is for the log. */
export type TokenCheck =
  { ok: true; holder: TokenHolder } | { ok: false; reason: 'unknown' | 'revoked' | 'expired'; name?: string; id?: number };

const hash = (token: string) => createHash('sha256').update(token).digest('hex');
// eslint-disable-next-line no-control-regex -- control characters are refused on purpose
const NAME = /^[^\x00-\x1f\x7f]{1,100}$/u;
/** Last use is written at most this often per token, so reads do not turn into a write each. */
const LAST_USED_RESOLUTION_SECONDS = 30;

interface Row {
  id: string;
  name: string;
  nip: string | null;
  roles: string[];
  offices: string[] | null;
  expires_at: Date | null;
  created_at: Date;
  created_by: string | null;
  revoked_at: Date | null;
  last_used_at: Date | null;
}

const holderOf = (r: Row): TokenHolder => ({
  id: Number(r.id),
  name: r.name,
  roles: r.roles,
  offices: r.offices ?? '*',
  expiresAt: r.expires_at?.toISOString() ?? null,
});

export function validTokenName(name: unknown): string {
  const trimmed = typeof name === 'string' ? name.trim() : '';
  if (!NAME.test(trimmed)) throw new TokenNameError();
  return trimmed;
}

export class TokenNameError extends Error {
  constructor() {
    super('token name must be 1-100 printable characters');
    this.name = 'TokenNameError';
  }
}

export class TokenStore implements TokenRegistry {
  constructor(private readonly pool: Pool) {}

  async create(grant: TokenGrant): Promise<IssuedToken> {
    const name = validTokenName(grant.name);
    const token = `rl_${randomBytes(32).toString('base64url')}`;
    const { rows } = await this.pool.query<Row>(
      `INSERT INTO api_tokens (name, token_hash, roles, offices, expires_at, created_by, nip) VALUES ($1, $2, $3, $4, $5, $6, $7)
       RETURNING id, name, roles, offices, expires_at, nip`,
      [name, hash(token), grant.roles, grant.offices === '*' ? null : grant.offices, grant.expiresAt, grant.createdBy, grant.nip ?? null],
    );
    return { ...holderOf(rows[0]), nip: rows[0].nip, token };
  }

  /** Removes a token that was never announced (its grant could not be recorded in the ledger). */
  async discard(id: number): Promise<void> {
    await this.pool.query('DELETE FROM api_tokens WHERE id = $1 AND last_used_at IS NULL', [id]);
  }

  /** Checks a presented token: valid, unrevoked and unexpired; records its last use. */
  async check(token: string): Promise<TokenCheck> {
    const { rows } = await this.pool.query<Row & { expired: boolean; stale: boolean }>(
      `SELECT id, name, roles, offices, expires_at, revoked_at,
              (expires_at IS NOT NULL AND expires_at <= clock_timestamp()) AS expired,
              (last_used_at IS NULL OR last_used_at < clock_timestamp() - make_interval(secs => $2)) AS stale
         FROM api_tokens WHERE token_hash = $1`,
      [hash(token), LAST_USED_RESOLUTION_SECONDS],
    );
    const row = rows[0];
    if (!row) return { ok: false, reason: 'unknown' };
    if (row.revoked_at) return { ok: false, reason: 'revoked', name: row.name, id: Number(row.id) };
    if (row.expired) return { ok: false, reason: 'expired', name: row.name, id: Number(row.id) };
    if (row.stale) await this.pool.query('UPDATE api_tokens SET last_used_at = clock_timestamp() WHERE id = $1', [row.id]);
    return { ok: true, holder: holderOf(row) };
  }

  /** The holder of a valid token, or null. */
  async verify(token: string): Promise<TokenHolder | null> {
    const result = await this.check(token);
    return result.ok ? result.holder : null;
  }

  async find(id: number): Promise<TokenInfo | null> {
    return (await this.list(id))[0] ?? null;
  }

  async list(id?: number): Promise<TokenInfo[]> {
    const { rows } = await this.pool.query<Row>(
      `SELECT id, name, nip, roles, offices, expires_at, created_at, created_by, revoked_at, last_used_at FROM api_tokens
        WHERE $1::bigint IS NULL OR id = $1 ORDER BY id`,
      [id ?? null],
    );
    return rows.map((r) => ({
      ...holderOf(r),
      nip: r.nip,
      createdAt: r.created_at.toISOString(),
      createdBy: r.created_by,
      revokedAt: r.revoked_at?.toISOString() ?? null,
      lastUsedAt: r.last_used_at?.toISOString() ?? null,
    }));
  }

  async revoke(id: number): Promise<boolean> {
    const r = await this.pool.query('UPDATE api_tokens SET revoked_at = clock_timestamp() WHERE id = $1 AND revoked_at IS NULL', [id]);
    return r.rowCount === 1;
  }

  /** Undoes a revocation whose record could not be appended to the ledger, so table and ledger agree. */
  async unrevoke(id: number): Promise<void> {
    await this.pool.query('UPDATE api_tokens SET revoked_at = NULL WHERE id = $1', [id]);
  }

  async count(): Promise<number> {
    const { rows } = await this.pool.query<{ n: string }>('SELECT count(*) AS n FROM api_tokens WHERE revoked_at IS NULL');
    return Number(rows[0].n);
  }
}
