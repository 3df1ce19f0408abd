export default async function globalTeardown() {
  const pg = globalThis.__RENJA_PG__;
  if (pg) await pg.stop();
}
