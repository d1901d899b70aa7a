/**
 * The machine-readable UI's hook messages: apply_start / apply_progress (every ten
 * seconds) / apply_complete / apply_errored for resource changes and data source reads,
 * and refresh_start / refresh_complete while planning, with Terraform's texts
 * ("Creating...", "Still creating... [10s elapsed]", "Creation complete after 0s [id=x]",
 * "Creation errored after 1s", "Refreshing state... [id=x]", "Refresh complete [id=x]").
 */
import type { ApplyEvent } from '../apply/applier.js';
import type { PlanEvent } from '../plan/planner.js';
import { goSeconds, jsonResourceAddr, type JsonUI } from './json-ui.js';

type HookAction = 'create' | 'update' | 'delete' | 'read';

const START: Record<HookAction, string> = { create: 'Creating', update: 'Modifying', delete: 'Destroying', read: 'Refreshing' };
const NOUN: Record<HookAction, string> = { create: 'Creation', update: 'Modifications', delete: 'Destruction', read: 'Refresh' };

/** The hook action of an apply event: a replace reports its create and delete passes apart. */
function hookAction(a: ApplyEvent['action']): HookAction {
  switch (a) {
    case 'create': case 'delete-then-create': case 'create-then-delete': return 'create';
    case 'delete': case 'destroy-deposed': return 'delete';
    case 'read': return 'read';
    default: return 'update';
  }
}

const idPart = (id?: string): string => (id ? ` [id=${id}]` : '');
const idFields = (id?: string): Record<string, string> => (id ? { id_key: 'id', id_value: id } : {});

/** Turns plan and apply progress events into hook messages. */
export class JsonHooks {
  private timers = new Map<string, NodeJS.Timeout>();

  constructor(private readonly ui: JsonUI, private readonly intervalMs = 10_000) {}

  /** For Workdir.apply's `onEvent`. */
  onApplyEvent = (e: ApplyEvent): void => {
    const action = hookAction(e.action);
    const key = `${e.addr}|${e.action}`;
    if (e.kind === 'start') {
      this.start(e.addr, action, key, e.id);
      return;
    }
    this.stopTimer(key);
    this.finish(e.addr, action, e.kind === 'done' ? e.id : undefined, e.elapsedMs, e.kind === 'failed');
  };

  /** For Workdir.plan's `onPlanEvent`. */
  onPlanEvent = (e: PlanEvent): void => {
    const resource = jsonResourceAddr(e.addr);
    switch (e.kind) {
      case 'refresh':
        this.ui.emit('info', `${e.addr}: Refreshing state...${idPart(e.id)}`, 'refresh_start', { hook: { resource, ...idFields(e.id) } });
        return;
      case 'refresh-done':
        this.ui.emit('info', `${e.addr}: Refresh complete${idPart(e.id)}`, 'refresh_complete', { hook: { resource, ...idFields(e.id) } });
        return;
      case 'read-start':
        this.start(e.addr, 'read', `${e.addr}|read`);
        return;
      case 'read-done':
        this.stopTimer(`${e.addr}|read`);
        this.finish(e.addr, 'read', e.id, e.elapsedMs, false);
        return;
    }
  };

  private start(addr: string, action: HookAction, key: string, id?: string): void {
    const resource = jsonResourceAddr(addr);
    this.ui.emit('info', `${addr}: ${START[action]}...${idPart(id)}`, 'apply_start', { hook: { resource, action, ...idFields(id) } });
    const started = Date.now();
    const t = setInterval(() => {
      const s = Math.round((Date.now() - started) / 1000);
      this.ui.emit('info', `${addr}: Still ${START[action].toLowerCase()}... [${goSeconds(s)} elapsed]`, 'apply_progress', { hook: { resource, action, elapsed_seconds: s } });
    }, this.intervalMs);
    t.unref();
    this.timers.set(key, t);
  }

  private finish(addr: string, action: HookAction, id: string | undefined, elapsedMs: number, failed: boolean): void {
    const resource = jsonResourceAddr(addr);
    const s = Math.round(elapsedMs / 1000);
    if (failed) {
      this.ui.emit('info', `${addr}: ${NOUN[action]} errored after ${goSeconds(s)}`, 'apply_errored', { hook: { resource, action, elapsed_seconds: s } });
      return;
    }
    // A destroyed object has no id left to report.
    const shown = action === 'delete' ? undefined : id;
    this.ui.emit('info', `${addr}: ${NOUN[action]} complete after ${goSeconds(s)}${idPart(shown)}`, 'apply_complete', { hook: { resource, action, ...idFields(shown), elapsed_seconds: s } });
  }

  private stopTimer(key: string): void {
    clearInterval(this.timers.get(key));
    this.timers.delete(key);
  }

  /** Stops every progress timer. */
  stop(): void {
    for (const t of this.timers.values()) clearInterval(t);
    this.timers.clear();
  }
}
