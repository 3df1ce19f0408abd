/**
 * Pixel geometry of the line page's charts. This is the ONLY place where an amount (a decimal
 * string from the server) becomes a JS number, and only to place a bar or a point on the screen:
 * the figures shown as text are always the server's strings. A float's rounding is invisible at
 * this scale (a pixel is millions of rupiah).
 */
const toPixelValue = (amount: string | null | undefined): number => {
  const value = amount === null || amount === undefined ? 0 : Number(amount);
  return Number.isFinite(value) ? value : 0;
};

/** A linear scale from [0, the largest amount] onto [from, to] pixels. */
export function amountScale(
  amounts: Array<string | null | undefined>,
  from: number,
  to: number,
): (amount: string | null | undefined) => number {
  const largest = Math.max(0, ...amounts.map(toPixelValue));
  return (amount) => (largest === 0 ? from : from + (toPixelValue(amount) / largest) * (to - from));
}

export interface WaterfallBar {
  x: number;
  width: number;
  /** Pixel x of the running total after the step (where the connector to the next bar starts). */
  end: number;
}

/** A floating bar from the running total before a step to the one after it (the server's amountBefore/After). */
export function floatingBar(scale: (amount: string) => number, before: string, after: string): WaterfallBar {
  const a = scale(before);
  const b = scale(after);
  return { x: Math.min(a, b), width: Math.max(1, Math.abs(b - a)), end: b };
}
