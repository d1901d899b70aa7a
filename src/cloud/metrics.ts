/** Prometheus metrics of one cloud server (a registry per server, so tests can run several). */
import type { Counter, Histogram, Registry } from 'prom-client';

interface Loaded {
  registry: Registry;
  requests: Counter<'service' | 'operation' | 'status'>;
  latency: Histogram<'service' | 'operation'>;
}

/**
 * The request counters and latency histogram served on GET /metrics. prom-client is imported
 * in the background so that it does not delay start-up; observations made before it is ready
 * are recorded as soon as it is.
 */
export class CloudMetrics {
  private loaded: Loaded | undefined;
  private readonly pending: [string, string, number, number][] = [];
  private readonly ready: Promise<Loaded>;

  constructor() {
    this.ready = import('prom-client').then((pc) => {
      const registry = new pc.Registry();
      const requests = new pc.Counter({
        name: 'terrane_cloud_requests_total',
        help: 'Requests answered by the local cloud, by service, operation and HTTP status.',
        labelNames: ['service', 'operation', 'status'] as const,
        registers: [registry],
      });
      const latency = new pc.Histogram({
        name: 'terrane_cloud_request_duration_seconds',
        help: 'Time from the arrival of a request to the start of its answer, by service and operation.',
        labelNames: ['service', 'operation'] as const,
        buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
        registers: [registry],
      });
      pc.collectDefaultMetrics({ register: registry, prefix: 'terrane_cloud_' });
      this.loaded = { registry, requests, latency };
      for (const [s, o, st, sec] of this.pending.splice(0)) this.record(this.loaded, s, o, st, sec);
      return this.loaded;
    });
  }

  private record(l: Loaded, service: string, operation: string, status: number, seconds: number): void {
    l.requests.inc({ service, operation, status: String(status) });
    l.latency.observe({ service, operation }, seconds);
  }

  /** Records one answered request. */
  observe(service: string, operation: string, status: number, seconds: number): void {
    if (this.loaded) this.record(this.loaded, service, operation, status, seconds);
    else this.pending.push([service, operation, status, seconds]);
  }

  /** The exposition text and its content type. */
  async render(): Promise<{ contentType: string; body: string }> {
    const l = await this.ready;
    return { contentType: l.registry.contentType, body: await l.registry.metrics() };
  }
}
