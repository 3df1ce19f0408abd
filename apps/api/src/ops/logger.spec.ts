import { createLogger, logFormat, NestPinoLogger, textLine } from './logger';
import { requestContext } from './request-context';

describe('the server log', () => {
  it('JSON lines with level, time, context and the request id of the request being served', () => {
    const lines: string[] = [];
    const nest = new NestPinoLogger(createLogger('json', (l) => void lines.push(l)));
    requestContext.run({ requestId: 'req-1' }, () => nest.warn('read model behind position 7', 'LedgerPipeline'));
    nest.log('Mapped {/api/v1/offices, GET} route', 'RouterExplorer'); // Nest's start-up chatter: dropped
    expect(lines.map((l) => JSON.parse(l) as unknown)).toEqual([
      { level: 'warn', time: expect.any(String), requestId: 'req-1', context: 'LedgerPipeline', msg: 'read model behind position 7' },
    ]);
  });

  it('text lines for a person at a terminal; RENJA_LOG_FORMAT decides, and a wrong value is refused', () => {
    expect(textLine('{"level":"info","time":"2026-12-05T10:00:00.000Z","context":"Projector","msg":"recovered","requestId":"r"}')).toBe(
      '2026-12-05T10:00:00.000Z INFO [Projector] recovered  requestId=r\n',
    );
    expect(logFormat({}, true)).toBe('text');
    expect(logFormat({}, false)).toBe('json');
    expect(logFormat({ RENJA_LOG_FORMAT: 'JSON' }, true)).toBe('json');
    expect(() => logFormat({ RENJA_LOG_FORMAT: 'xml' }, true)).toThrow(/RENJA_LOG_FORMAT must be json or text/);
  });
});
