import fc from 'fast-check';
import type { RecordedEvent } from '../port/event-store.port';
import { canonicalJson, canonicalJsonOfPlain } from './canonical-json';
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

describe('canonicalJsonOfPlain (the round trip through JSON text skipped)', () => {
  const roundTrip = (value: unknown): string => canonicalJson(JSON.parse(JSON.stringify(value)));

  it('answers for any plain JSON value, exactly what the round trip answers', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => expect(canonicalJsonOfPlain(value)).toBe(roundTrip(value))),
      { numRuns: 500 },
    );
  });

  it('for anything else, answers the round trip or nothing', () => {
    // fc.anything: boxed values, null prototypes, undefined members and elements, sparse arrays, NaN, -0, Dates, Maps...
    const anything = fc.anything({
      withBoxedValues: true,
      withNullPrototype: true,
      withSparseArray: true,
      withDate: true,
      withMap: true,
      withSet: true,
      withTypedArray: true,
      withObjectString: true,
      withUnicodeString: true,
    });
    fc.assert(
      fc.property(fc.dictionary(fc.string(), anything), (value) => {
        const fast = canonicalJsonOfPlain(value);
        let slow: string | undefined;
        try {
          slow = roundTrip(value);
        } catch {
          slow = undefined; // the round trip refuses it (an undefined element, a NaN): the fast path must not answer
        }
        if (fast !== undefined) expect(fast).toBe(slow);
      }),
      { numRuns: 500 },
    );
  });

  it('leaves to the round trip what JSON.stringify reads otherwise than the value', () => {
    const cycle: Record<string, unknown> = { a: 1 };
    cycle.self = cycle;
    class Amount {
      constructor(readonly sen: string) {}
    }
    for (const value of [
      { at: new Date(0) },
      { amount: { toJSON: () => '12.50' } },
      { n: Object(1) as unknown },
      { list: [1, undefined] },
      { list: [1, , 3] }, // eslint-disable-line no-sparse-arrays
      { x: Number.NaN },
      { x: Number.POSITIVE_INFINITY },
      { f: () => 1 },
      { amount: new Amount('1250') },
      cycle,
    ]) {
      expect(canonicalJsonOfPlain(value)).toBeUndefined();
    }
  });

  it('skips members left undefined and keeps null prototypes, as JSON.stringify does', () => {
    const bare = Object.assign(Object.create(null) as Record<string, unknown>, { b: 1, a: undefined });
    expect(canonicalJsonOfPlain({ z: undefined, y: bare, x: -0 })).toBe('{"x":0,"y":{"b":1}}');
    expect(canonicalJsonOfPlain({ z: undefined, y: bare, x: -0 })).toBe(roundTrip({ z: undefined, y: bare, x: -0 }));
  });
});
