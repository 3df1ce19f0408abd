import { randomUUID } from 'node:crypto';
import { msg, notFound } from '@renja/domain';
import type { EventStore, NewEvent } from '@renja/event-store';
import { authorize } from '../shared/authorization';
import type { Principal } from '../shared/principal';
import type { TokenGrantRequest } from './token-grant';
import type { IssuedToken, TokenInfo, TokenRegistry } from './token-registry';

/** Token management is evidence too: each grant and revocation is an event (never the secret or its hash). */
export const ACCESS_EVENT_TYPES = { granted: 'access.token.granted', revoked: 'access.token.revoked' } as const;
export const accessTokenStreamId = (tokenId: number) => `access-token-${tokenId}`;

export interface RequestContext {
  correlationId: string;
  causationId?: string | null;
}

/**
 * Grants and revokes API tokens. The table holds the hash the guard checks; the ledger holds who granted
 * whom which roles and offices, and who revoked. If the ledger refuses the record, the table change is undone.
 */
export class TokenAdministration {
  constructor(
    private readonly tokens: TokenRegistry,
    private readonly store: EventStore,
  ) {}

  async grant(principal: Principal, grant: TokenGrantRequest, context: RequestContext): Promise<IssuedToken> {
    authorize(principal, { kind: 'manage-tokens', offices: grant.offices });
    const issued = await this.tokens.create({ ...grant, createdBy: principal.name });
    const data = {
      tokenId: issued.id,
      name: issued.name,
      nip: issued.nip,
      roles: issued.roles,
      offices: issued.offices,
      expiresAt: issued.expiresAt,
    };
    try {
      await this.record(accessTokenStreamId(issued.id), 0, ACCESS_EVENT_TYPES.granted, data, principal, context);
    } catch (error) {
      await this.tokens.discard(issued.id);
      throw error;
    }
    return issued;
  }

  async revoke(principal: Principal, tokenId: number, context: RequestContext): Promise<TokenInfo> {
    authorize(principal, { kind: 'manage-tokens', offices: [] });
    const token = await this.tokens.find(tokenId);
    if (!token || token.revokedAt) throw notFound('TOKEN_NOT_FOUND', msg('TOKEN_NOT_FOUND', { tokenId }), 'id');
    // Revoking within one's scope: the revoker must be an admin over every office the token reaches.
    authorize(principal, { kind: 'manage-tokens', offices: token.offices });
    if (!(await this.tokens.revoke(tokenId))) throw notFound('TOKEN_NOT_FOUND', msg('TOKEN_NOT_FOUND', { tokenId }), 'id');
    try {
      await this.record(accessTokenStreamId(tokenId), 'any', ACCESS_EVENT_TYPES.revoked, { tokenId, name: token.name }, principal, context);
    } catch (error) {
      await this.tokens.unrevoke(tokenId);
      throw error;
    }
    return (await this.tokens.find(tokenId))!;
  }

  /** Tokens an admin may see: all of them for an all-offices admin, else those within its offices. */
  async list(principal: Principal): Promise<TokenInfo[]> {
    authorize(principal, { kind: 'manage-tokens', offices: principal.offices === '*' ? '*' : [] });
    const all = await this.tokens.list();
    if (principal.offices === '*') return all;
    const scope = principal.offices;
    return all.filter((t) => t.offices !== '*' && t.offices.every((o) => scope.includes(o)));
  }

  private async record(
    streamId: string,
    expectedVersion: number | 'any',
    type: string,
    data: Record<string, unknown>,
    principal: Principal,
    context: RequestContext,
  ) {
    const event: NewEvent = {
      id: randomUUID(),
      type,
      schemaVersion: 1,
      data,
      metadata: {
        actor: principal.name,
        correlationId: context.correlationId,
        causationId: context.causationId ?? null,
        effectiveDate: null,
        legalBasis: null,
        reason: null,
      },
    };
    await this.store.appendMany([{ streamId, expectedVersion, events: [event] }]);
  }
}
