// Stops the embedded PostgreSQL of the run once (the int and e2e tiers both name this teardown).
export default async function globalTeardown() {
  const pg = globalThis.__RENJA_PG__;
  globalThis.__RENJA_PG__ = undefined;
  if (pg) await pg.stop();
}
