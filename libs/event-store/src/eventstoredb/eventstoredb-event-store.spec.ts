import { randomUUID } from 'node:crypto';
import { eventStoreContract } from '../testing/event-store.contract';
import { EventStoreDbEventStore } from './eventstoredb-event-store';

/**
 * The EventStoreDB adapter against a real server: the same contract suite as the PostgreSQL
 * store. No EventStoreDB server can be installed where the default test run happens, so this
 * suite runs when EVENTSTORE_URL points at one, e.g.
 *
 *   docker compose --profile eventstore up -d eventstore
 *   EVENTSTORE_URL='esdb://localhost:2113?tls=false' npx jest libs/event-store/src/eventstoredb
 *
 * Each test gets its own log stream, so the server need not be empty.
 */
const url = process.env.EVENTSTORE_URL;
if (url) {
  eventStoreContract('EventStoreDbEventStore', () => {
    const store = EventStoreDbEventStore.connect(url, { logStream: `renja-ledger-contract-${randomUUID()}`, pollIntervalMs: 50 });
    return Promise.resolve({ store, teardown: () => store.close() });
  });
}

describe('EventStoreDbEventStore without a server', () => {
  it('reports an unreachable server as an error instead of hanging or pretending', async () => {
    // Port 1 on localhost: nothing listens there. The client gives up after its deadline.
    const store = EventStoreDbEventStore.connect('esdb://127.0.0.1:1?tls=false&defaultDeadline=2000&maxDiscoverAttempts=1');
    try {
      await expect(store.headPosition()).rejects.toThrow(/UNAVAILABLE|ECONNREFUSED/);
    } finally {
      await store.close();
    }
  });
});
