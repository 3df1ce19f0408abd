import { randomUUID } from 'node:crypto';
import { DomainError, messageOf } from '@renja/domain/shared/errors';
import { msg } from '@renja/domain/shared/messages/message';
import { ForbiddenError, LedgerPipeline, tokenPrincipal, type CommandMetadata } from '@renja/application';
import { TokenStore } from '@renja/infrastructure/auth/token-store';
import { PlanProjection, Projector } from '@renja/projections';
import { CliRefusal } from './cli-refusal';
import { withLedger, type CliContext } from './context';

export { CliRefusal };

/** An error the user can act on: a rule of the ledger, a missing role, or the CLI's own refusal. */
function isRefusal(error: unknown): error is DomainError | CliRefusal | ForbiddenError {
  return error instanceof DomainError || error instanceof CliRefusal || error instanceof ForbiddenError;
}

/**
 * Prints a refusal as "renja-ledger: ditolak: RULE (field): pesan" in Bahasa Indonesia and sets exit code 2
 * (like an import with problems); rethrows any other error (main prints it and exits 1).
 */
export function printRefusal(error: unknown): void {
  if (!isRefusal(error)) throw error;
  const rule = error instanceof ForbiddenError ? 'FORBIDDEN' : error.rule;
  const field = error instanceof ForbiddenError ? undefined : error.field;
  process.stderr.write(`renja-ledger: ditolak: ${rule}${field ? ` (${field})` : ''}: ${messageOf(error, 'id')}\n`);
  process.exitCode = 2;
}

/** The token a command records its actor by: --token or $RENJA_TOKEN, refused (exit 1) when neither is given. */
export function requireToken(token: string | undefined): string {
  const given = token ?? process.env.RENJA_TOKEN;
  if (!given) throw new CliRefusal('TOKEN_REQUIRED', msg('TOKEN_REQUIRED.cli'), 'token');
  return given;
}

export interface ActorContext {
  pipeline: LedgerPipeline;
  store: CliContext['store'];
  projector: Projector;
  meta: CommandMetadata;
}

/**
 * Opens the ledger, checks the token (an unknown or revoked one is refused) and hands the work the API's
 * own write pipeline and the metadata naming the token's holder as the actor.
 */
export async function withActor<T>(token: string, work: (actor: ActorContext) => Promise<T>): Promise<T> {
  return withLedger(async ({ db, store, dataSource }) => {
    const holder = await new TokenStore(db.pool).verify(token);
    if (!holder) throw new CliRefusal('TOKEN_INVALID', msg('TOKEN_INVALID.unknown'), 'token');
    const projector = new Projector(dataSource, store, new PlanProjection());
    const pipeline = new LedgerPipeline(store, projector);
    return work({ pipeline, store, projector, meta: { principal: tokenPrincipal(holder), correlationId: randomUUID() } });
  });
}
