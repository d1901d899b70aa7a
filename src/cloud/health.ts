/** GET /_terrane/health: the services and their state, shaped like LocalStack's /_localstack/health. */

/** 'available' until a service has answered a request, then 'running'. */
export type ServiceState = 'available' | 'running';

/** Tracks which services have answered requests. */
export class Health {
  private readonly used = new Set<string>();

  constructor(private readonly names: () => string[], private readonly version: string) {}

  /** Marks a service as having answered. */
  touch(name: string): void {
    this.used.add(name);
  }

  /** The health document. */
  report(): { services: Record<string, ServiceState>; edition: string; version: string } {
    const services: Record<string, ServiceState> = {};
    for (const name of this.names().sort()) services[name] = this.used.has(name) ? 'running' : 'available';
    return { services, edition: 'terrane', version: this.version };
  }
}
