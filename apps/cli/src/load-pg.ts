/**
 * Loads node-postgres the cheap way on Node 20. On load, pg asks whether it runs in a Cloudflare Worker: where
 * there is no global `navigator` (Node 20; Node 21 and later have one) it builds a fetch `Response` to find
 * out, and that loads Node's bundled undici, about a quarter of the CLI's start-up for a report. A `navigator`
 * that is not Cloudflare's answers first; it is there only while pg loads, and pg, once cached, is the module
 * every later `require('pg')` gets.
 */
export function loadPg(): void {
  const global = globalThis as { navigator?: unknown };
  if (global.navigator !== undefined) {
    require('pg'); // eslint-disable-line @typescript-eslint/no-require-imports -- see above
    return;
  }
  global.navigator = { userAgent: `Node.js/${process.versions.node}` };
  try {
    require('pg'); // eslint-disable-line @typescript-eslint/no-require-imports -- see above
  } finally {
    delete global.navigator;
  }
}
