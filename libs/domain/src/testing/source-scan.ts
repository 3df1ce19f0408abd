import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * Reads the sources for the errors they throw, so a test can check that every rule has a sentence in
 * Bahasa Indonesia and that no message is a bare (English-only) string. Test support only: the domain
 * itself never touches the file system.
 */
export interface ThrowSite {
  file: string;
  line: number;
  /** The rule codes named in the call ('PERIOD_FORMAT'). */
  rules: string[];
  /** The message argument when it is a string literal or a template: said in one language only. */
  bareMessage: string | null;
}

/** `only`: the call counts only in files under these paths (a plain Error is a refusal people read only in the apps). */
const CALLS: Array<{ pattern: RegExp; messageArg: number; only?: string[] }> = [
  { pattern: /\binvalid\(/g, messageArg: 1 },
  { pattern: /\bruleBroken\(/g, messageArg: 1 },
  { pattern: /\bnotFound\(/g, messageArg: 1 },
  { pattern: /\bconflict\(/g, messageArg: 1 },
  { pattern: /\bnew (?:CellError|ReadingError)\(/g, messageArg: 1 },
  { pattern: /\bnew DomainError\(/g, messageArg: 2 },
  // HTTP exceptions with a body: { message, field, rule } (the message is read from the object below)
  { pattern: /\bnew \w+Exception\(/g, messageArg: -1 },
  // An answer written by hand: response.status(503).json({ message, rule })
  { pattern: /\.status\(\d{3}\)\.json\(/g, messageArg: -1 },
  // A plain Error the CLI or the API lets a person read (main prints its message)
  { pattern: /\bnew Error\(/g, messageArg: 0, only: ['apps/cli/', 'apps/api/'] },
];

/** The text of a call's arguments, from just after "(" to its matching ")", strings and templates skipped over. */
function argumentsText(source: string, open: number): string {
  let depth = 1;
  for (let i = open; i < source.length; i++) {
    const c = source[i];
    if (c === "'" || c === '"' || c === '`') {
      for (i++; i < source.length && source[i] !== c; i++) if (source[i] === '\\') i++;
      continue;
    }
    if (c === '(' || c === '[' || c === '{') depth++;
    if (c === ')' || c === ']' || c === '}') depth--;
    if (depth === 0) return source.slice(open, i);
  }
  return source.slice(open);
}

/** Top-level comma-separated arguments. */
function splitArguments(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "'" || c === '"' || c === '`') {
      for (i++; i < text.length && text[i] !== c; i++) if (text[i] === '\\') i++;
      continue;
    }
    if (c === '(' || c === '[' || c === '{') depth++;
    if (c === ')' || c === ']' || c === '}') depth--;
    if (c === ',' && depth === 0) {
      parts.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  parts.push(text.slice(start).trim());
  return parts.filter((p) => p !== '');
}

const sourceFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' || name === 'testing' ? [] : sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.(spec|int-spec|e2e-spec)\.ts$/.test(name) ? [path] : [];
  });

/** Every throw site under the given source roots (paths relative to `root`). */
export function scanThrowSites(root: string, dirs: string[]): ThrowSite[] {
  const sites: ThrowSite[] = [];
  for (const file of dirs.flatMap((d) => sourceFiles(join(root, d)))) {
    const source = readFileSync(file, 'utf8');
    for (const { pattern, messageArg, only } of CALLS) {
      if (only && !only.some((prefix) => relative(root, file).startsWith(prefix))) continue;
      for (const match of source.matchAll(pattern)) {
        const open = match.index + match[0].length;
        // The helpers' own definitions ("export const invalid = (field: string, …") are not throw sites.
        if (/^\s*(export\s+)?(const|function)\s*$/.test(source.slice(source.lastIndexOf('\n', match.index) + 1, match.index))) continue;
        const args = splitArguments(argumentsText(source, open));
        if (args.length === 0) continue;
        const literal = (a: string) => /^['"`]/.test(a);
        // Rule codes: upper-case string literals outside msg(…) (message keys may look like rules).
        const rules = args.filter((a) => !/^msg\(/.test(a)).flatMap((a) => [...a.matchAll(/^'([A-Z][A-Z0-9_]{2,})'$/g)].map((m) => m[1]));
        if (messageArg === -1) {
          const body = args[0] ?? '';
          if (!body.startsWith('{')) continue;
          const rule = /\brule:\s*'([A-Z][A-Z0-9_]+)'/.exec(body)?.[1];
          const bare = /\bmessage:\s*(['"`][^\n]{0,80})/.exec(body)?.[1] ?? null;
          sites.push({
            file: relative(root, file),
            line: source.slice(0, match.index).split('\n').length,
            rules: rule ? [rule] : [],
            bareMessage: bare,
          });
          continue;
        }
        const message = args[messageArg];
        sites.push({
          file: relative(root, file),
          line: source.slice(0, match.index).split('\n').length,
          rules,
          bareMessage: message !== undefined && literal(message) ? message.slice(0, 80) : null,
        });
      }
    }
  }
  return sites;
}
