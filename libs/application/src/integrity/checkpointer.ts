import { Logger } from '@nestjs/common';
import { signCheckpoint, type NoteSigner } from '@renja/integrity';
import type { EventStore, LedgerTree, StoredCheckpoint, Subscription } from '@renja/event-store';

export interface CheckpointerOptions {
  origin: string;
  signer: NoteSigner;
  /** Issue a checkpoint once this many events arrived since the last one (default 1000) ... */
  everyEvents?: number;
  /** ... or this many seconds after new events arrived (default 60). */
  everySeconds?: number;
}

/**
 * Issues signed checkpoints (C2SP tlog-checkpoint notes) of the ledger's Merkle tree: on demand,
 * every N events and every M seconds while there are new events. All are kept.
 */
export class Checkpointer {
  private readonly logger = new Logger('Checkpointer');
  private subscription: Subscription | null = null;
  private timer: NodeJS.Timeout | null = null;
  private issuing: Promise<StoredCheckpoint> | null = null;

  constructor(
    private readonly tree: LedgerTree,
    private readonly options: CheckpointerOptions,
  ) {}

  /** Signs and stores a checkpoint at the current size (or returns the one already issued for it). */
  issue(): Promise<StoredCheckpoint> {
    // One at a time per process; the table's primary key settles races between processes.
    this.issuing ??= this.issueNow().finally(() => (this.issuing = null));
    return this.issuing;
  }

  private async issueNow(): Promise<StoredCheckpoint> {
    const size = await this.tree.size();
    const existing = await this.tree.checkpoint(size);
    if (existing) return existing;
    const rootHash = await this.tree.root(size);
    const note = signCheckpoint({ origin: this.options.origin, size, rootHash }, this.options.signer);
    return this.tree.saveCheckpoint(size, rootHash, note);
  }

  private async due(force: boolean): Promise<void> {
    const [latest, size] = await Promise.all([this.tree.latestCheckpoint(), this.tree.size()]);
    const pending = size - (latest?.size ?? -1);
    if (latest && pending <= 0) return;
    if (force || pending >= (this.options.everyEvents ?? 1000)) await this.issue();
  }

  /** Follows appends: a checkpoint every N events, and every M seconds while events keep coming. */
  async start(store: EventStore): Promise<void> {
    await this.due(true).catch((e) => this.logger.warn(`checkpoint failed: ${(e as Error).message}`));
    const check = (force: boolean) => this.due(force).catch((e) => this.logger.warn(`checkpoint failed: ${(e as Error).message}`));
    // The "every N events" trigger survives a restarted database: the subscription retries with backoff.
    this.subscription = store.subscribeToAll({
      after: await store.headPosition(),
      name: 'checkpointer',
      handler: () => check(false),
      onError: (e, retry) =>
        this.logger.warn(`following the log failed (attempt ${retry.attempt}): ${(e as Error).message}; retrying in ${retry.delayMs} ms`),
      onRecovered: (r) => this.logger.log(`following the log again after ${r.attempts} failed attempt(s)`),
    });
    this.timer = setInterval(() => void check(true), (this.options.everySeconds ?? 60) * 1000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.subscription?.stop();
    await this.issuing?.catch(() => undefined);
  }
}
