/** The programmatic API of the local cloud: start it in-process, get its URL, close it. */
import type { DestinationStream } from 'pino';
import { createLogger, type LogLevel } from './log.js';
import { CloudServer } from './server.js';
import { BUILTIN_MANIFEST, registeredServices, type ServiceDef } from './services/registry.js';
import { ServiceSet } from './service-set.js';
import { Store } from './store.js';

export { AwsError } from './errors.js';
export { Store, type AccessKeyRecord } from './store.js';
export type { CloudRequest, CloudResponse, RequestContext } from './context.js';
export type { ServiceDef, Protocol } from './services/registry.js';
export { registerService } from './services/registry.js';
export { DEFAULT_ACCOUNT } from './caller.js';

/** Options of startCloud. */
export interface CloudOptions {
  /** TCP port; 0 (the default) picks a free one. */
  port?: number;
  /** Interface to bind; 127.0.0.1 by default. */
  host?: string;
  /** Directory of the SQLite store; omitted means a fresh temporary store deleted on close. */
  dataDir?: string;
  /** Region of requests that carry none in their signature; us-east-1 by default. */
  region?: string;
  /** Request log level; 'silent' by default in-process (the CLI uses 'info'). */
  logLevel?: LogLevel;
  /** Where log lines go (stdout by default). */
  logDestination?: DestinationStream;
  /** Services to run instead of the built-in ones (tests); the built-in ones load on first use. */
  services?: ServiceDef[];
}

/** A running cloud. */
export interface RunningCloud {
  /** http://host:port */
  url: string;
  port: number;
  store: Store;
  /** Stops the server, closes the store (deleting a temporary one). */
  close(): Promise<void>;
}

/** Starts the local cloud and resolves once it accepts requests. */
export async function startCloud(opts: CloudOptions = {}): Promise<RunningCloud> {
  const host = opts.host ?? '127.0.0.1';
  const store = new Store(opts.dataDir);
  let services: ServiceSet;
  try {
    services = opts.services ? new ServiceSet(store, opts.services) : new ServiceSet(store, registeredServices(), BUILTIN_MANIFEST);
  } catch (e) {
    store.close();
    throw e;
  }
  const logger = createLogger(opts.logLevel ?? 'silent', opts.logDestination);
  const server = new CloudServer({ store, services, region: opts.region ?? 'us-east-1', logger });
  let port: number;
  try {
    port = await server.listen(opts.port ?? 0, host);
  } catch (e) {
    store.close();
    throw e;
  }
  const urlHost = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host;
  let closed: Promise<void> | undefined;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    store,
    close() {
      closed ??= (async () => {
        await server.close();
        for (const s of services.loaded()) s.close?.();
        await logger.flush();
        store.close();
      })();
      return closed;
    },
  };
}
