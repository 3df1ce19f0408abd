import { randomUUID } from 'node:crypto';
import type { EventData, EventMetadata, EventStore, NewEvent } from '../../port/event-store.port';

/** Gives each contract test the store its factory made for it. */
export interface ContractContext {
  readonly store: EventStore;
}

/** A stream id no other test uses, so the contract also runs against a store that is not empty. */
export function streamName(prefix = 'stream'): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

export const sampleMetadata: EventMetadata = {
  actor: 'bappeda:operator-1',
  correlationId: '5e0e8c3c-1f7d-4a53-9b34-2d0a3c0f6b11',
  causationId: null,
  effectiveDate: '2024-03-01',
  legalBasis: { kind: 'Perkada', number: '12/2024', date: '2024-02-27' },
  reason: 'pergeseran anggaran',
};

export function newEvent(data: EventData = {}, type = 'pagu.changed'): NewEvent {
  return { id: randomUUID(), type, schemaVersion: 1, data, metadata: sampleMetadata };
}

export function newEvents(count: number, type = 'pagu.changed'): NewEvent[] {
  return Array.from({ length: count }, (_, i) => newEvent({ n: i + 1, amount: `${i + 1}000000.00` }, type));
}

export const positionsOf = (events: { position: number }[]): number[] => events.map((e) => e.position);
export const versionsOf = (events: { version: number }[]): number[] => events.map((e) => e.version);

/** [from, from + 1, ..., to] */
export function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);
}

/** Polls until the condition holds; fails with `what` after the timeout. */
export async function waitFor(condition: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

export const RECORDED_AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
