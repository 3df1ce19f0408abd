import { createHash, randomBytes } from 'node:crypto';
import type { Pool } from 'pg';
import type { Migration } from '../database/migrations';

/**
 * Browser sessions: the cookie holds a random id, the table only its SHA-256. Not evidence (not in the
 * ledger): the app role may insert, read, update and delete rows.
 */
export const sessionMigrations: Migration[] = [
  {
    id: '0110_web_sessions',
    sql: `
      CREATE TABLE web_sessions (
        id_hash bytea PRIMARY KEY,
        principal jsonb NOT NULL,
        token_id bigint REFERENCES api_tokens (id),
        csrf_token text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        expires_at timestamptz NOT NULL,
        ended_at timestamptz
      );
      CREATE INDEX web_sessions_expires ON web_sessions (expires_at);`,
  },
];

/** What a session stands for: the principal it was made for (as JSON) and its CSRF token. */
export interface StoredSession<P> {
  principal: P;
  tokenId: number | null;
  csrfToken: string;
  expiresAt: string;
}

export interface NewSession {
  /** The cookie value: shown once, only its hash is stored. */
  id: string;
  csrfToken: string;
  expiresAt: string;
}

/** Why a presented session id was refused; `name` (the token holder's) is for the log. */
export type SessionCheck<P> = { ok: true; session: StoredSession<P> } | { ok: false; reason: string; name?: string };

const hash = (id: string) => createHash('sha256').update(id).digest();
/** A cookie value we could have issued: 32 random bytes in base64url. */
export const SESSION_ID = /^[A-Za-z0-9_-]{43}$/;

interface Row {
  principal: unknown;
  token_id: string | null;
  csrf_token: string;
  expires_at: Date;
  ended_at: Date | null;
  expired: boolean;
  token_name: string | null;
  token_revoked: boolean | null;
  token_expired: boolean | null;
}

export class SessionStore {
  constructor(private readonly pool: Pool) {}

  /** Starts a session until `expiresAt`; ended and expired rows of earlier sessions are removed on the way. */
  async create<P>(principal: P, tokenId: number | null, expiresAt: Date): Promise<NewSession> {
    const id = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(32).toString('base64url');
    await this.pool.query(
      "DELETE FROM web_sessions WHERE expires_at < clock_timestamp() OR ended_at < clock_timestamp() - interval '1 hour'",
    );
    const { rows } = await this.pool.query<{ expires_at: Date }>(
      `INSERT INTO web_sessions (id_hash, principal, token_id, csrf_token, expires_at) VALUES ($1, $2, $3, $4, $5) RETURNING expires_at`,
      [hash(id), JSON.stringify(principal), tokenId, csrfToken, expiresAt],
    );
    return { id, csrfToken, expiresAt: rows[0].expires_at.toISOString() };
  }

  /** The session of a cookie value: unended, unexpired, and (when made from an API token) its token still valid. */
  async check<P>(id: string): Promise<SessionCheck<P>> {
    if (!SESSION_ID.test(id)) return { ok: false, reason: 'the session cookie is not one this server issued' };
    const { rows } = await this.pool.query<Row>(
      `SELECT s.principal, s.token_id, s.csrf_token, s.expires_at, s.ended_at, s.expires_at <= clock_timestamp() AS expired,
              t.name AS token_name, t.revoked_at IS NOT NULL AS token_revoked,
              (t.expires_at IS NOT NULL AND t.expires_at <= clock_timestamp()) AS token_expired
         FROM web_sessions s LEFT JOIN api_tokens t ON t.id = s.token_id
        WHERE s.id_hash = $1`,
      [hash(id)],
    );
    const row = rows[0];
    if (!row) return { ok: false, reason: 'unknown or ended session: sign in again' };
    if (row.ended_at) return { ok: false, reason: 'the session was ended (signed out): sign in again' };
    if (row.expired) return { ok: false, reason: 'the session has expired: sign in again' };
    if (row.token_id !== null) {
      const name = `${row.token_name ?? 'unknown'} (token #${row.token_id})`;
      if (row.token_revoked) return { ok: false, name, reason: `token #${row.token_id} of this session was revoked` };
      if (row.token_expired)
        return { ok: false, name, reason: `token #${row.token_id} of this session was valid until an expiry that has passed` };
    }
    return {
      ok: true,
      session: {
        principal: row.principal as P,
        tokenId: row.token_id === null ? null : Number(row.token_id),
        csrfToken: row.csrf_token,
        expiresAt: row.expires_at.toISOString(),
      },
    };
  }

  /** Ends a session; later requests with its cookie are refused. */
  async end(id: string): Promise<boolean> {
    if (!SESSION_ID.test(id)) return false;
    const r = await this.pool.query('UPDATE web_sessions SET ended_at = clock_timestamp() WHERE id_hash = $1 AND ended_at IS NULL', [
      hash(id),
    ]);
    return r.rowCount === 1;
  }
}
