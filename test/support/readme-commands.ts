/**
 * Reads the commands out of README.md so a test can run them as a new user would.
 *
 * Conventions README.md follows (and the e2e test enforces):
 * - a ```bash block holds commands to run; ```text (or any other named language) holds output or a synopsis;
 *   a fence without a language is refused, so every block is a deliberate choice;
 * - the line right before a ```bash block may be `<!-- readme-test: sample -->` or `<!-- readme-test: story -->`,
 *   naming the ledger its commands run against (the built-in sample of `npm start`, or the empty ledger of the
 *   walk-through). A block without it may hold only commands the test skips by design.
 */

export interface ReadmeCommand {
  /** 1-based line in README.md where the command starts. */
  line: number;
  /** The command as written, continuation lines and trailing comment included. */
  text: string;
}

export interface ReadmeBlock {
  /** 1-based line of the opening fence. */
  line: number;
  language: string;
  /** The `readme-test` marker right before the block, if any. */
  marker: string | null;
  body: string;
}

const MARKER = /^<!--\s*readme-test:\s*(\S+)\s*-->$/;

/** Every fenced block of a Markdown text, with its language and marker. */
export function readmeBlocks(markdown: string): ReadmeBlock[] {
  const lines = markdown.split('\n');
  const blocks: ReadmeBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(.*)$/.exec(lines[i]);
    if (!open) continue;
    const end = lines.findIndex((l, j) => j > i && l.startsWith('```'));
    if (end < 0) throw new Error(`README.md:${i + 1}: a fenced block is never closed`);
    const before = lines
      .slice(0, i)
      .reverse()
      .find((l) => l.trim() !== '');
    const marker = before ? (MARKER.exec(before.trim())?.[1] ?? null) : null;
    blocks.push({ line: i + 1, language: open[1].trim(), marker, body: lines.slice(i + 1, end).join('\n') });
    i = end;
  }
  return blocks;
}

/**
 * Splits a shell script into its commands, one per logical line: a command continues over lines that end in a
 * backslash and over quotes left open (a JSON body spread over two lines). Whole-line comments and blank lines
 * are dropped; a trailing comment stays with its command (bash ignores it, and quotes inside it do not count).
 */
export function shellCommands(body: string, firstLine = 1): ReadmeCommand[] {
  const commands: ReadmeCommand[] = [];
  let current: string[] = [];
  let start = 0;
  let quote: "'" | '"' | null = null;
  body.split('\n').forEach((line, index) => {
    if (current.length === 0) {
      if (line.trim() === '' || line.trim().startsWith('#')) return;
      start = firstLine + index;
    }
    current.push(line);
    quote = scanQuotes(line, quote);
    if (quote === null && !line.endsWith('\\')) {
      commands.push({ line: start, text: current.join('\n') });
      current = [];
    }
  });
  if (current.length) throw new Error(`line ${start}: a command never ends (an open quote or a trailing backslash)`);
  return commands;
}

/** The quote still open at the end of the line, given the one open at its start. */
function scanQuotes(line: string, open: "'" | '"' | null): "'" | '"' | null {
  let quote = open;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote === "'") {
      if (c === "'") quote = null;
    } else if (quote === '"') {
      if (c === '\\') i++;
      else if (c === '"') quote = null;
    } else if (c === '\\') {
      i++;
    } else if (c === "'" || c === '"') {
      quote = c;
    } else if (c === '#' && (i === 0 || /\s/.test(line[i - 1]))) {
      return null; // a comment: the rest of the line is not shell syntax
    }
  }
  return quote;
}
