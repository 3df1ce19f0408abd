import { Client, type Notification, type Pool } from 'pg';
import type { WakeSource } from '../subscription/catch-up-subscription';

/**
 * One LISTEN connection per store, shared by all its subscriptions, opened while at least one
 * subscription runs. It is a dedicated pg.Client built from the pool's options rather than a
 * pooled client: a LISTEN connection lives as long as the subscription, and holding a pool
 * slot that long would starve the short transactions the pool exists for.
 *
 * A lost connection is dropped and every listener is woken (notifications may have been lost
 * meanwhile); the next add() - each subscription calls it before sleeping - reconnects.
 */
export class PgChangeNotifier implements WakeSource {
  private readonly listeners = new Set<() => void>();
  private client: Client | null = null;
  private connecting: Promise<void> | null = null;

  constructor(
    private readonly pool: Pool,
    private readonly channel: string,
  ) {}

  add(listener: () => void): Promise<void> {
    this.listeners.add(listener);
    if (this.client) return Promise.resolve();
    this.connecting ??= this.connect().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  async remove(listener: () => void): Promise<void> {
    this.listeners.delete(listener);
    if (this.listeners.size > 0) return;
    await this.connecting; // a connect in flight sees no listeners left and closes its own client
    if (this.listeners.size === 0 && this.client) await this.disconnect(this.client);
  }

  /** Closes the LISTEN connection even if listeners remain (store shutdown). */
  async close(): Promise<void> {
    this.listeners.clear();
    await this.connecting;
    if (this.client) await this.disconnect(this.client);
  }

  private async connect(): Promise<void> {
    const client = new Client(this.pool.options);
    // Without an 'error' listener a dropped connection would crash the process. A connection the server
    // ends may also just end, without an error: either way it is dropped and the listeners are woken.
    const lost = () => {
      if (this.client !== client) return;
      void this.disconnect(client);
      this.wakeAll();
    };
    client.on('error', lost);
    client.on('end', lost);
    client.on('notification', (message: Notification) => {
      if (message.channel === this.channel) this.wakeAll();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${client.escapeIdentifier(this.channel)}`);
    } catch {
      await client.end().catch(() => undefined);
      return; // subscriptions keep polling; their next add() retries
    }
    if (this.listeners.size === 0) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    // Commits between a subscription's last read and this LISTEN sent no notification to us.
    this.wakeAll();
  }

  private async disconnect(client: Client): Promise<void> {
    if (this.client === client) this.client = null;
    await client.end().catch(() => undefined);
  }

  private wakeAll(): void {
    for (const listener of this.listeners) listener();
  }
}
