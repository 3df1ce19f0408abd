import { Readable } from 'node:stream';
import { StreamableFile } from '@nestjs/common';

/** Pieces are sent in strings of about this many characters. */
const CHUNK_CHARACTERS = 64 * 1024;

const isComposite = (value: unknown): value is object =>
  typeof value === 'object' && value !== null && typeof (value as { toJSON?: unknown }).toJSON !== 'function';

/**
 * Texts of values written before, by identity: for values that are never changed once written (the report
 * reader's kept reports, report-memo.ts, are shared between requests as they are). Held weakly: a text goes
 * with its value.
 */
export type KeptTexts = WeakMap<object, string | Buffer>;

/** A kept text at least this long is kept and sent as UTF-8 bytes, a shorter one as a string within a chunk. */
const KEPT_BYTES_FROM = 16 * 1024;

/**
 * The text of JSON.stringify(value), in pieces: objects and arrays down to `depth` levels are written member by
 * member, everything below them by JSON.stringify itself. The same text (members in Object.keys order, undefined,
 * functions and symbols left out of objects and written null in arrays), never the whole of it in one string.
 * A value with toJSON is written by JSON.stringify whole, as it is called for the top (with the key '').
 * With `kept`, the text of each object or array at the last level written whole is taken from it, or kept there.
 */
function* pieces(value: unknown, depth: number, kept?: KeptTexts): Generator<string | Buffer> {
  if (depth <= 0 || !isComposite(value)) {
    yield JSON.stringify(value) ?? 'null';
    return;
  }
  if (depth === 1 && kept) {
    let text = kept.get(value);
    if (text === undefined) {
      const json = JSON.stringify(value);
      kept.set(value, (text = json.length >= KEPT_BYTES_FROM ? Buffer.from(json, 'utf8') : json));
    }
    yield text;
    return;
  }
  if (Array.isArray(value)) {
    yield '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) yield ',';
      yield* pieces(value[i], depth - 1, kept);
    }
    yield ']';
    return;
  }
  let first = true;
  yield '{';
  for (const key of Object.keys(value)) {
    const member = (value as Record<string, unknown>)[key];
    const name = `${first ? '' : ','}${JSON.stringify(key)}:`;
    if (depth > 1 && isComposite(member)) {
      yield name;
      yield* pieces(member, depth - 1, kept);
    } else {
      const text = JSON.stringify(member);
      if (text === undefined) continue;
      yield name + text;
    }
    first = false;
  }
  yield '}';
}

/**
 * JSON.stringify(value) in strings of about CHUNK_CHARACTERS, and the long kept texts as they are (UTF-8 bytes);
 * a top-level undefined is written as null.
 */
export function* jsonChunks(value: unknown, depth: number, kept?: KeptTexts): Generator<string | Buffer> {
  let chunk = '';
  for (const piece of pieces(value, depth, kept)) {
    if (typeof piece !== 'string') {
      if (chunk.length > 0) yield chunk;
      chunk = '';
      yield piece;
      continue;
    }
    chunk += piece;
    if (chunk.length >= CHUNK_CHARACTERS) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk.length > 0) yield chunk;
}

/**
 * A JSON answer sent while it is written (application/json; charset=utf-8, chunked), for answers of many
 * megabytes: no single string of the whole text, no copy of it, written in turn with the sending. Most pieces
 * are plain ASCII strings, which encode to UTF-8 far faster than one string holding a single non-Latin-1 character.
 */
export const streamedJson = (value: unknown, depth: number, kept?: KeptTexts): StreamableFile =>
  new StreamableFile(Readable.from(utf8Chunks(value, depth, kept)), { type: 'application/json; charset=utf-8' });

/** The chunks encoded once here: a string written to the response would be measured (byteLength) and then encoded. */
export function* utf8Chunks(value: unknown, depth: number, kept?: KeptTexts): Generator<Buffer> {
  for (const chunk of jsonChunks(value, depth, kept)) yield typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
}
