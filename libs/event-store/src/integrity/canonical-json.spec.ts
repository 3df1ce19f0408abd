import fc from 'fast-check';
import type { RecordedEvent } from '../port/event-store.port';
import { canonicalJson } from './canonical-json';
import { eventLeafText } from './event-hash';

describe('canonicalJson (RFC 8785)', () => {
  it('sorts keys by UTF-16 code units and drops whitespace', () => {
    expect(canonicalJson({ b: 1, a: [true, null, 'x'], A: { d: 2, c: 3 } })).toBe('{"A":{"c":3,"d":2},"a":[true,null,"x"],"b":1}');
    // RFC 8785 §3.2.3 example order: by UTF-16 code units, not by code point or locale
    expect(canonicalJson({ '\u20ac': 1, '\r': 2, '\ufb33': 3, '1': 4, '\u00f6': 5, '\ud83d\ude00': 6, '\u0080': 7 })).toBe(
      '{"\\r":2,"1":4,"\u0080":7,"\u00f6":5,"\u20ac":1,"\ud83d\ude00":6,"\ufb33":3}',
    );
  });

  it('serialises numbers and strings as ECMAScript does', () => {
    expect(canonicalJson([2022, 1e21, 0.5, -0, 'Rp 1.653.027.794,00', 'line\n"quoted"'])).toBe(
      '[2022,1e+21,0.5,0,"Rp 1.653.027.794,00","line\\n\\"quoted\\""]',
    );
  });

  it('refuses values JSON cannot carry', () => {
    expect(() => canonicalJson({ x: Number.NaN })).toThrow(/NaN/);
    expect(() => canonicalJson({ x: () => 1 })).toThrow(/function/);
  });
});

/** The plain formulation of RFC 8785 the fast one replaced: the oracle for the property below. */
function referenceCanonical(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(referenceCanonical).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${referenceCanonical(v)}`).join(',')}}`;
}

describe('canonicalJson and the event leaf text, against the plain formulation', () => {
  const json = fc.jsonValue({ depthSize: 'small' });

  it('canonicalises any JSON value exactly as the reference does', () => {
    fc.assert(
      fc.property(json, (value) => expect(canonicalJson(value)).toBe(referenceCanonical(value))),
      { numRuns: 300 },
    );
  });

  it('writes the leaf text of any event (well-formed or not) exactly as the general path would', () => {
    const field = fc.oneof(fc.string(), fc.integer(), fc.constant(undefined));
    const event = fc.record({
      position: fc.oneof(fc.nat(), field),
      id: fc.oneof(fc.uuid(), field),
      streamId: fc.oneof(fc.string({ unit: 'grapheme' }), field),
      version: fc.oneof(fc.nat(), field),
      type: fc.oneof(fc.string(), field),
      schemaVersion: fc.oneof(fc.constant(1), field),
      data: fc.oneof(fc.dictionary(fc.string(), json), fc.constant(undefined)),
      metadata: fc.oneof(fc.dictionary(fc.string(), json), fc.constant(undefined)),
      recordedAt: fc.oneof(fc.constant('2024-03-01T09:15:02.123456Z'), field),
    });
    fc.assert(
      fc.property(event, fc.uint8Array({ minLength: 32, maxLength: 32 }), (e, previous) => {
        const previousHash = Buffer.from(previous);
        const { position, id, streamId, version, type, schemaVersion, data, metadata, recordedAt } = e;
        const expected = referenceCanonical({
          position,
          eventId: id,
          streamId,
          version,
          type,
          schemaVersion,
          data,
          metadata,
          recordedAt,
          previousHash: previousHash.toString('hex'),
        });
        expect(eventLeafText(e as unknown as RecordedEvent, previousHash)).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });
});
