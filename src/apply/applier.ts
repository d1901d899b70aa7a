/**
 * The apply stage: executes a plan. Walks the apply graph, re-evaluating configuration
 * with the values now known, asks the provider for the final plan of each instance and
 * applies it, and records every result in the state at once (persisted after every
 * change), so a failure or a crash halfway leaves a state that says exactly what exists.
 */
import { SmallMap } from '../hcl/small-map.js';
import {
  AbsResource, AbsResourceInstance, Resource as ResourceAddr, parseAbsResourceInstance, type ConfigResource, type InstanceKey,
} from '../addrs/index.js';
import { errorDiag, hasErrors, warningDiag, type Diagnostic } from '../hcl/diagnostic.js';
import type { Config } from '../config/module.js';
import { nullVal, isWhollyKnown, unknownAsNull, unknownVal, type Value } from '../lang/value.js';
import type { Type } from '../lang/types.js';
import { inconsistentResultDiags } from './assert-compatible.js';
import type { Schema } from '../providers/protocol.js';
import { impliedType } from '../providers/schema.js';
import { decodeAttributes, encodeAttributes, type State, type StateSync, type ResourceInstanceObject } from '../state/index.js';
import { buildGraph, keys, type EngineNode } from '../plan/graph-build.js';
import { ProviderResolver } from '../plan/provider-resolve.js';
import { providerDiags, resourceDiags, type ProviderManager } from '../plan/provider-manager.js';
import { evaluateConfig } from '../plan/plan-instance.js';
import { markSchemaSensitive, proposedNew, restoreMarks, stripMarks } from '../plan/objchange.js';
import type { Plan, ResourceInstanceChange } from '../plan/plan.js';
import { haltedDiag, INSTANCES_AT_ONCE, Walker, eachLimited, expandRepetition, type WalkerOptions } from '../plan/walker.js';
import { walk as walkGraph } from '../graph/walk.js';
import type { Graph } from '../graph/dag.js';
import { applyNodeName, buildApplyGraph, preallocateDeposedKeys, type ApplyNode } from './apply-graph.js';
import { resourceDependencies } from '../plan/resource-dependencies.js';
import { createBeforeDestroyResources } from '../plan/create-before-destroy.js';
import { filterTargets } from '../plan/targets.js';
import { droppedInstances } from '../plan/dropped-instances.js';
import { asCheckWarning, evaluateChecks, reportCheckDataFailure, resourceConditions } from '../plan/checks.js';

/** Progress of one instance, for the UI (`aws_instance.web: Creating...`). */
export type ApplyEvent =
  | { kind: 'start'; addr: string; action: ResourceInstanceChange['action'] | 'destroy-deposed'; id?: string; deposedKey?: string }
  | { kind: 'done'; addr: string; action: ResourceInstanceChange['action'] | 'destroy-deposed'; id?: string; elapsedMs: number }
  | { kind: 'failed'; addr: string; action: ResourceInstanceChange['action'] | 'destroy-deposed'; elapsedMs: number };

/**
 * An object being imported from an `import` block (`aws_vpc.main: Importing... [id=vpc-1]`,
 * `Import complete [id=vpc-1]`); `id` is the import id. Apart from ApplyEvent because
 * Terraform's machine-readable UI reports no hook for it.
 */
export interface ImportEvent { kind: 'start' | 'done'; addr: string; id: string }

export interface ApplyOptions extends WalkerOptions {
  onEvent?: (e: ApplyEvent) => void;
  onImport?: (e: ImportEvent) => void;
  /**
   * The caller will not read the plan's changes, drift or relevant attributes again (the
   * CLI): the apply takes the changes out of `plan.changes` and lets each go once it is
   * made, and drops the rest, so a large plan's values do not stay in memory beside the
   * state the apply builds.
   */
  releasePlan?: boolean;
}

export interface ApplyResult {
  diags: Diagnostic[];
  counts: { added: number; changed: number; destroyed: number; imported: number };
  outputs: Map<string, { value: Value; sensitive: boolean }>;
}

class Applier extends Walker {
  readonly counts = { added: 0, changed: 0, destroyed: 0, imported: 0 };
  private readonly byAddr = new Map<string, ResourceInstanceChange>();
  /** Resource key -> config resources it depends on (recorded in state). */
  private readonly deps = new Map<string, ConfigResource[]>();
  /** The configuration graph, for the dependencies each changed resource records. */
  graph?: Graph<EngineNode>;
  /** Resources whose objects state records as `create_before_destroy` (configured or forced). */
  createBeforeDestroy = new Set<string>();
  /** The deposed key each create_before_destroy replacement moves its prior object to, by address. */
  deposedKeys = new Map<string, string>();

  /** The resources `key` depends on, as recorded in state (worked out for changed resources only). */
  private readonly depAddrs = new Map<string, ConfigResource>();
  private depsOf(key: string): ConfigResource[] {
    let d = this.deps.get(key);
    if (!d) this.deps.set(key, (d = this.graph ? resourceDependencies(this.graph, key, this.depAddrs) : []));
    return d;
  }
  /** Provider apply calls running now (whose results may join the next state write). */
  private inFlight = 0;
  /**
   * A change is recorded in the in-memory state at once and its dependents start then; its
   * "complete" line waits for the write that carries it. Every write is a snapshot of
   * everything recorded before it, so the file on disk never holds an object without the
   * objects it was built from. These are the diagnostics of writes that finished after
   * their instance's node.
   */
  private readonly saveDiags: Diagnostic[] = [];
  /** Aborted when a state write fails: nothing new starts that the state could not record. */
  private readonly saveFailed = new AbortController();

  constructor(config: Config, providers: ProviderManager, readonly aopts: ApplyOptions, readonly plan: Plan, readonly sync: StateSync) {
    super(config, providers, aopts);
    for (const c of plan.changes) this.byAddr.set(c.addr, c);
    sync.setOthersRunning(() => this.inFlight > 0);
  }

  get state(): State { return this.sync.state; }

  async walkApply(g: import('../graph/dag.js').Graph<ApplyNode>): Promise<Diagnostic[]> {
    const signal = this.opts.signal ? AbortSignal.any([this.opts.signal, this.saveFailed.signal]) : this.saveFailed.signal;
    // A cycle is refused before anything is applied: stuck halfway, an apply would leave
    // objects destroyed whose replacements it can never create.
    const r = await walkGraph(g, (_k, n) => (n.kind === 'destroy' ? this.visitDestroy(n.changes) : this.visit(n)), {
      parallelism: 64, signal, refuseCycles: true, cycleName: (k) => applyNodeName(g, k, this.deposedKeys),
    });
    // Every earlier report and "complete" line runs before this one.
    await new Promise<void>((resolve) => this.sync.afterSaved(() => resolve()));
    return [...r.diags, ...this.saveDiags, ...(this.stopped() ? [haltedDiag()] : [])];
  }

  /**
   * Records a change; `then` runs (reporting it complete) once the write carrying it is
   * done, without holding up the change's dependents.
   */
  private record(change: (s: State) => void, then: () => void): void {
    this.sync.record(change, (d) => {
      if (d.length) this.saveDiags.push(...d);
      if (hasErrors(d)) this.saveFailed.abort();
      then();
    });
  }

  private lastBreath = performance.now();
  /**
   * Lets pending I/O run. Dependents start as soon as a change is recorded, so with
   * providers that answer at once (terraform_data, null_resource) a whole chain would run
   * as one stream of promise continuations, and the state writes (file I/O) would wait
   * until it ended: nothing durable, and every change held in memory, until the end.
   */
  private async breathe(): Promise<void> {
    if (performance.now() - this.lastBreath < 1) return;
    await new Promise<void>((r) => setImmediate(r));
    this.lastBreath = performance.now();
  }

  /** A destroy removes the outputs instead of evaluating them over destroyed objects. */
  protected override async visitOutput(node: Parameters<Walker['visitOutput']>[0], name: string): Promise<Diagnostic[]> {
    if (this.plan.mode === 'destroy') return [];
    return super.visitOutput(node, name);
  }

  /**
   * Reports progress. A change's dependents start as soon as it is recorded in memory, but
   * its "complete" line waits for the write that carries it; so that lines still come in
   * the order things happened (`b: Creating...` after `a: Creation complete`), every
   * report waits for the writes of the changes made before it.
   */
  private event(e: ApplyEvent): void {
    this.sync.afterSaved(() => this.aopts.onEvent?.(e));
  }

  protected async visitResource(n: Extract<EngineNode, { kind: 'resource' }>): Promise<Diagnostic[]> {
    const { node, res, source } = n;
    const diags: Diagnostic[] = [];
    const schema = this.providers.resourceSchema(source, res.mode, res.type);
    if (!schema) return [errorDiag('Invalid resource type', `The provider does not support resource type "${res.type}".`, res.typeRange)];
    const key = `${res.mode === 'data' ? 'data.' : ''}${res.type}.${res.name}`;
    const rk = keys.resource(node, res);
    for (const mi of this.values.moduleInstances(node.path)) {
      const exp = expandRepetition(res.count, res.forEach, this.scope(node, mi), diags);
      if (exp.unknown) continue;
      const type = impliedType(schema.block);
      this.values.setResource(mi, key, { kind: exp.kind, instances: new SmallMap(), objectType: type });
      const rAddr = new AbsResource(mi, new ResourceAddr(res.mode, res.type, res.name));
      await eachLimited(exp.keys, INSTANCES_AT_ONCE, (ik) => this.applyInstance(n, schema, rAddr.instance(ik), exp, ik, key, rk, diags), this.opts.signal);
      if (exp.kind !== 'single' && this.plan.mode !== 'destroy') this.keptOrphanValues(rAddr, exp.kind, exp.keys, key, type, schema);
    }
    return diags;
  }

  /** As the plan did: the instances count or for_each dropped that the plan does not delete stay in the resource's value. */
  private keptOrphanValues(rAddr: AbsResource, kind: 'count' | 'for_each', configured: readonly InstanceKey[], key: string, type: Type, schema: Schema): void {
    for (const { key: ik, obj } of droppedInstances(this.state.resource(rAddr), kind, configured)) {
      const addr = rAddr.instance(ik).toString();
      if (this.byAddr.get(addr)?.action === 'delete') continue;
      const v = decodeAttributes(obj, type, addr).value;
      if (v) this.values.setResourceInstance(rAddr.module, key, kind, ik, markSchemaSensitive(v, schema.block));
    }
  }

  private async applyInstance(
    n: Extract<EngineNode, { kind: 'resource' }>, schema: Schema, addr: AbsResourceInstance,
    exp: ReturnType<typeof expandRepetition>, ik: InstanceKey, key: string, rk: string, diags: Diagnostic[],
  ): Promise<void> {
    await this.breathe();
    const { node, res } = n;
    const mi = addr.module;
    const type = impliedType(schema.block);
    const change = this.byAddr.get(addr.toString());
    if (this.aopts.releasePlan) this.byAddr.delete(addr.toString());
    const cur = this.state.current(addr);
    // Decoded only when needed: an unchanged instance takes the value its plan already holds.
    let decoded: Value | null | undefined;
    const current = (): Value | null => (decoded !== undefined ? decoded : (decoded = cur ? decodeAttributes(cur, type, addr.toString()).value ?? null : null));
    const setValue = (v: Value) => this.values.setResourceInstance(mi, key, exp.kind, ik, v);
    if (change?.importing) {
      // The object was read while planning and is in the state already: the import completes
      // before the instance's own change, and counts even when that change then fails.
      const { id } = change.importing;
      this.counts.imported++;
      this.sync.afterSaved(() => {
        this.aopts.onImport?.({ kind: 'start', addr: change.addr, id });
        this.aopts.onImport?.({ kind: 'done', addr: change.addr, id });
      });
    }
    if (change?.action === 'no-op' && !change.deposedKey && cur && !change.after.isNull && isWhollyKnown(change.after)) {
      // The plan found the object as it is (values are immutable): no second decode of its state.
      setValue(change.after);
      return;
    }
    if (!change || change.action === 'no-op' || change.action === 'delete') {
      const curVal = current();
      // An instance a targeted run leaves out, with no object yet, is not part of the resource's value.
      if (!curVal && this.filter && !this.filter.instanceIncluded(keys.resource(node, res), addr)) return;
      // In a destroy, an instance with no object is unknown, as the destroy plan had it.
      setValue(curVal ? markSchemaSensitive(curVal, schema.block) : this.plan.mode === 'destroy' ? unknownVal(type) : nullVal(type));
      return;
    }
    const inst = exp.kind === 'count' ? { countIndex: ik as number } : exp.kind === 'for_each' ? { eachKey: String(ik), eachValue: exp.eachValues!.get(String(ik))! } : {};
    const scope = this.scope(node, mi, inst);
    const provider = this.providers.instance(n.provider.toString(), n.source)!;
    // The provider call holds a parallelism slot; the checks after it do not.
    let post: (() => void) | undefined;
    await this.sem.run(async () => {
      if (this.stopped()) return;
      const ev = evaluateConfig(res, schema, scope);
      diags.push(...ev.diags);
      if (hasErrors(ev.diags)) return;
      const [config, marks] = stripMarks(ev.config);
      const started = Date.now();
      if (change.action === 'read') {
        this.event({ kind: 'start', addr: change.addr, action: 'read' });
        const r = await provider.readDataSource({ typeName: res.type, config });
        const rd = resourceDiags(r.diagnostics, res.config, undefined, change.addr);
        // A check's scoped data source never fails the apply: its problems are warnings.
        if (change.actionReason === 'read_because_check_nested') reportCheckDataFailure(this, node, mi, res, rd);
        diags.push(...(change.actionReason === 'read_because_check_nested' ? rd.map(asCheckWarning) : rd));
        if (r.diagnostics.some((d) => d.severity === 'error')) { this.event({ kind: 'failed', addr: change.addr, action: 'read', elapsedMs: Date.now() - started }); return; }
        const v = markSchemaSensitive(r.state, schema.block);
        this.save(addr, n, v, schema, [], undefined, 'ready', doneReport(this.aopts, change.addr, 'read', undefined, started));
        setValue(v);
        return;
      }
      const pre = resourceConditions(this, 'precondition', node, res, change.addr, scope, 'error', 'apply');
      diags.push(...pre);
      if (hasErrors(pre)) return;
      const creating = change.action === 'create' || change.action === 'delete-then-create' || change.action === 'create-then-delete';
      const curVal = current();
      let prior: Value | null = creating ? null : curVal ? stripMarks(curVal)[0] : null;
      if (change.action === 'create-then-delete' && cur) {
        await this.sync.update((s) => { s.deposeCurrent(addr, this.deposedKeys.get(change.addr)); });
        prior = null;
      }
      const pr = await provider.planResourceChange({ typeName: res.type, priorState: prior ?? nullVal(type), proposedNewState: proposedNew(schema.block, prior, config), config });
      diags.push(...resourceDiags(pr.diagnostics, res.config, `Error planning ${change.addr}.`));
      if (pr.diagnostics.some((d) => d.severity === 'error')) return;
      this.event({ kind: 'start', addr: change.addr, action: change.action, ...(prior ? { id: idOf(prior) } : {}) });
      const r = await this.counted(() => provider.applyResourceChange({
        typeName: res.type, priorState: prior ?? nullVal(type), plannedState: pr.plannedState, config,
        ...(pr.plannedPrivate ? { plannedPrivate: pr.plannedPrivate } : {}),
      }));
      const failed = r.diagnostics.some((d) => d.severity === 'error');
      if (failed) {
        // Terraform names the instance in a "with ADDR," line above the source (JSON: "address").
        diags.push(...resourceDiags(r.diagnostics, res.config, undefined, change.addr));
        this.event({ kind: 'failed', addr: change.addr, action: change.action, elapsedMs: Date.now() - started });
        // A create that left a partial object behind is recorded tainted; otherwise the prior object stays.
        if (creating && !r.newState.isNull && isWhollyKnown(r.newState)) {
          this.save(addr, n, markSchemaSensitive(restoreMarks(r.newState, marks), schema.block), schema, this.depsOf(rk), r.private, 'tainted', () => {});
        }
        setValue(current() ?? nullVal(type));
        return;
      }
      if (!isWhollyKnown(r.newState)) {
        diags.push(errorDiag('Provider returned invalid result object after apply', `After the apply operation, the provider still indicated an unknown value for ${change.addr}. All values must be known after apply, so this is always a bug in the provider.`, res.declRange));
        return;
      }
      const v = markSchemaSensitive(restoreMarks(r.newState, marks), schema.block);
      // As in Terraform, a legacy-SDK resource type's result is let through (Terraform only logs it).
      const inconsistent = r.legacyTypeSystem ? [] : inconsistentResultDiags(schema.block, pr.plannedState, r.newState, marks, change.addr, n.provider.toString());
      if (inconsistent.length) {
        // The object exists as the provider says, so it is saved; a new one tainted, as
        // Terraform does with any create that ends in an error. Its dependents do not run.
        diags.push(...inconsistent);
        this.event({ kind: 'failed', addr: change.addr, action: change.action, elapsedMs: Date.now() - started });
        this.save(addr, n, v, schema, this.depsOf(rk), r.private, creating ? 'tainted' : 'ready', () => {});
        setValue(v);
        return;
      }
      if (change.action === 'update') this.counts.changed++;
      else this.counts.added++;
      // "complete" is printed once the state that records it is on disk.
      this.save(addr, n, v, schema, this.depsOf(rk), r.private, 'ready',
        doneReport(this.aopts, change.addr, change.action, idOf(v), started));
      post = () => {
        setValue(v);
        // Checked once the new object is recorded, so a failure leaves the state true to what exists.
        if (res.lifecycle.postconditions.length) diags.push(...resourceConditions(this, 'postcondition', node, res, change.addr, this.scope(node, mi, { ...inst, self: v }), 'error', 'apply'));
      };
    });
    post?.();
  }

  private async counted<R>(call: () => Promise<R>): Promise<R> {
    this.inFlight++;
    try {
      return await call();
    } finally {
      this.inFlight--;
    }
  }

  private save(
    addr: AbsResourceInstance, n: Extract<EngineNode, { kind: 'resource' }>, v: Value, schema: Schema, deps: ConfigResource[],
    priv: Uint8Array | undefined, status: 'ready' | 'tainted', then: () => void,
  ): void {
    const enc = encodeAttributes(v, impliedType(schema.block));
    const obj: ResourceInstanceObject = {
      status, schemaVersion: schema.version, attrsJSON: enc.attrsJSON, sensitivePaths: enc.sensitivePaths, dependencies: deps,
      createBeforeDestroy: this.createBeforeDestroy.has(keys.resource(n.node, n.res)), ...(priv ? { private: priv } : {}),
    };
    this.record((s) => s.setCurrent(addr, obj, n.provider), then);
  }

  private async visitDestroy(changes: ResourceInstanceChange[]): Promise<Diagnostic[]> {
    const diags: Diagnostic[] = [];
    await eachLimited(changes, INSTANCES_AT_ONCE, async (c) => {
      await this.breathe();
      const addr = parseAbsResourceInstance(c.addr).value!;
      const resState = this.state.resource(addr.containingResource());
      const inst = this.state.instance(addr);
      if (!resState || !inst) return;
      const providerAddr = resState.provider;
      if (c.action === 'forget') {
        // Terraform drops the object from state, reporting and counting nothing.
        this.record((s) => s.setCurrent(addr, undefined, providerAddr), () => {});
        return;
      }
      const source = providerAddr.provider.toString();
      const schema = this.providers.resourceSchema(source, 'managed', addr.resource.resource.type);
      const provider = this.providers.instance(providerAddr.toString(), source);
      if (!schema || !provider) return;
      const type = impliedType(schema.block);
      // create_before_destroy deletes the deposed object; everything else the current one.
      const targets: [string | undefined, ResourceInstanceObject][] = c.action === 'create-then-delete'
        ? [...inst.deposed.entries()]
        : inst.current ? [[undefined, inst.current]] : [];
      for (const [deposedKey, obj] of targets) {
        const prior = decodeAttributes(obj, type, c.addr).value;
        if (!prior) continue;
        const [bare] = stripMarks(prior);
        const started = Date.now();
        const action = deposedKey ? 'destroy-deposed' as const : 'delete' as const;
        // The provider call holds a parallelism slot; the state write after it does not.
        await this.sem.run(async () => {
          if (this.stopped()) return;
          this.event({ kind: 'start', addr: c.addr, action, id: idOf(bare), ...(deposedKey ? { deposedKey } : {}) });
          const r = await this.counted(() => provider.applyResourceChange({ typeName: addr.resource.resource.type, priorState: bare, plannedState: nullVal(type), config: nullVal(type) }));
          if (r.diagnostics.some((d) => d.severity === 'error')) {
            // Terraform destroys without the configuration (even when it still has the
            // block), so a destroy's errors have no source, no "with" line and no "address".
            diags.push(...providerDiags(r.diagnostics, undefined));
            this.event({ kind: 'failed', addr: c.addr, action, elapsedMs: Date.now() - started });
            return;
          }
          this.counts.destroyed++;
          this.record((s) => (deposedKey ? s.setDeposed(addr, deposedKey, undefined, providerAddr) : s.setCurrent(addr, undefined, providerAddr)),
            doneReport(this.aopts, c.addr, action, undefined, started));
        });
      }
    });
    return diags;
  }
}

/**
 * The "complete" report of a change, run once the write that records it is done. Made
 * here rather than inline so that it holds only these few values: an inline closure would
 * keep the whole instance's working context (its plan, values, evaluation scope) alive
 * while it waits, and on a 100k-long chain thousands wait for each write.
 */
function doneReport(o: ApplyOptions, addr: string, action: ApplyEvent['action'], id: string | undefined, started: number): () => void {
  return () => o.onEvent?.({ kind: 'done', addr, action, ...(id !== undefined ? { id } : {}), elapsedMs: Date.now() - started });
}

function idOf(v: Value): string | undefined {
  if (v.isNull || !v.isKnown || v.type.kind !== 'object') return undefined;
  const id = v.attrs.get('id');
  return id && id.isKnown && !id.isNull && id.type.kind === 'string' ? id.str : undefined;
}

/**
 * Applies `plan`. `sync` holds the state to change (the refreshed prior the plan was made
 * against) and persists it after every change.
 */
export async function applyPlan(config: Config, plan: Plan, sync: StateSync, providers: ProviderManager, opts: ApplyOptions): Promise<ApplyResult> {
  const diags: Diagnostic[] = [];
  const resolver = new ProviderResolver(config);
  const { graph, diags: gd } = buildGraph(config, resolver, providers);
  diags.push(...gd);
  const applier = new Applier(config, providers, opts, plan, sync);
  if (hasErrors(diags)) return { diags, counts: applier.counts, outputs: new Map() };
  applier.graph = graph;
  applier.createBeforeDestroy = createBeforeDestroyResources(graph);
  applier.deposedKeys = preallocateDeposedKeys(plan, sync.state);
  if (plan.targets.length || plan.excludes.length) applier.filter = filterTargets(graph, plan.targets, plan.excludes);
  const ag = buildApplyGraph(graph, plan, sync.state);
  if (opts.releasePlan) { plan.changes = []; plan.drift = []; delete plan.relevantAttributes; }
  diags.push(...await applier.walkApply(ag));
  const checks = evaluateChecks(applier, 'apply', { mode: plan.mode, targeted: plan.targets.length > 0 || plan.excludes.length > 0, errored: hasErrors(diags), planChecks: plan.checks });
  diags.push(...checks.diags);
  // Outputs and check results: saved with the final state.
  await sync.update((s) => {
    s.checkResults = checks.results;
    if (plan.mode === 'destroy') { for (const name of [...s.outputs.keys()]) s.removeOutput(name); return; }
    // Outputs a targeted run did not evaluate keep their prior value.
    const skipped = (name: string) => applier.filter !== undefined && config.root.module.outputs.has(name) && !applier.filter.included.has(keys.output(config.root, name));
    for (const name of [...s.outputs.keys()]) if (!applier.rootOutputs.has(name) && !skipped(name)) s.removeOutput(name);
    // As in Terraform, a root output whose value is null is not kept in state, and one not
    // wholly known (a -target left a module instance unevaluated) is saved with nulls for
    // what is unknown.
    for (const [name, o] of applier.rootOutputs) {
      if (o.value.isKnown && o.value.isNull) s.removeOutput(name);
      else s.setOutput(name, unknownAsNull(o.value), o.sensitive);
    }
  });
  diags.push(...await sync.flush());
  if (plan.targets.length) {
    diags.push(warningDiag('Applied changes may be incomplete',
      'The plan was created with the -target option in effect, so some changes requested in the configuration may have been ignored and the output values may not be fully updated. Run the following command to verify that no other changes are pending:\n    terrane plan\n\nNote that the -target option is not suitable for routine use, and is provided only for exceptional situations such as recovering from errors or mistakes, or when terrane specifically suggests to use it as part of an error message.'));
  }
  // What is reported is what the state keeps.
  const outputs = new Map([...applier.rootOutputs]
    .filter(([, o]) => !(o.value.isKnown && o.value.isNull))
    .map(([k, o]) => [k, { ...o, value: unknownAsNull(o.value) }]));
  return { diags, counts: applier.counts, outputs };
}

