import { EmbeddedPostgresError } from '@renja/infrastructure/database/postgres-failure';
import { explainStartFailure } from './start-failure';

describe('explainStartFailure', () => {
  it('never says "undefined": a rejection without an error is called what it is', () => {
    expect(explainStartFailure(undefined).message).toMatch(/^an error without any message/);
  });

  it('a full disk, however deep the cause: its message and what to do', () => {
    const disk = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    const failure = explainStartFailure(new Error('could not save the admin token', { cause: disk }));
    expect(failure.message).toBe('could not save the admin token — caused by: ENOSPC: no space left on device, write');
    expect(failure.hint).toMatch(/^the disk is full/);
  });

  it('an explained embedded PostgreSQL failure keeps its own words and hint', () => {
    expect(explainStartFailure(new EmbeddedPostgresError('the embedded PostgreSQL did not start: ...', 'free space'))).toEqual({
      message: 'the embedded PostgreSQL did not start: ...',
      hint: 'free space',
    });
  });

  it('an external database that does not answer, and a taken HTTP port', () => {
    const refused = Object.assign(
      new AggregateError([Object.assign(new Error('connect ECONNREFUSED 10.0.0.5:5432'), { code: 'ECONNREFUSED' })], ''),
      {
        code: 'ECONNREFUSED',
      },
    );
    expect(explainStartFailure(refused).hint).toMatch(/DATABASE_URL\) does not answer/);
    const port = Object.assign(new Error('listen EADDRINUSE: address already in use 0.0.0.0:3000'), { code: 'EADDRINUSE', port: 3000 });
    expect(explainStartFailure(port).hint).toMatch(/^port 3000 is already in use/);
  });
});
