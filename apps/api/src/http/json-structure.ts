/**
 * Checks a JSON request body's shape before it is parsed: nesting depth (deep bodies would exhaust the
 * stack of every recursive walk after the parser) and duplicate keys (JSON.parse keeps the last one
 * silently, and another reader of the same bytes may keep the first: an audit record must mean one thing).
 */
export class JsonStructureError extends Error {
  readonly status = 400;
  constructor(
    message: string,
    readonly field: string,
    readonly rule: string,
  ) {
    super(message);
    this.name = 'JsonStructureError';
  }
}

interface Frame {
  /** Keys seen so far (objects only). */
  keys: Set<string> | null;
  path: string;
  expectKey: boolean;
  lastKey: string;
  index: number;
}

const childPath = (parent: Frame | undefined): string => {
  if (!parent) return '';
  if (parent.keys) return parent.path ? `${parent.path}.${parent.lastKey}` : parent.lastKey;
  return `${parent.path}[${parent.index}]`;
};

export const MAX_JSON_DEPTH = 32;

/** Throws JsonStructureError for too deep or duplicate keys; malformed JSON is left to the parser. */
export function checkJsonStructure(text: string, maxDepth = MAX_JSON_DEPTH): void {
  const stack: Frame[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const top = stack[stack.length - 1];
    if (c === 0x22 /* " */) {
      let j = i + 1;
      while (j < text.length && text.charCodeAt(j) !== 0x22) j += text.charCodeAt(j) === 0x5c /* \ */ ? 2 : 1;
      if (top?.keys && top.expectKey) {
        const key = decodeKey(text.slice(i, j + 1));
        if (key === null) return; // not a valid string: the JSON parser reports the error with its position
        if (top.keys.has(key)) {
          const field = top.path ? `${top.path}.${key}` : key;
          throw new JsonStructureError(`${field}: the key appears twice in the request body; send each field once`, field, 'DUPLICATE_KEY');
        }
        top.keys.add(key);
        top.lastKey = key;
        top.expectKey = false;
      }
      i = j;
    } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (stack.length >= maxDepth) {
        const field = childPath(top) || 'body';
        throw new JsonStructureError(`${field}: the request body nests deeper than ${maxDepth} levels`, field, 'BODY_TOO_DEEP');
      }
      stack.push({ keys: c === 0x7b ? new Set() : null, path: childPath(top), expectKey: c === 0x7b, lastKey: '', index: 0 });
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      stack.pop();
    } else if (c === 0x2c /* , */ && top) {
      if (top.keys) top.expectKey = true;
      else top.index++;
    }
  }
}

function decodeKey(raw: string): string | null {
  try {
    return JSON.parse(raw) as string;
  } catch (error) {
    if (error instanceof SyntaxError) return null;
    throw error;
  }
}
