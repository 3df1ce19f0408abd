import type { Request } from 'express';
import { answerEncoding, COMPRESS_FROM_BYTES } from './compress-answers';

const asked = (acceptEncoding?: string) =>
  ({ headers: acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding } }) as Request;

describe('answerEncoding', () => {
  it.each([
    ['gzip, deflate, br, zstd', 'br'], // what browsers send: gzip listed first, the same weight
    ['gzip, deflate', 'gzip'],
    ['GZIP', 'gzip'],
    ['br;q=0.5, gzip', 'gzip'],
    ['gzip;q=0.8, br;q=0.8', 'br'],
    ['br;q=0, gzip', 'gzip'],
    ['*', 'br'],
    ['*;q=0.5, br;q=0', 'gzip'],
    ['br;q=abc, gzip', 'gzip'], // a malformed weight refuses its coding
  ])('%s → %s', (header, expected) => {
    expect(answerEncoding(asked(header), COMPRESS_FROM_BYTES)).toBe(expected);
  });

  it.each([['identity'], ['deflate'], [''], ['*;q=0'], ['br;q=0, gzip;q=0']])('%s: sent as it is', (header) => {
    expect(answerEncoding(asked(header), COMPRESS_FROM_BYTES)).toBeNull();
  });

  it('sends an answer as it is without Accept-Encoding, and below 1 KB', () => {
    expect(answerEncoding(asked(), 1_000_000)).toBeNull();
    expect(answerEncoding(asked('gzip, br'), COMPRESS_FROM_BYTES - 1)).toBeNull();
  });
});
