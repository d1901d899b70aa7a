/** The request log: one JSON line per request (pino). */
import { pino, type Logger, type DestinationStream } from 'pino';

/** Log levels the server accepts. */
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/** A pino logger writing JSON lines to `dest` (stdout by default). */
export function createLogger(level: LogLevel = 'info', dest?: DestinationStream): Logger {
  const opts = { level, base: { name: 'terrane-cloud' }, timestamp: pino.stdTimeFunctions.isoTime };
  return dest ? pino(opts, dest) : pino(opts, pino.destination({ dest: 1, sync: false }));
}
