import type { EventStore } from '../port/event-store.port';
import { appendContract } from './contract/append.contract';
import type { ContractContext } from './contract/fixtures';
import { groupCommitContract } from './contract/group-commit.contract';
import { idempotencyContract } from './contract/idempotency.contract';
import { orderingContract } from './contract/ordering.contract';
import { readContract } from './contract/read.contract';
import { subscriptionContract } from './contract/subscription.contract';

export interface ContractStore {
  store: EventStore;
  teardown: () => Promise<void>;
}

/**
 * The behaviour every EventStore implementation must show (in the spirit of RailsEventStore's
 * shared lint and Eventuous's store specs). Call it from an adapter's spec:
 *
 *   eventStoreContract('PostgresEventStore', async () => ({ store, teardown }));
 *
 * The factory runs before every test. Its store need not be empty - tests use fresh stream
 * ids and positions relative to the head they start from - but nobody else may write to it
 * during a test. The ordering test runs 8 concurrent writers plus a reader, so the store must
 * be able to serve at least 10 concurrent calls (e.g. a pool of >= 10 connections).
 */
export function eventStoreContract(name: string, factory: () => Promise<ContractStore>): void {
  describe(`${name} satisfies the event-store contract`, () => {
    let current: ContractStore | undefined;
    const ctx: ContractContext = {
      get store(): EventStore {
        if (!current) throw new Error('the contract store is only available inside a test');
        return current.store;
      },
    };

    beforeEach(async () => {
      current = await factory();
    });
    afterEach(async () => {
      const done = current;
      current = undefined;
      await done?.teardown();
    });

    appendContract(ctx);
    readContract(ctx);
    idempotencyContract(ctx);
    subscriptionContract(ctx);
    orderingContract(ctx);
    groupCommitContract(ctx);
  });
}
