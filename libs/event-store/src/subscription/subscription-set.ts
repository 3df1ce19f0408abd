import type { Subscription, SubscriptionOptions } from '../port/event-store.port';
import { CatchUpSubscription, type CatchUpSource } from './catch-up-subscription';

/**
 * The live catch-up subscriptions of one store: opens them over the store's source and stops them
 * all when the store closes. Every adapter's subscribeToAll/close goes through one of these.
 */
export class SubscriptionSet {
  private readonly live = new Set<CatchUpSubscription>();

  constructor(private readonly source: CatchUpSource) {}

  open(options: SubscriptionOptions): Subscription {
    const subscription = new CatchUpSubscription(this.source, options, (finished) => this.live.delete(finished));
    this.live.add(subscription);
    return subscription;
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.live].map((s) => s.stop()));
  }
}
