import { dateInWords, wibDay } from '../shared/indonesian-text';
import { nipText, type Signatory } from './render-options';

/** The height the signature block needs: place and date, title, room to sign, name, NIP. */
export const SIGNATURE_HEIGHT = 80;
const WIDTH = 240;
const BLANK = '..............................';

/**
 * The block an office signs at the end of its papers, at the right: "Pangkalpinang, 31 Januari 2023", the
 * title, room for the signature, the name (bold, underlined) and "NIP 19700101 199003 1 001". Without a
 * signatory on record, dotted lines are left to fill in by hand.
 */
export function drawSignature(pdf: PDFKit.PDFDocument, signatory: Signatory | null, drawnAt: string | null, top: number): void {
  const x = pdf.page.width - pdf.page.margins.right - WIDTH;
  const options = { width: WIDTH, align: 'center' as const };
  const date = drawnAt ? dateInWords(wibDay(drawnAt)) : BLANK;
  pdf.font('Helvetica').fontSize(8);
  pdf.text(`${signatory?.place ?? BLANK}, ${date}`, x, top, options);
  pdf.text(signatory?.title ?? 'Kepala Perangkat Daerah', x, pdf.y + 1, options);
  const nameTop = top + SIGNATURE_HEIGHT - 20;
  pdf.font('Helvetica-Bold').text(signatory?.name ?? `(${BLANK})`, x, nameTop, { ...options, underline: Boolean(signatory) });
  pdf.font('Helvetica').text(`NIP ${signatory ? nipText(signatory.nip) : BLANK}`, x, pdf.y + 1, options);
}
