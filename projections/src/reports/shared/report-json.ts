/**
 * A report's JSON text, with its big parts serialised once. A kept report (report-memo.ts) shares its
 * `lines` / `rows` array with every answer made from it (a new point of view with the same views only
 * changes `asOf`), and nothing changes a report after it is made, so the text of that array is the same
 * every time: it is kept by the array's identity and reused. The result is exactly JSON.stringify's
 * (members in the same order, undefined members left out), which the spec checks.
 */
const keptTexts = new WeakMap<object, string>();

/** JSON.stringify of a value that is never changed after it is made, made once per object. */
function keptJson(value: object): string {
  let text = keptTexts.get(value);
  if (text === undefined) {
    text = JSON.stringify(value);
    keptTexts.set(value, text);
  }
  return text;
}

/** The members whose arrays are a report's bulk: a reconciliation's lines, an evaluation's rows. */
const BULK = new Set(['lines', 'rows']);

/** JSON.stringify(report), with the report's `lines` / `rows` array serialised once per array. */
export function reportJson(report: object): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(report)) {
    const text = BULK.has(key) && Array.isArray(value) ? keptJson(value) : (JSON.stringify(value) as string | undefined);
    if (text !== undefined) parts.push(`${JSON.stringify(key)}:${text}`);
  }
  return `{${parts.join(',')}}`;
}

/** JSON.stringify of a province report ({ ..., offices: [report, ...] }), each office's report by reportJson. */
export function provinceReportJson(province: { offices: object[] }): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(province)) {
    const text = key === 'offices' ? `[${province.offices.map(reportJson).join(',')}]` : (JSON.stringify(value) as string | undefined);
    if (text !== undefined) parts.push(`${JSON.stringify(key)}:${text}`);
  }
  return `{${parts.join(',')}}`;
}
