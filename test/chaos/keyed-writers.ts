import Decimal from 'decimal.js';
import type { LedgerProcess } from './ledger-process';

/** mulberry32: a small seeded PRNG, so a run can be repeated exactly (same amounts, same fault order, same delays). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const CHAOS_OFFICE = 'CHAOS';
export const lineOfWriter = (i: number) => `2.17.07.1.01.${String(i + 1).padStart(4, '0')}`;

export interface Acknowledged {
  key: string;
  line: string;
  amount: string;
  eventIds: string[];
  /** When the attempt that was acknowledged was sent, and when the answer came. */
  sentAt: number;
  at: number;
}

export interface WriterStats {
  requests: number;
  acknowledged: number;
  replayed: number;
  networkErrors: number;
  /** Status → count, for answers other than 201 (and 200 replays). */
  statuses: Record<number, number>;
  /** Answers a client should never get for a well-formed keyed write (4xx other than 429). */
  unexpected: string[];
  /** Keys sent but never acknowledged (the run ended first): each may be recorded at most once. */
  unacknowledged: string[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Clients writing realisations, each to its own line, each write with its own Idempotency-Key, resent
 * (same key, same body) after any failure until it is acknowledged: what a careful client does.
 */
export class KeyedWriters {
  readonly acknowledged: Acknowledged[] = [];
  readonly stats: WriterStats = {
    requests: 0,
    acknowledged: 0,
    replayed: 0,
    networkErrors: 0,
    statuses: {},
    unexpected: [],
    unacknowledged: [],
  };
  /** When each non-201 status was answered (ms since epoch), to place 500s against the faults. */
  readonly failures: Array<{ at: number; status: number }> = [];
  private running = false;
  private loops: Promise<void>[] = [];
  private deadline = Infinity;

  constructor(
    private readonly ledger: LedgerProcess,
    private readonly count: number,
    private readonly runId: string,
    private readonly random: () => number,
  ) {}

  start(): void {
    this.running = true;
    this.deadline = Infinity;
    this.loops = Array.from({ length: this.count }, (_, i) => this.loop(i));
  }

  /** Stops sending new writes; the one in flight of each client is resent until acknowledged or `graceMs` passes. */
  async stop(graceMs: number): Promise<void> {
    this.running = false;
    this.deadline = Date.now() + graceMs;
    await Promise.all(this.loops);
  }

  /** The first acknowledgement of a request sent after `time` (a write in flight at a fault proves nothing about recovery). */
  firstAckAfter(time: number): number | null {
    const first = this.acknowledged.find((a) => a.sentAt >= time);
    return first ? first.at - time : null;
  }

  /** Waits until some write is acknowledged after `time`; ms from `time`, or null after `limitMs`. */
  async waitAckAfter(time: number, limitMs: number): Promise<number | null> {
    while (Date.now() - time < limitMs) {
      const ms = this.firstAckAfter(time);
      if (ms !== null) return ms;
      await sleep(50);
    }
    return null;
  }

  expectedTotals(): Map<string, Decimal> {
    const totals = new Map<string, Decimal>();
    for (const a of this.acknowledged) totals.set(a.line, (totals.get(a.line) ?? new Decimal(0)).plus(a.amount));
    return totals;
  }

  private async loop(i: number): Promise<void> {
    const line = lineOfWriter(i);
    for (let n = 0; this.running; n++) {
      const key = `${this.runId}-w${i}-${n}`;
      const amount = `${1 + Math.floor(this.random() * 9_999_999)}.${String(Math.floor(this.random() * 100)).padStart(2, '0')}`;
      const body = { period: `2022-${String(1 + Math.floor(this.random() * 12)).padStart(2, '0')}`, amount, reason: `chaos ${key}` };
      const ack = await this.sendUntilAcknowledged(line, key, body);
      if (ack) this.acknowledged.push({ key, line, amount, eventIds: ack.eventIds, sentAt: ack.sentAt, at: Date.now() });
      else this.stats.unacknowledged.push(key);
    }
  }

  private async sendUntilAcknowledged(line: string, key: string, body: object): Promise<{ eventIds: string[]; sentAt: number } | null> {
    const url = `${this.ledger.api}/api/v1/years/2022/offices/${CHAOS_OFFICE}/lines/${line}/realisations`;
    for (let attempt = 0; ; attempt++) {
      if (!this.running && Date.now() > this.deadline) return null;
      this.stats.requests += 1;
      const sentAt = Date.now();
      try {
        const response = await fetch(url, {
          method: 'POST',
          headers: { ...this.ledger.headers(), 'Idempotency-Key': key },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(10_000),
        });
        const text = await response.text();
        if (response.status === 201 || response.status === 200) {
          const result = JSON.parse(text) as { eventIds: string[]; replayed: boolean };
          this.stats.acknowledged += 1;
          if (result.replayed) this.stats.replayed += 1;
          return { eventIds: result.eventIds, sentAt };
        }
        this.stats.statuses[response.status] = (this.stats.statuses[response.status] ?? 0) + 1;
        this.failures.push({ at: Date.now(), status: response.status });
        if (response.status >= 400 && response.status < 500 && response.status !== 429 && response.status !== 401)
          this.stats.unexpected.push(`${response.status} ${key}: ${text.slice(0, 200)}`);
        if (response.status === 401) this.ledger.readToken(); // the first start wrote the token after we began
      } catch {
        this.stats.networkErrors += 1;
      }
      await sleep(Math.min(1000, 50 * 2 ** Math.min(attempt, 5)));
    }
  }
}
