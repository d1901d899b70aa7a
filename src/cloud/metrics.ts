/** Prometheus metrics of one cloud server (a registry per server, so tests can run several). */
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The request counters and latency histogram served on GET /metrics. */
export class CloudMetrics {
  readonly registry = new Registry();
  private readonly requests: Counter<'service' | 'operation' | 'status'>;
  private readonly latency: Histogram<'service' | 'operation'>;

  constructor() {
    this.requests = new Counter({
      name: 'terrane_cloud_requests_total',
      help: 'Requests answered by the local cloud, by service, operation and HTTP status.',
      labelNames: ['service', 'operation', 'status'],
      registers: [this.registry],
    });
    this.latency = new Histogram({
      name: 'terrane_cloud_request_duration_seconds',
      help: 'Time from the end of the request body to the start of the answer, by service and operation.',
      labelNames: ['service', 'operation'],
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [this.registry],
    });
    collectDefaultMetrics({ register: this.registry, prefix: 'terrane_cloud_' });
  }

  /** Records one answered request. */
  observe(service: string, operation: string, status: number, seconds: number): void {
    this.requests.inc({ service, operation, status: String(status) });
    this.latency.observe({ service, operation }, seconds);
  }

  /** The exposition text and its content type. */
  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
