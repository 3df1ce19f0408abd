import { startTestApp, type TestApp } from '../support/test-app';

/** What a supervisor and Prometheus read: no token, JSON or Prometheus text (never the web app), no ledger content. */
describe('/health and /metrics', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await t.http().post('/api/v1/offices').send({ code: 'DKUKM', name: 'Dinas Koperasi dan UKM' }).expect(201);
    await t.http().post('/api/v1/years/2022/offices/DKUKM/lines').send({ code: '2.17.07', name: 'Pemberdayaan UMKM' }).expect(201);
  });
  afterAll(() => t.close());

  it('live and ready answer without a token, with positions, lag, checkpoint and verification, and nothing of the plans', async () => {
    const live = await t.anonymous().get('/health/live').expect(200).expect('Content-Type', /json/);
    expect(live.body).toEqual({ status: 'ok', uptimeSeconds: expect.any(Number) });
    const ready = await t.anonymous().get('/health/ready').expect(200).expect('Cache-Control', 'no-store');
    expect(ready.body).toEqual(
      expect.objectContaining({
        status: 'ok',
        stopping: false,
        database: { status: 'up' },
        projection: { name: 'plan', position: 2, head: 2, lagEvents: 0, lagSeconds: 0, failing: null },
        verification: expect.objectContaining({ status: expect.any(String) }),
      }),
    );
    expect(JSON.stringify(ready.body)).not.toMatch(/DKUKM|Koperasi|2\.17\.07|UMKM/);
  });

  it('metrics in Prometheus text: appends, lag, checkpoint, verification, requests by route pattern (not by office)', async () => {
    await t.http().get('/api/v1/years/2022/offices/DKUKM/plan').expect(200);
    const metrics = await t
      .anonymous()
      .get('/metrics')
      .expect(200)
      .expect('Content-Type', /text\/plain/);
    const text = metrics.text;
    for (const name of [
      'renja_append_duration_seconds_bucket',
      'renja_appends_total{outcome="ok"}',
      'renja_projection_lag_events{projection="plan"} 0',
      'renja_projection_lag_seconds{projection="plan"} 0',
      'renja_checkpoint_age_seconds',
      'renja_verification_ok',
      'renja_database_up 1',
    ])
      expect(text).toContain(name);
    expect(text).toMatch(
      /renja_http_requests_total\{method="GET",route="\/api\/v1\/years\/:year\/offices\/:office\/plan",status="200"\} \d+/,
    );
    expect(text).not.toMatch(/DKUKM/);
  });

  it("every answer carries a request id: the client's when it is a plain one, a new one otherwise", async () => {
    const echoed = await t.http().get('/api/v1/offices').set('X-Request-Id', 'proxy-7f3a.19').expect(200);
    expect(echoed.headers['x-request-id']).toBe('proxy-7f3a.19');
    const replaced = await t.http().get('/api/v1/offices').set('X-Request-Id', 'bad id <script>').expect(200);
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});
