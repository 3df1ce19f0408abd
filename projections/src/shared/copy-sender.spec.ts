import type { EntityManager } from 'typeorm';
import { CopySender } from './copy-sender';

interface Submitted {
  submit(connection: { query(text: string): void }): void;
  handleCommandComplete(message: { text: string }): void;
  handleReadyForQuery(): void;
  handleError(error: Error): void;
}

/** A pg client that answers each COPY after a few milliseconds and counts how many it was given at once. */
function fakeConnection() {
  const texts: string[] = [];
  let busy = 0;
  let mostAtOnce = 0;
  const client = {
    query(submitted: Submitted) {
      busy += 1;
      mostAtOnce = Math.max(mostAtOnce, busy);
      submitted.submit({ query: (text: string) => texts.push(text) });
      setTimeout(() => {
        busy -= 1;
        if (texts.at(-1)?.includes('fails')) submitted.handleError(new Error('bad row'));
        else {
          submitted.handleCommandComplete({ text: 'COPY 1' });
          submitted.handleReadyForQuery();
        }
      }, 3);
    },
  };
  const manager = { queryRunner: { connect: () => Promise.resolve(client) } } as unknown as EntityManager;
  return { manager, texts, mostAtOnce: () => mostAtOnce };
}

describe('CopySender', () => {
  it('gives the connection one COPY at a time, in the order sent, when several tables each have one in flight', async () => {
    const { manager, texts, mostAtOnce } = fakeConnection();
    const senders = ['rm_a', 'rm_b', 'rm_c'].map((table) => new CopySender(manager, table, 'spec'));
    for (let round = 0; round < 3; round++) {
      for (const sender of senders) {
        await sender.wait(); // as BulkInsert does: its own statement before, not the others'
        const data = Buffer.from('1\n');
        sender.send(['x'], ` -- ${round}`, data, data);
      }
    }
    await Promise.all(senders.map((s) => s.wait()));
    expect(mostAtOnce()).toBe(1);
    expect(texts).toEqual([0, 1, 2].flatMap((round) => ['rm_a', 'rm_b', 'rm_c'].map((t) => `COPY ${t} ("x") FROM STDIN -- ${round}`)));
  });

  it("throws a statement's failure from its own sender, and the next statement on the connection still runs", async () => {
    const { manager, texts } = fakeConnection();
    const failing = new CopySender(manager, 'rm_fails', 'spec');
    const next = new CopySender(manager, 'rm_next', 'spec');
    failing.send(['x'], '', Buffer.from('1\n'), Buffer.alloc(2));
    next.send(['x'], '', Buffer.from('1\n'), Buffer.alloc(2));
    await expect(failing.wait()).rejects.toThrow('bad row');
    await expect(next.wait()).resolves.toBeUndefined();
    expect(texts).toEqual(['COPY rm_fails ("x") FROM STDIN', 'COPY rm_next ("x") FROM STDIN']);
  });

  it('hands back the buffer of the statement before, to be filled again, and none the first time', async () => {
    const { manager } = fakeConnection();
    const sender = new CopySender(manager, 'rm_a', 'spec');
    const [first, second] = [Buffer.from('1\n2\n'), Buffer.from('3\n')];
    expect(sender.send(['x'], '', first.subarray(0, 2), first)).toBeNull();
    await sender.wait();
    expect(sender.send(['x'], '', second, second)).toBe(first);
    await sender.wait();
  });

  it('needs the EntityManager of a transaction', async () => {
    const sender = new CopySender({ queryRunner: undefined } as unknown as EntityManager, 'rm_a', 'BulkInsert');
    sender.send(['x'], '', Buffer.from('1\n'), Buffer.alloc(2));
    await expect(sender.wait()).rejects.toThrow('BulkInsert into rm_a needs the EntityManager of a transaction');
  });
});
