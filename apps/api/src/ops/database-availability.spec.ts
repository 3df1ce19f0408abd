import { toErrorBody } from '../http/http-errors';
import { serverStopping } from './ops-http';
import { asDatabaseUnavailable, DatabaseUnavailableError, isDatabaseUnavailable, recentUnavailability } from './database-availability';

describe('isDatabaseUnavailable', () => {
  it('knows a database that is gone, restarting or out of disk', () => {
    expect(isDatabaseUnavailable(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:54329'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error('the database system is in recovery mode'), { code: '57P03' }))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error('could not extend file'), { code: '53100' }))).toBe(true);
    // TypeORM's QueryFailedError carries the driver's error
    expect(isDatabaseUnavailable({ message: 'Query failed', driverError: { code: '57P01' } })).toBe(true);
  });

  it('leaves every other error alone (a bug stays a 500, a conflict a 409)', () => {
    expect(isDatabaseUnavailable(Object.assign(new Error('duplicate key value'), { code: '23505' }))).toBe(false);
    expect(isDatabaseUnavailable(new TypeError('x is undefined'))).toBe(false);
    expect(isDatabaseUnavailable(undefined)).toBe(false);
    const bug = new Error('boom');
    expect(asDatabaseUnavailable(bug)).toBe(bug);
  });

  it('answers 503 DATABASE_UNAVAILABLE, in Indonesian unless English is asked for', () => {
    const answer = asDatabaseUnavailable(new Error('Connection terminated unexpectedly'));
    expect(answer).toBeInstanceOf(DatabaseUnavailableError);
    expect((answer as DatabaseUnavailableError).getStatus()).toBe(503);
    expect(toErrorBody(answer, 'id')).toEqual({
      statusCode: 503,
      error: 'Service Unavailable',
      message: expect.stringMatching(/^Basis data sedang tidak tersedia .*coba lagi dalam 5 detik/),
      rule: 'DATABASE_UNAVAILABLE',
    });
    expect(toErrorBody(answer, 'en')).toMatchObject({
      message: expect.stringMatching(/^The database is unavailable .*retry in 5 seconds/),
      rule: 'DATABASE_UNAVAILABLE',
    });
  });

  it('remembers for a minute what the requests met, with what to do about a full disk (for /health/ready)', () => {
    const full = Object.assign(new Error('could not extend file "base/16384/16397_fsm": No space left on device'), { code: '53100' });
    asDatabaseUnavailable({ message: 'Query failed', driverError: full });
    expect(recentUnavailability()).toEqual({
      at: expect.any(String),
      error: 'could not extend file "base/16384/16397_fsm": No space left on device',
      hint: expect.stringMatching(/disk is full/),
    });
    expect(recentUnavailability(-1)).toBeNull();
  });
});

describe('serverStopping', () => {
  it('answers 503 SERVER_STOPPING in the language asked for', () => {
    expect(toErrorBody(serverStopping(), 'id')).toMatchObject({
      statusCode: 503,
      message: 'Server sedang berhenti; coba lagi dalam 5 detik.',
      rule: 'SERVER_STOPPING',
    });
    expect(toErrorBody(serverStopping(), 'en')).toMatchObject({
      message: 'The server is stopping; retry in 5 seconds.',
      rule: 'SERVER_STOPPING',
    });
  });
});
