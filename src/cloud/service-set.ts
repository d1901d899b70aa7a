/** The services of one running cloud: loaded on first use, initialised once per store. */
import { Router, type Routable } from './router.js';
import { loadService, type ServiceDef, type ServiceManifest } from './services/registry.js';
import type { Store } from './store.js';

/** One service: its routing data, and its code once loaded. */
export interface ServiceSlot extends Routable {
  protocol: ServiceDef['protocol'];
  def?: ServiceDef;
  loading?: Promise<ServiceDef | undefined>;
  /** True when the service's folder does not exist. */
  missing?: boolean;
}

/**
 * The services of a cloud. Given ServiceDefs are live at once; manifest entries load on their
 * first request (LocalStack's lazy loading), which keeps start-up short.
 */
export class ServiceSet {
  readonly slots: ServiceSlot[];
  router: Router<ServiceSlot>;

  constructor(private readonly store: Store, defs: readonly ServiceDef[], lazy: readonly ServiceManifest[] = []) {
    this.slots = defs.map((d) => ({ ...routable(d), protocol: d.protocol, def: d }));
    for (const m of lazy) if (!this.slots.some((s) => s.name === m.name)) this.slots.push({ ...m });
    for (const d of defs) d.init?.(store);
    this.router = new Router(this.slots);
  }

  /** The code of a slot, loading and initialising it on first use. */
  async get(slot: ServiceSlot): Promise<ServiceDef | undefined> {
    if (slot.def || slot.missing) return slot.def;
    slot.loading ??= loadService(slot.name).then(async (def) => {
      if (!def) {
        slot.missing = true;
        return undefined;
      }
      // In a request-level transaction of its own, never inside another request's.
      await this.store.txAsync(() => def.init?.(this.store));
      slot.def = def;
      Object.assign(slot, routable(def));
      this.router = new Router(this.slots);
      return def;
    });
    return slot.loading;
  }

  /** Loads every service (e.g. to route an unsigned query request by its Action). */
  async loadAll(): Promise<void> {
    await Promise.all(this.slots.map((s) => this.get(s)));
  }

  /** True when every service is loaded (or known missing). */
  allLoaded(): boolean {
    return this.slots.every((s) => s.def || s.missing);
  }

  /** The loaded services. */
  loaded(): ServiceDef[] {
    return this.slots.flatMap((s) => (s.def ? [s.def] : []));
  }

  /** The services that exist (loaded or not), by name. */
  names(): string[] {
    return this.slots.filter((s) => !s.missing).map((s) => s.name);
  }
}

function routable(d: ServiceDef): Routable {
  return { name: d.name, signingNames: d.signingNames, targetPrefixes: d.targetPrefixes, actions: d.actions };
}
