import { spawn } from 'node:child_process';
import { join } from 'node:path';

export interface PdfPageText {
  /** Page size in PDF points (1/72 inch): A4 landscape is about 842 × 595, F4 landscape about 935 × 609. */
  width: number;
  height: number;
  /** The page's text, one line per baseline, top to bottom. */
  text: string;
}

const SCRIPT = join(__dirname, 'pdf-text.mjs');

/** Reads a PDF's pages and text with pdfjs-dist (ESM, so in a child process: see pdf-text.mjs). */
export function pdfText(pdf: Buffer): Promise<{ pages: PdfPageText[] }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [SCRIPT, '-'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`pdf-text.mjs exited ${code}: ${stderr}`));
      else resolve(JSON.parse(stdout) as { pages: PdfPageText[] });
    });
    child.stdin.end(pdf);
  });
}

/** All pages' text joined, with runs of white space folded to one space (a phrase may wrap across lines). */
export const pdfPlainText = (pages: PdfPageText[]): string =>
  pages
    .map((p) => p.text)
    .join('\n')
    .replace(/\s+/g, ' ');
