/** The HTTP server: one port for every service; routing, transactions, errors, logs and metrics. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { CloudRequest, CloudResponse, RequestContext } from './context.js';
import { AwsError, isAwsError } from './errors.js';
import { Health } from './health.js';
import { hostId, requestId as newRequestId } from './ids.js';
import { CloudMetrics } from './metrics.js';
import { ec2Error, ec2Headers } from './protocols/ec2.js';
import { jsonError, restJsonError, targetOperation } from './protocols/json.js';
import { queryError, queryHeaders } from './protocols/query.js';
import { restXmlError } from './protocols/rest-xml.js';
import type { ServiceSet } from './service-set.js';
import { spool, type SpooledBody } from './spool.js';
import { rmSync } from 'node:fs';
import { pipeline } from 'node:stream';
import type { ServiceDef } from './services/registry.js';
import type { Store } from './store.js';
import { VERSION } from '../version.js';
import { resolveCaller } from './caller.js';
import type { CloudLogger } from './log.js';

export { DEFAULT_ACCOUNT, resolveCaller } from './caller.js';

/** What a CloudServer needs. */
export interface CloudServerOptions {
  store: Store;
  services: ServiceSet;
  region: string;
  logger: CloudLogger;
}

/** Renders an error in the envelope of the service's protocol. */
export function renderError(def: ServiceDef, err: AwsError, ctx: Pick<RequestContext, 'requestId'>, method = 'GET'): CloudResponse {
  switch (def.protocol) {
    case 'ec2':
      return { status: err.status, headers: { ...ec2Headers(ctx), ...err.headers }, body: ec2Error(err, ctx) };
    case 'query':
      return { status: err.status, headers: { ...queryHeaders(ctx), ...err.headers }, body: queryError(err, ctx, def.xmlNamespace) };
    case 'json':
      return jsonError(err, ctx, { contentType: def.jsonContentType, errorPrefix: def.jsonErrorPrefix, queryCompatible: def.queryCompatible });
    case 'rest-json':
      return restJsonError(err, ctx);
    case 'rest-xml': {
      const id2 = hostId();
      const headers = { 'content-type': 'application/xml', 'x-amz-request-id': ctx.requestId, 'x-amz-id-2': id2, ...err.headers };
      // S3 answers HEAD errors with the status and headers only.
      return { status: err.status, headers, body: method === 'HEAD' ? undefined : restXmlError(err, ctx, id2) };
    }
  }
}

function internalFor(def: ServiceDef): AwsError {
  if (def.protocol === 'rest-xml') return new AwsError('InternalError', 'We encountered an internal error. Please try again.', 500, false);
  return new AwsError('InternalFailure', 'The request processing has failed because of an unknown error, exception or failure.', 500, false);
}

function lowerHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  const raw = req.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) {
    const k = raw[i]!.toLowerCase();
    out[k] = out[k] === undefined ? raw[i + 1]! : `${out[k]}, ${raw[i + 1]}`;
  }
  return out;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let n = 0;
    req.on('data', (c: Buffer) => {
      chunks.push(c);
      n += c.length;
    });
    req.on('end', () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, n)));
    req.on('error', reject);
  });
}

const EMPTY = Buffer.alloc(0);

/** The operation name for logs and metrics when the service did not set one. */
function guessOperation(req: CloudRequest): string {
  const t = req.headers['x-amz-target'];
  if (t) return targetOperation(t);
  const a = req.query.get('Action');
  if (a) return a;
  if ((req.headers['content-type'] ?? '').includes('x-www-form-urlencoded') && req.body.length < 1 << 16) {
    const fa = new URLSearchParams(req.body.toString('utf8')).get('Action');
    if (fa) return fa;
  }
  return req.method;
}

/** The local cloud's HTTP server. */
export class CloudServer {
  readonly http: Server;
  readonly metrics = new CloudMetrics();
  readonly health: Health;

  constructor(private readonly opts: CloudServerOptions) {
    this.health = new Health(() => opts.services.names(), VERSION);
    this.http = createServer({ keepAliveTimeout: 65_000 }, (req, res) => {
      this.onRequest(req, res).catch((e) => {
        opts.logger.error({ err: e }, 'request failed outside a service');
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
        res.end();
      });
    });
  }

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = process.hrtime.bigint();
    const url = req.url ?? '/';
    const qi = url.indexOf('?');
    const path = qi < 0 ? url : url.slice(0, qi);
    const query = new URLSearchParams(qi < 0 ? '' : url.slice(qi + 1));
    const headers = lowerHeaders(req);
    const isForm = (headers['content-type'] ?? '').includes('x-www-form-urlencoded');
    // Form bodies may name the service (unsigned query requests), so read them before routing.
    let body = isForm ? await readBody(req) : EMPTY;

    if (req.method === 'GET' && (path === '/_terrane/health' || path === '/_localstack/health')) {
      return this.send(res, { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(this.health.report()) }, req.method);
    }
    if (req.method === 'POST' && path === '/_terrane/reset') {
      await this.opts.store.txAsync(() => {
        this.opts.store.wipe();
        for (const s of this.opts.services.loaded()) s.init?.(this.opts.store);
      });
      return this.send(res, { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ reset: true }) }, req.method);
    }
    if (req.method === 'GET' && path === '/metrics') {
      const m = await this.metrics.render();
      return this.send(res, { status: 200, headers: { 'content-type': m.contentType }, body: m.body }, req.method);
    }

    const set = this.opts.services;
    let route = set.router.route(headers, query, body);
    // An unsigned query Action no loaded service claims: load them all, then route again.
    if (route.action && !set.allLoaded() && !route.service?.actions?.includes(route.action)) {
      await set.loadAll();
      route = set.router.route(headers, query, body);
    }
    const requestId = newRequestId();
    let def: ServiceDef | undefined;
    try {
      def = route.service ? await set.get(route.service) : undefined;
    } catch (e) {
      // A service whose code fails to load: a logged 500 in its protocol's envelope.
      this.opts.logger.error({ reqId: requestId, service: route.service?.name, err: e }, 'service failed to load');
      const slot = route.service! as unknown as ServiceDef;
      return this.send(res, renderError(slot, internalFor(slot), { requestId }, req.method), req.method ?? 'GET');
    }
    let spooled: SpooledBody | undefined;
    if (!isForm) {
      const algs = def?.spoolBody?.({ method: req.method ?? 'GET', path, query, headers });
      if (algs) spooled = await spool(req, this.opts.store.dir, algs);
      else body = await readBody(req);
    }
    if (!def) {
      const err = new AwsError('UnknownService', 'No service of this cloud handles this request.', 400);
      return this.send(res, { status: 400, headers: { 'content-type': 'application/json', 'x-amzn-requestid': requestId }, body: JSON.stringify({ __type: err.code, message: err.message }) }, req.method ?? 'GET');
    }
    const store = this.opts.store;
    const caller = resolveCaller(store, route.accessKeyId);
    const ctx: RequestContext = {
      account: caller.account,
      principalArn: caller.arn,
      userId: caller.userId,
      region: route.region || this.opts.region,
      requestId,
      accessKeyId: route.accessKeyId ?? '',
      store,
      now: () => new Date(),
      endpoint: `http://${headers['host'] ?? 'localhost'}`,
    };
    const creq: CloudRequest = { method: req.method ?? 'GET', path, query, headers, body, service: def.name, spooled };
    let out: CloudResponse;
    let failure: unknown;
    try {
      out = await store.txAsync(() => def.handle(creq, ctx));
    } catch (e) {
      if (isAwsError(e)) out = renderError(def, e, ctx, creq.method);
      else {
        failure = e;
        out = renderError(def, internalFor(def), ctx, creq.method);
      }
    }
    // A spooled body the service did not take over is not needed any more.
    if (spooled) rmSync(spooled.path, { force: true });
    this.health.touch(def.name);
    const h = (out.headers ??= {});
    if (def.protocol === 'rest-xml') {
      h['x-amz-request-id'] ??= requestId;
      h['x-amz-id-2'] ??= hostId();
    } else {
      h['x-amzn-requestid'] ??= requestId;
    }
    const op = ctx.operation ?? guessOperation(creq);
    this.send(res, out, creq.method);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    this.metrics.observe(def.name, op, out.status, seconds);
    const line = { reqId: requestId, service: def.name, op, status: out.status, ms: Math.round(seconds * 1e4) / 10, account: ctx.account, region: ctx.region, method: creq.method, path };
    if (failure) this.opts.logger.error({ ...line, err: failure }, 'internal error');
    else this.opts.logger.info(line, 'request');
  }

  private send(res: ServerResponse, out: CloudResponse, method: string): void {
    const headers = out.headers ?? {};
    const b = out.body;
    if (b === undefined || typeof b === 'string' || Buffer.isBuffer(b)) {
      const buf = b === undefined ? undefined : typeof b === 'string' ? Buffer.from(b, 'utf8') : b;
      if (headers['content-length'] === undefined) headers['content-length'] = String(buf?.length ?? 0);
      res.writeHead(out.status, headers);
      res.end(method === 'HEAD' ? undefined : buf);
      return;
    }
    res.writeHead(out.status, headers);
    if (method === 'HEAD') {
      (b as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
      res.end();
      return;
    }
    // pipeline destroys the source when the client goes away, so no file stays open.
    pipeline(b, res, () => {});
  }

  /** Starts listening; resolves to the bound port. */
  listen(port: number, host: string): Promise<number> {
    return new Promise((resolve, reject) => {
      this.http.once('error', reject);
      this.http.listen(port, host, () => {
        this.http.off('error', reject);
        const a = this.http.address();
        resolve(typeof a === 'object' && a ? a.port : port);
      });
    });
  }

  /** Stops accepting requests and closes idle connections. */
  close(): Promise<void> {
    return new Promise((resolve) => {
      this.http.close(() => resolve());
      this.http.closeIdleConnections();
      // Clients holding a request open must not keep the process alive for long.
      setTimeout(() => this.http.closeAllConnections(), 1000).unref();
    });
  }
}
