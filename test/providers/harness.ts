/**
 * Drives a built-in provider through the protocol the way the engine does: plan from
 * config (JS data converted with the schema type), apply, read, and plan again.
 */
import { expect } from 'vitest';
import { isWhollyKnown, nullVal, type Value } from '../../src/lang/value.js';
import type { PlanResourceChangeResponse, Provider, ProviderFactory } from '../../src/providers/protocol.js';
import { fromJS, toJS } from '../../src/providers/sdk/obj.js';
import { impliedType } from '../../src/providers/schema.js';

/** A configured provider plus helpers over one resource type at a time. */
export class Harness {
  readonly p: Provider;
  constructor(factory: ProviderFactory) {
    this.p = factory.create();
  }
  async configure(config: Record<string, unknown> = {}): Promise<this> {
    const t = impliedType(this.p.getSchema().provider.block);
    const diags = await this.p.configure({ config: fromJS(config, t) } as never);
    expect(diags).toEqual([]);
    return this;
  }
  type(typeName: string) {
    const s = this.p.getSchema().resources[typeName] ?? this.p.getSchema().dataSources[typeName];
    if (!s) throw new Error(`no type ${typeName}`);
    return impliedType(s.block);
  }
  config(typeName: string, js: Record<string, unknown>): Value {
    return fromJS(js, this.type(typeName));
  }
  async plan(typeName: string, prior: Value | null, js: Record<string, unknown>): Promise<PlanResourceChangeResponse> {
    const config = this.config(typeName, js);
    const diags = this.p.validateResourceConfig?.(typeName, config) ?? [];
    if (diags.some((d) => d.severity === 'error')) return { plannedState: config, requiresReplace: [], diagnostics: diags };
    const r = await this.p.planResourceChange({
      typeName, priorState: prior ?? nullVal(this.type(typeName)), proposedNewState: config, config,
    } as never);
    // Validation warnings (e.g. deprecated arguments) come first, as the engine reports them.
    return diags.length ? { ...r, diagnostics: [...diags, ...r.diagnostics] } : r;
  }
  async apply(typeName: string, prior: Value | null, planned: Value, js: Record<string, unknown>): Promise<Value> {
    const r = await this.p.applyResourceChange({
      typeName, priorState: prior ?? nullVal(this.type(typeName)), plannedState: planned, config: this.config(typeName, js),
    } as never);
    expect(r.diagnostics).toEqual([]);
    return r.newState;
  }
  /** Plan + apply a create; returns the new state. */
  async create(typeName: string, js: Record<string, unknown>): Promise<Value> {
    const pl = await this.plan(typeName, null, js);
    expect(pl.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    return this.apply(typeName, null, pl.plannedState, js);
  }
  async read(typeName: string, state: Value): Promise<Value | null> {
    const r = await this.p.readResource({ typeName, currentState: state } as never);
    expect(r.diagnostics).toEqual([]);
    return r.newState.isNull ? null : r.newState;
  }
  /**
   * The no-drift rule: reading `state` back and planning `cfg` again proposes no change and
   * no replacement. Returns what was read.
   */
  async expectNoChange(typeName: string, state: Value | null, cfg: Record<string, unknown>): Promise<Value> {
    const read = await this.read(typeName, state!);
    expect(read).not.toBeNull();
    const again = await this.plan(typeName, read, cfg);
    expect(again.diagnostics).toEqual([]);
    expect(again.requiresReplace).toEqual([]);
    expect(js(again.plannedState)).toEqual(js(read));
    return read!;
  }
  async destroy(typeName: string, state: Value): Promise<void> {
    const r = await this.p.applyResourceChange({ typeName, priorState: state, plannedState: nullVal(this.type(typeName)), config: nullVal(this.type(typeName)) } as never);
    expect(r.diagnostics).toEqual([]);
  }
  async importState(typeName: string, id: string) {
    return this.p.importResourceState({ typeName, id } as never);
  }
  async readData(typeName: string, js: Record<string, unknown>) {
    return this.p.readDataSource({ typeName, config: this.config(typeName, js) } as never);
  }
}

/** Plain JS of a state value. */
export function js(v: Value | null): Record<string, unknown> {
  return (v ? toJS(v.unmark()) : null) as Record<string, unknown>;
}

/**
 * The life cycle every resource must follow: create, read back unchanged, a no-op plan
 * for the same config, and a replacement when `changed` config differs in a force-new way.
 */
export async function lifecycle(h: Harness, typeName: string, cfg: Record<string, unknown>, changed: Record<string, unknown>, replacedAttr: string): Promise<Value> {
  const state = await h.create(typeName, cfg);
  expect(isWhollyKnown(state)).toBe(true);
  const read = await h.read(typeName, state);
  expect(read).not.toBeNull();
  const again = await h.plan(typeName, read, cfg);
  expect(again.diagnostics).toEqual([]);
  expect(again.requiresReplace).toEqual([]);
  expect(js(again.plannedState)).toEqual(js(read));
  const repl = await h.plan(typeName, read, changed);
  expect(repl.diagnostics).toEqual([]);
  expect(repl.requiresReplace).toContainEqual([{ attr: replacedAttr }]);
  return state;
}
