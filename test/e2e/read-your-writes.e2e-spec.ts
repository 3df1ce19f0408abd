import { PLAN_PROJECTOR } from '@renja/application';
import type { Projector } from '@renja/projections';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * A write is answered once the read model shows it. When the read model cannot (its update keeps failing),
 * the write is still committed and answered 201, but the answer says so: X-Read-Model: behind; position=N.
 */
describe('read-your-writes when the read model fails', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('answers 201 with X-Read-Model: behind after waiting for the retries, and the read model catches up once it can', async () => {
    const projector = t.app.get<Projector>(PLAN_PROJECTOR);
    const ok = await t.http().post('/api/v1/offices').send({ code: 'DKUKM', name: 'Dinas KUKM' }).expect(201);
    expect(ok.headers['x-read-model']).toBeUndefined();
    expect(ok.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);

    const apply = projector.projection.apply.bind(projector.projection);
    const failing = jest.spyOn(projector.projection, 'apply').mockRejectedValue(new Error('read model table is locked'));
    try {
      const started = Date.now();
      const behind = await t
        .http()
        .post('/api/v1/offices')
        .set('X-Request-Id', 'rw-test-1')
        .send({ code: 'BAPPEDA', name: 'Bappeda' })
        .expect(201);
      expect(Date.now() - started).toBeGreaterThanOrEqual(4000); // it waited (and retried) before saying so
      expect(behind.headers['x-read-model']).toBe(`behind; position=${behind.body.position}`);
      expect(behind.headers['x-request-id']).toBe('rw-test-1');
      const listed = await t.http().get('/api/v1/offices').expect(200);
      expect((listed.body as Array<{ code: string }>).map((o) => o.code)).toEqual(['DKUKM']); // what the header warned of
    } finally {
      failing.mockImplementation(apply);
    }
    await projector.catchUp(); // what the live subscription's next retry does
    const after = await t.http().get('/api/v1/offices').expect(200);
    expect((after.body as Array<{ code: string }>).map((o) => o.code).sort()).toEqual(['BAPPEDA', 'DKUKM']);
  });
});
