import { startTestApp, type TestApp } from '../support/test-app';

/** A token is a person's: an optional NIP (18 digits) kept with the token, in its grant event, and in the list. */
describe('API tokens: the holder’s NIP', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await t.http().post('/api/v1/offices').send({ code: 'DKUKM', name: 'Dinas KUKM' }).expect(201);
  });
  afterAll(() => t.close());

  const grantEvent = async (tokenId: number) =>
    (
      await t.pool.query<{ data: Record<string, unknown> }>(
        `SELECT data FROM ledger_events WHERE stream_id = $1 AND type = 'access.token.granted'`,
        [`access-token-${tokenId}`],
      )
    ).rows[0]?.data;
  const eventCount = async () => (await t.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM ledger_events')).rows[0].n;

  it('keeps a NIP written grouped as its 18 digits, in the answer, the grant event and the list', async () => {
    const { body } = await t
      .http()
      .post('/api/v1/tokens')
      .send({ name: 'Siti Rahma', nip: '19800101 200501 2 001', roles: ['finance'], offices: ['DKUKM'], expires: '90d' })
      .expect(201);
    expect(body).toMatchObject({ name: 'Siti Rahma', nip: '198001012005012001', token: expect.stringMatching(/^rl_/) });
    expect(await grantEvent(body.id)).toMatchObject({ tokenId: body.id, name: 'Siti Rahma', nip: '198001012005012001' });
    const listed = (await t.http().get('/api/v1/tokens').expect(200)).body as Array<{ id: number; nip: string | null }>;
    expect(listed.find((x) => x.id === body.id)).toMatchObject({ nip: '198001012005012001' });
  });

  it('leaves the NIP out when none is given (null in the list and the event)', async () => {
    const { body } = await t
      .http()
      .post('/api/v1/tokens')
      .send({ name: 'Konsultan', roles: ['inspector'], offices: '*' })
      .expect(201);
    expect(body.nip).toBeNull();
    expect(await grantEvent(body.id)).toMatchObject({ nip: null });
    const listed = (await t.http().get('/api/v1/tokens').expect(200)).body as Array<{ id: number; nip: string | null }>;
    expect(listed.find((x) => x.id === body.id)?.nip).toBeNull();
  });

  it.each([
    ['too short', '12345'],
    ['a letter', '19800101200501200A'],
    ['19 digits', '1980010120050120011'],
    ['a JSON number', 198001012005012],
    ['a list', ['198001012005012001']],
  ])('refuses a NIP that is %s with a 400 naming nip, and writes nothing', async (_what, nip) => {
    const before = await eventCount();
    const tokensBefore = (await t.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM api_tokens')).rows[0].n;
    const { body } = await t
      .http()
      .post('/api/v1/tokens')
      .send({ name: 'X', nip, roles: ['inspector'], offices: '*' })
      .expect(400);
    expect(body).toMatchObject({ field: 'nip', message: expect.stringMatching(/NIP 18 angka/) });
    expect(await eventCount()).toBe(before);
    expect((await t.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM api_tokens')).rows[0].n).toBe(tokensBefore);
  });
});
