import type { LoggerService } from '@nestjs/common';
import pino, { type Logger } from 'pino';
import { requestContext } from './request-context';

export type LogFormat = 'json' | 'text';

/** RENJA_LOG_FORMAT=json|text; by default JSON lines, text when a person watches a terminal. */
export function logFormat(env: NodeJS.ProcessEnv = process.env, isTty = process.stdout.isTTY === true): LogFormat {
  const wanted = env.RENJA_LOG_FORMAT?.trim().toLowerCase();
  if (wanted === 'json' || wanted === 'text') return wanted;
  if (wanted) throw new Error(`RENJA_LOG_FORMAT must be json or text (got "${env.RENJA_LOG_FORMAT}")`);
  return isTty ? 'text' : 'json';
}

const OMITTED = new Set(['level', 'time', 'msg', 'pid', 'hostname', 'context']);

/** One JSON log line as a line a person reads: time, level, [context], message, then the other fields as key=value. */
export function textLine(json: string): string {
  const entry = JSON.parse(json) as Record<string, unknown>;
  const fields = Object.entries(entry)
    .filter(([key]) => !OMITTED.has(key))
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`);
  const context = typeof entry.context === 'string' ? ` [${entry.context}]` : '';
  return `${String(entry.time)} ${String(entry.level).toUpperCase()}${context} ${String(entry.msg ?? '')}${fields.length ? `  ${fields.join(' ')}` : ''}\n`;
}

/**
 * The server's one logger: JSON lines on stdout (or text lines, see logFormat). Every line written while
 * a request is served carries its requestId, wherever in the code it was written.
 */
export function createLogger(format: LogFormat = logFormat(), write: (line: string) => void = (l) => process.stdout.write(l)): Logger {
  const destination = { write: format === 'json' ? write : (line: string) => write(textLine(line)) };
  return pino(
    {
      base: undefined, // no pid/hostname on every line
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      // pino-http's request logger carries requestId in its bindings already: not twice.
      mixin: (_object, _level, child) => {
        const context = requestContext.getStore();
        return context && !('requestId' in child.bindings()) ? { requestId: context.requestId } : {};
      },
    },
    destination,
  );
}

/** Nest's own start-up chatter (modules loaded, routes mapped): not worth a line each. */
const FRAMEWORK_CONTEXTS = new Set(['NestFactory', 'InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestApplication']);

/** Nest's logger (Logger.warn(...) all over the code) writing through pino: context and stack as fields. */
export class NestPinoLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  private write(level: 'info' | 'warn' | 'error' | 'debug' | 'trace' | 'fatal', message: unknown, params: unknown[]): void {
    const context = params.length > 0 && typeof params[params.length - 1] === 'string' ? (params.pop() as string) : undefined;
    if (level === 'info' && context && FRAMEWORK_CONTEXTS.has(context)) return; // "Mapped {/api/v1/...}" x 100 at every start
    const stack = level === 'error' && typeof params[0] === 'string' ? params[0] : undefined;
    const fields: Record<string, unknown> = { ...(context ? { context } : {}), ...(stack ? { stack } : {}) };
    if (message instanceof Error) this.logger[level]({ ...fields, err: message }, message.message);
    else if (typeof message === 'string') this.logger[level](fields, message);
    else this.logger[level]({ ...fields, value: message }, '');
  }

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }
  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }
  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }
}
