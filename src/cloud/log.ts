/** The request log: one JSON line per request (pino, loaded off the start-up path). */
import type { DestinationStream, Logger } from 'pino';

/** Log levels the server accepts. */
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/** The part of a pino logger the cloud uses. */
export interface CloudLogger {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
  /** Resolves once every line logged so far has been handed to the destination. */
  flush(): Promise<void>;
}

/**
 * A logger writing JSON lines through pino to `dest` (stdout by default). pino is imported
 * in the background so that it does not delay the first request; lines logged before it is
 * ready are kept and written, in order, as soon as it is.
 */
export function createLogger(level: LogLevel = 'info', dest?: DestinationStream): CloudLogger {
  if (level === 'silent') return { info() {}, error() {}, flush: async () => {} };
  let real: Logger | undefined;
  const pending: [('info' | 'error'), object, string][] = [];
  const ready = import('pino').then(({ pino }) => {
    const opts = { level, base: { name: 'terrane-cloud' }, timestamp: pino.stdTimeFunctions.isoTime };
    real = dest ? pino(opts, dest) : pino(opts, pino.destination({ dest: 1, sync: false }));
    for (const [lvl, obj, msg] of pending.splice(0)) real[lvl](obj, msg);
  });
  const log = (lvl: 'info' | 'error') => (obj: object, msg: string) => {
    if (real) real[lvl](obj, msg);
    else pending.push([lvl, obj, msg]);
  };
  return {
    info: log('info'),
    error: log('error'),
    async flush() {
      await ready;
      real?.flush?.();
    },
  };
}
