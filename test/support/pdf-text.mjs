// Reads a PDF's text back the way a reader sees it: `node test/support/pdf-text.mjs file.pdf` (or `-` for stdin)
// prints JSON {pages: [{width, height, text}]} with width/height in PDF points and the page's text as lines
// (items on one baseline joined by a space, top to bottom). pdfjs-dist's legacy build is ESM only, so Jest's
// CommonJS tests read it through this child process (test/support/pdf-text.ts).
import { readFileSync } from 'node:fs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

const source = process.argv[2];
if (!source) {
  process.stderr.write('usage: node test/support/pdf-text.mjs <file.pdf | ->\n');
  process.exit(2);
}
const bytes = new Uint8Array(readFileSync(source === '-' ? 0 : source));
const pdf = await getDocument({ data: bytes, useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;

/** Items on (nearly) one baseline form one line, left to right; lines run top to bottom. */
function pageLines(items) {
  const lines = [];
  for (const item of items) {
    if (typeof item.str !== 'string' || item.str.trim() === '') continue;
    const [x, y] = [item.transform[4], item.transform[5]];
    let line = lines.find((l) => Math.abs(l.y - y) < 2);
    if (!line) lines.push((line = { y, parts: [] }));
    line.parts.push({ x, str: item.str });
  }
  lines.sort((a, b) => b.y - a.y);
  return lines.map((l) =>
    l.parts
      .sort((a, b) => a.x - b.x)
      .map((p) => p.str)
      .join(' '),
  );
}

const pages = [];
for (let n = 1; n <= pdf.numPages; n++) {
  const page = await pdf.getPage(n);
  const [x0, y0, x1, y1] = page.view;
  const content = await page.getTextContent();
  pages.push({
    width: Math.round((x1 - x0) * 100) / 100,
    height: Math.round((y1 - y0) * 100) / 100,
    text: pageLines(content.items).join('\n'),
  });
}
process.stdout.write(JSON.stringify({ pages }));
