import { Readable } from 'node:stream';
import { StreamableFile } from '@nestjs/common';

/** Pieces are sent in strings of about this many characters. */
const CHUNK_CHARACTERS = 64 * 1024;

const isComposite = (value: unknown): value is object =>
  typeof value === 'object' && value !== null && typeof (value as { toJSON?: unknown }).toJSON !== 'function';

/**
 * The text of JSON.stringify(value), in pieces: objects and arrays down to `depth` levels are written member by
 * member, everything below them by JSON.stringify itself. The same text (members in Object.keys order, undefined,
 * functions and symbols left out of objects and written null in arrays), never the whole of it in one string.
 * A value with toJSON is written by JSON.stringify whole, as it is called for the top (with the key '').
 */
function* pieces(value: unknown, depth: number): Generator<string> {
  if (depth <= 0 || !isComposite(value)) {
    yield JSON.stringify(value) ?? 'null';
    return;
  }
  if (Array.isArray(value)) {
    yield '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) yield ',';
      yield* pieces(value[i], depth - 1);
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
      yield* pieces(member, depth - 1);
    } else {
      const text = JSON.stringify(member);
      if (text === undefined) continue;
      yield name + text;
    }
    first = false;
  }
  yield '}';
}

/** JSON.stringify(value) in strings of about CHUNK_CHARACTERS (a top-level undefined is written as null). */
export function* jsonChunks(value: unknown, depth: number): Generator<string> {
  let chunk = '';
  for (const piece of pieces(value, depth)) {
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
export const streamedJson = (value: unknown, depth: number): StreamableFile =>
  new StreamableFile(Readable.from(jsonChunks(value, depth)), { type: 'application/json; charset=utf-8' });
