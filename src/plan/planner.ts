/**
 * The plan stage: from configuration and prior state to a Plan. Moves state for `moved`
 * blocks, walks the graph (refreshing and planning every resource instance through its
 * provider), reads data sources whose configuration is known, plans the deletion of
 * objects no longer in the configuration, and computes output changes.
 */
import { SmallMap } from '../hcl/small-map.js';
import {
  AbsProviderConfig, AbsResource, AbsResourceInstance, Resource as ResourceAddr, parseAbsResourceInstance, instanceKeyString, parseTarget, targetContains, type InstanceKey, ModuleInstance, type ConfigResource,
} from '../addrs/index.js';
import type { Graph } from '../graph/dag.js';
import { errorDiag, hasErrors, warningDiag, type Diagnostic } from '../hcl/diagnostic.js';
import { moduleNodeAt, type Config, type ModuleNode } from '../config/module.js';
import { subjectString, type Reference } from '../lang/references.js';
import { evaluate } from '../lang/eval.js';
import * as T from '../lang/types.js';
import { DynamicUnknown, isWhollyKnown, markWithPaths, nullVal, unknownVal, type Value } from '../lang/value.js';
import { decodeAttributes, encodeAttributes, type State, type ResourceInstanceObject } from '../state/index.js';
import { impliedType } from '../providers/schema.js';
import type { Schema } from '../providers/protocol.js';
import { buildGraph, keys, resourceBodyRefs, type EngineNode } from './graph-build.js';
import { resourceDependencies, sameDependencies } from './resource-dependencies.js';
import { ProviderResolver, providerNotPresentDiag } from './provider-resolve.js';
import { validateWalk } from './validate-walk.js';
import { unsupportedTypeDiag } from './unsupported-type.js';
import { relevantAttributes } from './relevant.js';
import type { ProviderManager } from './provider-manager.js';
import { providerDiags, resourceDiags } from './provider-manager.js';
import { createBeforeDestroyResources } from './create-before-destroy.js';
import { evaluateConfig, planManagedInstance, preventDestroyDiag } from './plan-instance.js';
import { markSchemaSensitive, proposedNew, sameValue, stripMarks } from './objchange.js';
import type { OutputChange, Plan, PlanMode, ResourceInstanceChange } from './plan.js';
import { INSTANCES_AT_ONCE, Walker, eachLimited, expandRepetition, type WalkerOptions } from './walker.js';
import { applyMoves, traversalString } from './moves.js';
import { blockedMovesWarning, targetedMoveDiags, validateMoves } from './move-validate.js';
import { filterTargets } from './targets.js';
import { dataDependencies } from './data-deps.js';
import { droppedInstances } from './dropped-instances.js';
import { checkImportTargets, generateForImport, generatedInPlan, keyedTargetDiags, withGenerationTargets, type GenerationTarget } from './generate-config-targets.js';
import type { GeneratedResource } from './generate-config-file.js';
import { upgradeResourceObject } from './upgrade-state.js';
import { asCheckWarning, evaluateChecks, reportCheckDataFailure, resourceConditions } from './checks.js';
import { findRemoveStatements, forgetWarning, removeStatementFor, type RemoveStatements } from './removed.js';

export interface PlanOptions extends WalkerOptions {
  mode: PlanMode;
  refresh: boolean;
  targets: string[];
  excludes: string[];
  replace: string[];
  /** Imports requested on the command line (`terrane import ADDR ID`). */
  imports?: { addr: string; id: string }[];
  /**
   * `plan -generate-config-out=PATH`: import blocks whose target has no resource block get
   * configuration generated from the imported object (see PlanResult.generated).
   */
  generateConfigOut?: string;
  /**
   * `terrane refresh` (with mode refresh-only): Terraform plans its refresh command in
   * normal mode without planning changes, so failed conditions are errors there, where
   * `-refresh-only` makes them warnings. Only the refreshed state is kept either way.
   */
  refreshCommand?: boolean;
  /** Progress while planning (`Refreshing state... [id=...]`, data source reads). */
  onEvent?: (e: PlanEvent) => void;
}

/** A progress event of the plan stage. */
export type PlanEvent =
  | { kind: 'import'; addr: string; id: string }
  | { kind: 'refresh'; addr: string; id?: string }
  | { kind: 'refresh-done'; addr: string; id?: string }
  | { kind: 'read-start'; addr: string }
  | { kind: 'read-done'; addr: string; id?: string; elapsedMs: number };

/** The result of planning: the plan and the refreshed prior state it was made against. */
export interface PlanResult {
  plan: Plan;
  /** Prior state after moves and refresh (what apply starts from). */
  refreshed: State;
  diags: Diagnostic[];
  /** Configuration generated for import targets (with generateConfigOut), by address. */
  generated?: GeneratedResource[];
  /**
   * True when planning failed part way, after the graph walk: Terraform still reports such
   * a plan (marked errored) and `-out` saves it; it does neither when validation fails.
   */
  partial?: boolean;
  /**
   * The plan walk ran (the configuration was valid): Terraform then reports a failed plan
   * under "Planning failed." even when nothing was planned.
   */
  walked?: boolean;
}

class Planner extends Walker {
  readonly changes: ResourceInstanceChange[] = [];
  readonly drift: ResourceInstanceChange[] = [];
  readonly claimed = new Set<string>();
  /**
   * Resources (graph keys) whose instances the walk expanded in every module instance: an
   * errored plan deletes the orphans of these only, since Terraform finds a resource's
   * orphans when it expands it, and a resource it never reached has none planned.
   */
  private readonly expanded = new Set<string>();
  /** Instances imported during this plan. */
  readonly imported: string[] = [];
  /** Import targets whose configuration is generated, by address, and what was generated. */
  readonly generating = new Map<string, GenerationTarget>();
  readonly generated: GeneratedResource[] = [];
  /**
   * Resources with a change planned (not a no-op), by graph key: the module instances
   * holding one, for data sources that wait on them (see data-deps.ts).
   */
  private readonly pendingIn = new Map<string, Set<string>>();
  private readonly dataDeps = new Map<string, string[]>();
  /** The configuration's `removed` blocks. */
  removed: RemoveStatements = new Map();
  /** Resources whose replacements create before destroying (configured or forced). */
  createBeforeDestroy = new Set<string>();
  /** The parsed address of each planned instance's change, for sorting without parsing. */
  readonly changeAddrs = new Map<string, AbsResourceInstance>();
  /** The configuration graph, for the dependencies an unchanged object's record gets. */
  graph?: Graph<EngineNode>;
  /** -target and -exclude, parsed once (orphanTargeted). */
  private targetSubjects: { targets: NonNullable<ReturnType<typeof parseTarget>['value']>[]; excludes: NonNullable<ReturnType<typeof parseTarget>['value']>[] } | undefined;
  private readonly deps = new Map<string, ConfigResource[]>();
  private readonly depAddrs = new Map<string, ConfigResource>();

  constructor(config: Config, providers: ProviderManager, readonly popts: PlanOptions, readonly refreshed: State, readonly resolver: ProviderResolver) {
    super(config, providers, popts);
  }

  /** A destroy plan removes every output; their expressions may refer to objects already gone. */
  protected override async visitOutput(node: ModuleNode, name: string): Promise<Diagnostic[]> {
    if (this.popts.mode === 'destroy') return [];
    return super.visitOutput(node, name);
  }

  /**
   * A refresh-only plan plans no changes. `terrane refresh` does: Terraform's refresh command
   * makes a normal plan and keeps its refreshed state.
   */
  private get skipPlanChanges(): boolean {
    return this.popts.mode === 'refresh-only' && !this.popts.refreshCommand;
  }

  /** How failed conditions are reported: warnings in a refresh-only plan (not `terrane refresh`). */
  protected override outputConditionSeverity(): 'error' | 'warning' {
    return this.popts.mode === 'refresh-only' && !this.popts.refreshCommand ? 'warning' : 'error';
  }

  protected async visitResource(n: Extract<EngineNode, { kind: 'resource' }>): Promise<Diagnostic[]> {
    const { node, res, source } = n;
    const diags: Diagnostic[] = [];
    const schema = this.providers.resourceSchema(source, res.mode, res.type);
    if (!schema) return [unsupportedTypeDiag(this.providers, source, res)];
    const provider = this.providers.instance(n.provider.toString(), source)!;
    const key = `${res.mode === 'data' ? 'data.' : ''}${res.type}.${res.name}`;
    const rk = keys.resource(node, res);
    // Parsed when the first instance is checked for self-references, and dropped after the visit.
    let bodyRefs: Reference[] | undefined;
    let allExpanded = true;
    for (const mi of this.values.moduleInstances(node.path)) {
      const exp = expandRepetition(res.count, res.forEach, this.scope(node, mi), diags);
      const rAddr = new AbsResource(mi, new ResourceAddr(res.mode, res.type, res.name));
      if (exp.unknown) {
        allExpanded = false;
        this.values.setResource(mi, key, { kind: exp.kind, instances: new SmallMap(), unknownExpansion: true });
        continue;
      }
      this.values.setResource(mi, key, { kind: exp.kind, instances: new SmallMap(), objectType: impliedType(schema.block) });
      await eachLimited(exp.keys, INSTANCES_AT_ONCE, async (ik) => {
        const addr = rAddr.instance(ik);
        this.claimed.add(addr.toString());
        const skip = this.filter !== undefined && !this.filter.instanceIncluded(rk, addr);
        const selfRefs = skip || !n.suspectRefs ? [] : selfReferenceDiags(addr, bodyRefs ??= resourceBodyRefs(res, schema.block));
        if (selfRefs.length) {
          diags.push(...selfRefs);
          // Other instances reading this one see it unknown, as in Terraform.
          this.values.setResourceInstance(mi, key, exp.kind, ik, unknownVal(impliedType(schema.block)));
          return;
        }
        const inst = exp.kind === 'count' ? { countIndex: ik as number } : exp.kind === 'for_each' ? { eachKey: String(ik), eachValue: exp.eachValues!.get(String(ik))! } : {};
        const scope = this.scope(node, mi, inst);
        let obj = this.refreshed.current(addr);
        if (obj && res.mode === 'managed') {
          obj = this.upgrade(addr, n.provider, source, obj, schema, diags, !skip);
          if (!obj) return;
        }
        let prior = obj ? this.decode(obj, schema, addr, diags) : null;
        let importing: { id: string } | undefined;
        if (!obj && !skip && res.mode === 'managed' && this.popts.mode === 'normal') {
          const id = this.importIdFor(addr, diags);
          if (id !== undefined) {
            const imp = await this.sem.run(async () => (this.stopped() ? undefined : this.importObject(addr, n, schema, id, diags)));
            if (!imp) return;
            obj = imp.obj;
            prior = imp.value;
            importing = { id };
            if (this.generating.has(addr.toString()) && !this.generateConfig(addr, n, schema, id, prior, diags)) return;
          }
        }
        if (skip) {
          // As in Terraform, an instance a targeted run leaves out is in the resource's value
          // only when it exists already.
          if (prior) this.values.setResourceInstance(mi, key, exp.kind, ik, prior);
          return;
        }
        await this.sem.run(async () => {
          if (this.stopped()) return;
          if (obj && res.mode === 'managed' && this.popts.mode !== 'destroy') obj = this.updateCreateBeforeDestroy(addr, n, obj, this.createBeforeDestroy.has(rk));
          if (prior && this.popts.refresh && !importing) prior = await this.refresh(addr, n, schema, obj!, prior, diags);
          const severity = this.outputConditionSeverity();
          if (res.mode === 'data') {
            if (!isCheckNested(node, res)) {
              const pre = resourceConditions(this, 'precondition', node, res, addr.toString(), scope, severity, 'plan');
              diags.push(...pre);
              if (hasErrors(pre)) return;
              await this.planData(addr, n, schema, scope, mi, key, exp.kind, ik, diags);
              const self = this.values.getResource(mi, key)?.instances.get(instanceKeyString(ik))?.value;
              if (self && !self.isNull) diags.push(...resourceConditions(this, 'postcondition', node, res, addr.toString(), this.scope(node, mi, { ...inst, self }), severity, 'plan'));
              return;
            }
            // A check's scoped data source never fails the plan: its problems are warnings.
            const own: Diagnostic[] = [];
            await this.planData(addr, n, schema, scope, mi, key, exp.kind, ik, own, true);
            reportCheckDataFailure(this, node, mi, res, own);
            diags.push(...own.map(asCheckWarning));
            return;
          }
          if (this.popts.mode === 'destroy') {
            // An instance the configuration has but state does not (a for_each key added
            // since the last apply) is unknown, not null: what reads it is not planned in
            // a destroy, and Terraform plans such a destroy without complaint.
            this.values.setResourceInstance(mi, key, exp.kind, ik, prior ?? unknownVal(impliedType(schema.block)));
            return;
          }
          const pre = resourceConditions(this, 'precondition', node, res, addr.toString(), scope, severity, 'plan');
          diags.push(...pre);
          if (this.skipPlanChanges) {
            // As in Terraform's refresh-only plan, nothing is planned: references (outputs
            // above all) see the refreshed object; one not created yet is unknown, or left out
            // of a count or for_each resource's value (Terraform builds that from the state).
            // Postconditions check the refreshed object even after a failed precondition.
            if (prior || exp.kind === 'single') this.values.setResourceInstance(mi, key, exp.kind, ik, prior ?? unknownVal(impliedType(schema.block)));
            if (prior && !prior.isNull) diags.push(...resourceConditions(this, 'postcondition', node, res, addr.toString(), this.scope(node, mi, { ...inst, self: prior }), severity, 'plan'));
            return;
          }
          if (hasErrors(pre)) return;
          const r = await planManagedInstance({
            addr, res, schema, provider, providerAddr: n.provider.toString(), scope, prior,
            tainted: obj?.status === 'tainted', forceReplace: this.popts.replace.includes(addr.toString()),
            triggered: prior ? this.replaceTriggered(node, mi, res, scope, diags) : false,
            preventDestroy: this.preventDestroy(res, scope, diags), createBeforeDestroy: this.createBeforeDestroy.has(rk),
          });
          diags.push(...r.diags);
          if (r.change) {
            if (importing) r.change.importing = importing;
            // Terraform's plan keeps the generated block with the change (JSON generated_config).
            const gen = importing && this.generated.find((g) => g.addr === r.change!.addr);
            if (gen) r.change.generatedConfig = gen.config;
            this.changes.push(r.change);
            this.changeAddrs.set(r.change.addr, addr);
            if (r.change.action === 'no-op') this.updateDependencies(addr, n, rk);
            if (r.change.action !== 'no-op') {
              let set = this.pendingIn.get(rk);
              if (!set) this.pendingIn.set(rk, (set = new Set()));
              set.add(mi.toString());
            }
          }
          this.values.setResourceInstance(mi, key, exp.kind, ik, r.value);
          if (!r.value.isNull && res.lifecycle.postconditions.length) diags.push(...resourceConditions(this, 'postcondition', node, res, addr.toString(), this.scope(node, mi, { ...inst, self: r.value }), severity, 'plan'));
        });
      });
      if (exp.kind !== 'single' && this.popts.mode !== 'destroy') this.keptOrphanValues(n, schema, rAddr, exp.kind, exp.keys, key);
    }
    if (allExpanded) this.expanded.add(rk);
    return diags;
  }

  /** Puts the instances count or for_each dropped that this plan keeps into the resource's value (see droppedInstances). */
  private keptOrphanValues(
    n: Extract<EngineNode, { kind: 'resource' }>, schema: Schema, rAddr: AbsResource, kind: 'count' | 'for_each', configured: readonly InstanceKey[], key: string,
  ): void {
    for (const { key: ik, obj } of droppedInstances(this.refreshed.resource(rAddr), kind, configured)) {
      const addr = rAddr.instance(ik);
      if (!this.skipPlanChanges && this.orphanTargeted(addr)) continue;
      // Problems reading it are reported where the orphan itself is planned.
      const scratch: Diagnostic[] = [];
      const upgraded = this.upgrade(addr, n.provider, n.source, obj, schema, scratch, false);
      const value = upgraded && this.decode(upgraded, schema, addr, scratch);
      if (value) this.values.setResourceInstance(rAddr.module, key, kind, ik, value);
    }
  }

  /** Whether planOrphans plans this instance's deletion as far as -target and -exclude go. */
  private orphanTargeted(addr: AbsResourceInstance): boolean {
    this.targetSubjects ??= {
      targets: this.popts.targets.map((t) => parseTarget(t).value).filter((x) => x !== undefined),
      excludes: this.popts.excludes.map((t) => parseTarget(t).value).filter((x) => x !== undefined),
    };
    const { targets, excludes } = this.targetSubjects;
    if (targets.length && !targets.some((t) => targetContains(t.subject, addr))) return false;
    return !excludes.some((t) => targetContains(t.subject, addr));
  }

  /**
   * The object upgraded to the provider's current schema version (undefined when that
   * fails, with the reasons in `diags`); with `keep`, the refreshed state holds the upgrade.
   */
  private upgrade(addr: AbsResourceInstance, providerAddr: AbsProviderConfig, source: string, obj: ResourceInstanceObject, schema: Schema, diags: Diagnostic[], keep = true): ResourceInstanceObject | undefined {
    const u = upgradeResourceObject(addr, this.providers.instance(providerAddr.toString(), source), obj, schema);
    diags.push(...u.diags);
    if (keep && u.obj && u.obj !== obj) this.refreshed.setCurrent(addr, u.obj, providerAddr);
    return u.obj;
  }

  private decode(obj: ResourceInstanceObject, schema: Schema, addr: AbsResourceInstance, diags: Diagnostic[]): Value | null {
    const d = decodeAttributes(obj, impliedType(schema.block), addr.toString());
    diags.push(...d.diags);
    return d.value ?? null;
  }

  /**
   * Records in the refreshed state whether the object replaces create-before-destroy now,
   * as Terraform does when planning, so a flag forced on (or off) by a configuration change
   * reaches the state even when the object itself does not change.
   */
  private updateCreateBeforeDestroy(addr: AbsResourceInstance, n: Extract<EngineNode, { kind: 'resource' }>, obj: ResourceInstanceObject, cbd: boolean): ResourceInstanceObject {
    if (obj.createBeforeDestroy === cbd) return obj;
    const updated = { ...obj, createBeforeDestroy: cbd };
    this.refreshed.setCurrent(addr, updated, n.provider);
    return updated;
  }

  /**
   * Records the configuration's current dependencies with an object that will not change:
   * the apply never writes it, so, as Terraform does, its refreshed record gets them now.
   */
  private updateDependencies(addr: AbsResourceInstance, n: Extract<EngineNode, { kind: 'resource' }>, rk: string): void {
    const obj = this.refreshed.current(addr);
    if (!obj || !this.graph) return;
    let deps = this.deps.get(rk);
    if (!deps) this.deps.set(rk, (deps = resourceDependencies(this.graph, rk, this.depAddrs)));
    if (!sameDependencies(obj.dependencies, deps)) this.refreshed.setCurrent(addr, { ...obj, dependencies: deps }, n.provider);
  }

  /** Refreshes one object; records drift; returns the new prior (null when it is gone). */
  private async refresh(
    addr: AbsResourceInstance, n: Extract<EngineNode, { kind: 'resource' }>, schema: Schema, obj: ResourceInstanceObject, prior: Value, diags: Diagnostic[],
  ): Promise<Value | null> {
    if (n.res.mode === 'data') return prior;
    const provider = this.providers.instance(n.provider.toString(), n.source)!;
    const [bare, priorMarks] = stripMarks(prior);
    this.popts.onEvent?.({ kind: 'refresh', addr: addr.toString(), ...idOf(bare) });
    const r = await provider.readResource({ typeName: n.res.type, currentState: bare, ...(obj.private ? { private: obj.private } : {}) });
    diags.push(...resourceDiags(r.diagnostics, n.res.config, `Error refreshing ${addr.toString()}.`));
    if (hasErrors(r.diagnostics.map((d) => ({ ...d, subject: undefined })) as Diagnostic[])) return prior;
    this.popts.onEvent?.({ kind: 'refresh-done', addr: addr.toString(), ...idOf(r.newState) });
    const type = impliedType(schema.block);
    if (r.newState.isNull) {
      this.drift.push({ addr: addr.toString(), mode: 'managed', type: n.res.type, name: n.res.name, providerAddr: n.provider.toString(), action: 'delete', before: markSchemaSensitive(prior, schema.block), after: nullVal(type), objectType: type, requiredReplace: [] });
      this.refreshed.setCurrent(addr, undefined, n.provider);
      return null;
    }
    if (!sameValue(r.newState, bare)) {
      this.drift.push({ addr: addr.toString(), mode: 'managed', type: n.res.type, name: n.res.name, providerAddr: n.provider.toString(), action: 'update', before: markSchemaSensitive(prior, schema.block), after: markSchemaSensitive(r.newState, schema.block), objectType: type, requiredReplace: [] });
      const enc = encodeAttributes(r.newState, type);
      this.refreshed.setCurrent(addr, { ...obj, attrsJSON: enc.attrsJSON, ...(r.private ? { private: r.private } : {}) }, n.provider);
      // As Terraform: the refreshed object keeps the prior object's sensitive marks.
      return markWithPaths(r.newState, priorMarks);
    }
    return prior;
  }

  /** The import id for an instance from -import requests or `import` blocks, if any. */
  private importIdFor(addr: AbsResourceInstance, diags: Diagnostic[]): string | undefined {
    const a = addr.toString();
    const cli = this.popts.imports?.find((i) => i.addr === a);
    if (cli) return cli.id;
    for (const imp of this.config.root.module.imports) {
      const scope = this.scope(this.config.root, addr.module);
      const targets: { to: string; each?: { key: string; value: Value } }[] = [];
      if (imp.forEach) {
        const fe = evaluate(imp.forEach, scope);
        diags.push(...fe.diags);
        if (!fe.value.isKnown || fe.value.isNull) continue;
        const entries: [string, Value][] = fe.value.type.kind === 'map' || fe.value.type.kind === 'object'
          ? [...fe.value.attrs] : fe.value.elems.map((e, i) => [e.type.kind === 'string' ? e.str : String(i), e]);
        for (const [k, v] of entries) targets.push({ to: '', each: { key: k, value: v } });
      } else targets.push({ to: '' });
      for (const t of targets) {
        const sc = t.each ? this.scope(this.config.root, addr.module, { eachKey: t.each.key, eachValue: t.each.value }) : scope;
        const to = importTarget(imp.to, sc, diags);
        if (to !== a) continue;
        const id = evaluate(imp.id, sc);
        diags.push(...id.diags);
        if (!id.value.isKnown || id.value.isNull || id.value.type.kind !== 'string') {
          diags.push(errorDiag('Invalid import id argument', 'The import ID must be a known, non-null string value.', imp.id.range));
          return undefined;
        }
        return id.value.str;
      }
    }
    return undefined;
  }

  /** Generates the configuration of an imported object; the resource goes on with it as its body. */
  private generateConfig(addr: AbsResourceInstance, n: Extract<EngineNode, { kind: 'resource' }>, schema: Schema, id: string, value: Value, diags: Diagnostic[]): boolean {
    const g = generateForImport(addr.toString(), n.res, n.provider, schema, value, id, this.popts.generateConfigOut ?? 'generated.tf');
    diags.push(...g.diags);
    this.generated.push(g.entry);
    if (!g.body) return false;
    n.res.config = g.body;
    return true;
  }

  /** The instance keys a for_each import block's `to` evaluates to. */
  importToKeys(imp: Config['root']['module']['imports'][number], diags: Diagnostic[]): Value[] {
    if (!imp.forEach || imp.to.kind !== 'index') return [];
    const fe = evaluate(imp.forEach, this.scope(this.config.root, ModuleInstance.ROOT));
    diags.push(...fe.diags);
    if (!fe.value.isKnown || fe.value.isNull) return [];
    const entries: [string, Value][] = fe.value.type.kind === 'map' || fe.value.type.kind === 'object'
      ? [...fe.value.attrs] : fe.value.elems.map((e, i) => [e.type.kind === 'string' ? e.str : String(i), e]);
    return entries.map(([k, v]) => evaluate((imp.to as Extract<typeof imp.to, { kind: 'index' }>).key, this.scope(this.config.root, ModuleInstance.ROOT, { eachKey: k, eachValue: v })).value);
  }

  /** Imports an object through its provider and records it in the refreshed state. */
  private async importObject(addr: AbsResourceInstance, n: Extract<EngineNode, { kind: 'resource' }>, schema: Schema, id: string, diags: Diagnostic[]): Promise<{ obj: ResourceInstanceObject; value: Value } | undefined> {
    const provider = this.providers.instance(n.provider.toString(), n.source)!;
    this.popts.onEvent?.({ kind: 'import', addr: addr.toString(), id });
    const r = await provider.importResourceState({ typeName: n.res.type, id });
    // Terraform passes the provider's import diagnostics on as they are, with no source.
    diags.push(...providerDiags(r.diagnostics));
    if (r.diagnostics.some((d) => d.severity === 'error')) return undefined;
    const got = r.importedResources.find((x) => x.typeName === n.res.type);
    if (!got || got.state.isNull) {
      diags.push(errorDiag('Cannot import non-existent remote object', `While attempting to import an existing object to "${addr.toString()}", the provider detected that no object exists with the given id. Only pre-existing objects can be imported; check that the id is correct and that it is associated with the provider's configured region or endpoint, or use "terrane apply" to create a new remote object for this resource.`, n.res.declRange));
      return undefined;
    }
    const value = markSchemaSensitive(got.state, schema.block);
    const enc = encodeAttributes(value, impliedType(schema.block));
    const obj: ResourceInstanceObject = { status: 'ready', schemaVersion: schema.version, attrsJSON: enc.attrsJSON, sensitivePaths: enc.sensitivePaths, dependencies: [], createBeforeDestroy: false, ...(got.private ? { private: got.private } : {}) };
    this.refreshed.setCurrent(addr, obj, n.provider);
    this.imported.push(addr.toString());
    // The provider's import reads the object too: Terraform reports that as its refresh.
    this.popts.onEvent?.({ kind: 'refresh', addr: addr.toString(), ...idOf(got.state) });
    this.popts.onEvent?.({ kind: 'refresh-done', addr: addr.toString(), ...idOf(got.state) });
    return { obj, value };
  }

  private async planData(
    addr: AbsResourceInstance, n: Extract<EngineNode, { kind: 'resource' }>, schema: Schema, scope: ReturnType<Walker['scope']>,
    mi: ModuleInstance, key: string, kind: 'single' | 'count' | 'for_each', ik: InstanceKey, diags: Diagnostic[], checkNested = false,
  ): Promise<void> {
    const type = impliedType(schema.block);
    const ev = evaluateConfig(n.res, schema, scope);
    diags.push(...ev.diags);
    if (hasErrors(ev.diags)) return;
    const [config] = stripMarks(ev.config);
    const pending = this.dependencyPending(n, mi);
    if (!isWhollyKnown(config) || pending || this.popts.mode === 'destroy' && false) {
      const after = markSchemaSensitive(proposedNew(schema.block, null, config), schema.block);
      this.changes.push({
        addr: addr.toString(), mode: 'data', type: n.res.type, name: n.res.name, providerAddr: n.provider.toString(), action: 'read',
        actionReason: pending ? 'read_because_dependency_pending' : 'read_because_config_unknown', before: nullVal(type), after, objectType: type, requiredReplace: [],
      });
      this.values.setResourceInstance(mi, key, kind, ik, after);
      return;
    }
    const provider = this.providers.instance(n.provider.toString(), n.source)!;
    const v = provider.validateDataSourceConfig?.(n.res.type, config) ?? [];
    diags.push(...resourceDiags(v, n.res.config));
    if (hasErrors(diags)) return;
    const started = Date.now();
    this.popts.onEvent?.({ kind: 'read-start', addr: addr.toString() });
    const r = await provider.readDataSource({ typeName: n.res.type, config });
    if (!r.diagnostics.some((d) => d.severity === 'error')) this.popts.onEvent?.({ kind: 'read-done', addr: addr.toString(), elapsedMs: Date.now() - started, ...idOf(r.state) });
    // As Terraform: the provider's words as they are, naming the instance (`with data.x.y,`).
    diags.push(...resourceDiags(r.diagnostics, n.res.config, undefined, addr.toString()));
    if (r.diagnostics.some((d) => d.severity === 'error')) return;
    const value = markSchemaSensitive(r.state, schema.block);
    const enc = encodeAttributes(value, type);
    this.refreshed.setCurrent(addr, { status: 'ready', schemaVersion: schema.version, attrsJSON: enc.attrsJSON, sensitivePaths: enc.sensitivePaths, dependencies: [], createBeforeDestroy: false }, n.provider);
    this.values.setResourceInstance(mi, key, kind, ik, value);
    if (checkNested && this.popts.mode === 'normal') {
      // Terraform reads a check's data source again during apply, so the check sees current data.
      this.changes.push({
        addr: addr.toString(), mode: 'data', type: n.res.type, name: n.res.name, providerAddr: n.provider.toString(), action: 'read',
        actionReason: 'read_because_check_nested', before: nullVal(type), after: value, objectType: type, requiredReplace: [],
      });
    }
  }

  /**
   * Whether a resource data source `n` (in module instance `mi`) depends on has a change
   * planned. A dependency in the same module counts only in the same module instance
   * (that is the instance a reference reaches); one elsewhere counts in any instance.
   */
  private dependencyPending(n: Extract<EngineNode, { kind: 'resource' }>, mi: ModuleInstance): boolean {
    const g = this.walkedGraph;
    if (this.pendingIn.size === 0 || !g) return false;
    const key = keys.resource(n.node, n.res);
    let deps = this.dataDeps.get(key);
    if (!deps) this.dataDeps.set(key, (deps = dataDependencies(g, this.config.root, key)));
    const here = mi.toString();
    for (const d of deps) {
      const where = this.pendingIn.get(d);
      if (!where) continue;
      const dn = g.get(d)!;
      if (!('node' in dn) || dn.node !== n.node || where.has(here)) return true;
    }
    return false;
  }

  private replaceTriggered(node: ModuleNode, mi: ModuleInstance, res: Extract<EngineNode, { kind: 'resource' }>['res'], scope: ReturnType<Walker['scope']>, diags: Diagnostic[]): boolean {
    for (const e of res.lifecycle.replaceTriggeredBy) {
      // A trigger fires when the referenced resource instance has a planned change.
      const r = evaluate(e, scope);
      diags.push(...r.diags.filter((d) => d.severity === 'error' ? false : true));
      const text = e.kind === 'scopeTraversal' ? e.traversal : undefined;
      if (!text) continue;
      const prefix = mi.isRoot ? '' : mi.toString() + '.';
      const base = `${prefix}${text.root}.${text.steps[0]?.kind === 'attr' ? text.steps[0].name : ''}`;
      for (const c of this.changes) {
        if (c.action === 'no-op' || c.action === 'read') continue;
        if (c.addr === base || c.addr.startsWith(base + '[')) return true;
      }
    }
    void node;
    return false;
  }

  private preventDestroy(res: Extract<EngineNode, { kind: 'resource' }>['res'], scope: ReturnType<Walker['scope']>, diags: Diagnostic[]): boolean {
    const e = res.lifecycle.preventDestroy;
    if (!e) return false;
    const r = evaluate(e, scope);
    diags.push(...r.diags);
    const v = r.value;
    if (!v.isKnown) {
      diags.push(errorDiag('Invalid prevent_destroy value', 'The prevent_destroy value must be known before planning: it may refer to variables and locals, but not to resource attributes.', e.range));
      return true;
    }
    if (v.isNull || v.type.kind !== 'bool') {
      diags.push(errorDiag('Invalid prevent_destroy value', 'The prevent_destroy argument must be a boolean value.', e.range));
      return false;
    }
    return v.bool;
  }

  /**
   * Plans deletion of everything in state that the walk did not claim (or everything, for
   * destroy). After a walk with errors (`errored`), as in Terraform's errored plan, only the
   * orphans of resources the walk expanded, or that the configuration no longer has.
   */
  async planOrphans(diags: Diagnostic[], errored = false): Promise<void> {
    for (const { addr, resource, instance } of [...this.refreshed.instances()]) {
      const s = addr.toString();
      if (this.popts.mode !== 'destroy' && this.claimed.has(s)) continue;
      if (!this.orphanTargeted(addr)) continue;
      if (errored) {
        const cr = this.configResource(addr);
        if (cr && !this.expanded.has(keys.resource(cr.node, cr.res))) continue;
      }
      const mode = addr.resource.resource.mode;
      if (mode === 'data') {
        this.refreshed.setCurrent(addr, undefined, resource.provider);
        continue;
      }
      const source = resource.provider.provider.toString();
      const schema = this.providers.resourceSchema(source, 'managed', addr.resource.resource.type);
      if (!schema || !instance.current) {
        if (!schema) diags.push(errorDiag('Provider not available', `The state holds ${s}, whose provider ${source} terrane does not have.`));
        continue;
      }
      const cfgAddr = resource.provider.toString();
      if (!this.providers.isConfigured(cfgAddr)) {
        const cfg = this.resolver.configs.get(cfgAddr);
        if (!cfg && resource.provider.alias !== undefined) {
          diags.push(providerNotPresentDiag(s, cfgAddr));
          continue;
        }
        const { emptyObject } = await import('../lang/decode-body.js');
        diags.push(...await this.providers.configure(cfgAddr, source, emptyObject(schema.block), undefined));
      }
      const current = this.upgrade(addr, resource.provider, source, instance.current, schema, diags);
      if (!current) continue;
      let prior = this.decode(current, schema, addr, diags);
      if (!prior) continue;
      // A destroy plan destroys everything, `removed` blocks or not.
      const forget = this.popts.mode !== 'destroy' && removeStatementFor(this.removed, addr)?.destroy === false;
      // Like Terraform, an object about to be forgotten is not refreshed.
      if (this.popts.refresh && this.popts.mode !== 'destroy' && !forget) {
        const n = { kind: 'resource' as const, node: this.config.root, res: { mode: 'managed', type: addr.resource.resource.type, name: addr.resource.resource.name, declRange: undefined } as never, provider: resource.provider, source };
        prior = await this.refresh(addr, n, schema, current, prior, diags);
        if (!prior) continue;
      }
      const res = this.configResource(addr);
      if (res && this.popts.mode === 'destroy') {
        const pd = this.preventDestroy(res.res, this.scope(res.node, addr.module), diags);
        if (pd) diags.push(preventDestroyDiag(s, res.res));
      }
      const type = impliedType(schema.block);
      const change: ResourceInstanceChange = {
        addr: s, mode: 'managed', type: addr.resource.resource.type, name: addr.resource.resource.name, providerAddr: cfgAddr,
        action: forget ? 'forget' : 'delete', before: markSchemaSensitive(prior, schema.block), after: nullVal(type), objectType: type, requiredReplace: [],
      };
      if (this.popts.mode !== 'destroy') change.actionReason = this.orphanReason(addr);
      this.changes.push(change);
    }
  }

  /**
   * Why an object with no configuration instance is deleted (or forgotten), as Terraform
   * says it: its module instance is gone only while the module call is still declared;
   * with the call gone, it is the resource that has no configuration.
   */
  private orphanReason(addr: AbsResourceInstance): ResourceInstanceChange['actionReason'] {
    const res = this.configResource(addr);
    if (!res) return 'delete_because_no_resource_config';
    if (!this.values.moduleInstances(res.node.path).some((mi) => mi.toString() === addr.module.toString())) return 'delete_because_no_module';
    const k = addr.key, cfg = res.res;
    if (cfg.count && typeof k === 'number') return 'delete_because_count_index';
    if (cfg.forEach && typeof k === 'string') return 'delete_because_each_key';
    if (!cfg.count && !cfg.forEach && k === null) return 'delete_because_no_resource_config';
    return 'delete_because_wrong_repetition';
  }

  private configResource(addr: AbsResourceInstance): { node: ModuleNode; res: NonNullable<ReturnType<ModuleNode['module']['managedResources']['get']>> } | undefined {
    const node = moduleNodeAt(this.config.root, addr.module.steps);
    const r = node?.module.managedResources.get(`${addr.resource.resource.type}.${addr.resource.resource.name}`);
    return node && r ? { node, res: r } : undefined;
  }
}

/**
 * Terraform's validateSelfRef for one instance: its body may not read the instance, nor
 * the whole resource (a single instance matches both, and Terraform reports it twice).
 */
function selfReferenceDiags(addr: AbsResourceInstance, bodyRefs: readonly Reference[]): Diagnostic[] {
  let own: string[] | undefined;
  const out: Diagnostic[] = [];
  for (const ref of bodyRefs) {
    if (ref.subject.kind !== 'resource') continue;
    own ??= [addr.resource.toString(), addr.resource.resource.toString()];
    const s = subjectString(ref.subject);
    for (const a of own) if (s === a) out.push(errorDiag('Self-referential block', `Configuration for ${a} may not refer to itself.`, ref.range));
  }
  return out;
}

/** True when `res` is the scoped data source of a check block in `node`. */
function isCheckNested(node: ModuleNode, res: { mode: string; type: string; name: string }): boolean {
  for (const c of node.module.checks.values()) if (c.data.some((d) => d.type === res.type && d.name === res.name)) return true;
  return false;
}

/** Makes a plan. `prior` is not modified. */
export async function makePlan(cfg: Config, prior: State, providers: ProviderManager, opts: PlanOptions): Promise<PlanResult> {
  const diags: Diagnostic[] = [];
  const refreshed = prior.clone();
  // As in Terraform, the previous run's check results do not carry into a new plan's state.
  refreshed.checkResults = [];
  const moved = new Map<string, string>();
  const moves = applyMoves(cfg, refreshed, moved);
  diags.push(...moves.diags);
  // Import targets with no resource block: Terraform's checks, and placeholders to generate into.
  const gen = checkImportTargets(cfg, {
    generate: opts.generateConfigOut !== undefined, mode: opts.mode, cliImport: Boolean(opts.imports?.length),
    inState: (a) => { const p = parseAbsResourceInstance(a).value; return p !== undefined && refreshed.current(p) !== undefined; },
  });
  diags.push(...gen.diags);
  const removed = findRemoveStatements(cfg);
  diags.push(...removed.diags);
  const config = withGenerationTargets(cfg, gen.targets);
  const resolver = new ProviderResolver(config);
  for (const cfg of resolver.configs.values()) {
    const src = cfg.addr.provider.toString();
    if (!providers.has(src)) {
      diags.push(errorDiag('Failed to load plugin schemas', `terrane does not have provider ${src.replace(/^registry\.terraform\.io\//, '')}. Available providers: ${providers.sources().map((s) => s.replace(/^registry\.terraform\.io\//, '')).join(', ')}.`, cfg.block?.range));
    }
  }
  const { graph, diags: gd } = buildGraph(config, resolver, providers);
  diags.push(...gd);
  const plan = emptyPlan(opts, prior);
  if (hasErrors(diags)) { plan.errored = true; return { plan, refreshed, diags }; }
  // Like Terraform, plan validates the configuration first and plans nothing if that fails.
  diags.push(...await validateWalk(config, graph, providers, opts.run, new Set(gen.targets.map((t) => t.resource)), false));
  if (hasErrors(diags)) { plan.errored = true; return { plan, refreshed, diags }; }
  const planner = new Planner(config, providers, opts, refreshed, resolver);
  planner.removed = removed.stmts;
  planner.createBeforeDestroy = createBeforeDestroyResources(graph);
  planner.graph = graph;
  for (const t of gen.targets) planner.generating.set(t.addr, t);
  if (opts.targets.length || opts.excludes.length) {
    const f = filterTargets(graph, opts.targets, opts.excludes);
    diags.push(...f.diags);
    planner.filter = f;
    diags.push(warningDiag('Resource targeting is in effect',
      'You are creating a plan with the -target option, which means that the result of this plan may not represent all of the changes requested by the current configuration.\n\nThe -target option is not for routine use, and is provided only for exceptional situations such as recovering from errors or mistakes, or when terrane specifically suggests to use it as part of an error message.'));
    // As in Terraform, before anything is refreshed: both ends of every move must be planned.
    diags.push(...targetedMoveDiags(moves.changes, opts.targets, opts.excludes));
    if (hasErrors(diags)) { plan.errored = true; return { plan, refreshed, diags }; }
  }
  diags.push(...await planner.walk(graph));
  for (const imp of gen.keyed) diags.push(...keyedTargetDiags(imp, planner.importToKeys(imp, diags)));
  // An errored walk still plans the orphans it found, as Terraform's errored plan lists them
  // (not a destroy's: it plans nothing more after an error).
  if (!hasErrors(diags)) await planner.planOrphans(diags);
  else if (opts.mode !== 'destroy') await planner.planOrphans(diags, true);
  // Terraform checks moves against what the plan declared; their errors replace all others,
  // since a wrong move is the likely cause of those.
  const moveErrors = validateMoves(moves.stmts, config, {
    moduleInstances: (path) => planner.values.moduleInstances(path),
    hasResource: (a) => planner.values.getResource(a.module, a.resource.toString()) !== undefined,
    hasResourceInstance: (a) => planner.claimed.has(a.toString()),
  });
  if (hasErrors(moveErrors)) return { plan: { ...plan, errored: true }, refreshed, diags: moveErrors };
  const blocked = hasErrors(diags) ? undefined : blockedMovesWarning(moves.blocked);
  if (blocked) diags.push(blocked);
  // Like Terraform, a targeted run leaves check blocks alone: their inputs may be stale.
  const checks = evaluateChecks(planner, 'plan', { mode: opts.mode, targeted: opts.targets.length > 0 || opts.excludes.length > 0, errored: hasErrors(diags) });
  diags.push(...checks.diags);
  plan.checks = checks.results;
  plan.changes = opts.mode === 'refresh-only' ? [] : sortByAddr(planner.changes, planner.changeAddrs);
  const forgetting = forgetWarning(plan.changes);
  if (forgetting) diags.push(forgetting);
  for (const ch of plan.changes) {
    const prev = moved.get(ch.addr);
    if (prev !== undefined && !ch.deposedKey) ch.prevRunAddr = prev;
  }
  plan.drift = sortByAddr(planner.drift, planner.changeAddrs);
  // Outputs a targeted run did not evaluate keep their prior value: no change for them.
  const skipped = (name: string) => planner.filter !== undefined && config.root.module.outputs.has(name) && !planner.filter.included.has(keys.output(config.root, name));
  plan.outputChanges = outputChanges(prior, planner.rootOutputs, opts.mode).filter((o) => !skipped(o.name));
  recordKnownOutputs(refreshed, planner.rootOutputs);
  plan.relevantAttributes = relevantAttributes(config, plan, providers);
  plan.errored = hasErrors(diags);
  plan.diagnostics = diags.filter((d) => d.severity === 'warning');
  return {
    plan, refreshed, diags, walked: true, ...(plan.errored ? { partial: true } : {}),
    ...(opts.generateConfigOut !== undefined ? { generated: generatedInPlan(planner.generated, planner.changes) } : {}),
  };
}

/**
 * As Terraform's plan does, the refreshed state takes each root output value that came out
 * wholly known (a null one leaves it): `show -json` of the plan prints them as its
 * prior_state, and `terrane refresh` and `terrane import` save them. An output that is not
 * wholly known yet keeps its previous value.
 */
function recordKnownOutputs(refreshed: State, outs: Map<string, { value: Value; sensitive: boolean }>): void {
  for (const [name, o] of outs) {
    if (!isWhollyKnown(o.value)) continue;
    if (o.value.isNull) refreshed.removeOutput(name);
    else refreshed.setOutput(name, o.value, o.sensitive);
  }
}

/** A plan with no changes, made with `opts` against `prior`. */
export function emptyPlan(opts: PlanOptions, prior: State): Plan {
  return {
    mode: opts.mode, changes: [], outputChanges: [], drift: [], variables: Object.fromEntries(opts.variables), targets: opts.targets,
    excludes: opts.excludes, replaceAddrs: opts.replace, checks: [], priorStateSerial: prior.serial, priorStateLineage: prior.lineage,
    timestamp: opts.run.planTimestamp, errored: false, diagnostics: [],
  };
}

function outputChanges(prior: State, outs: Map<string, { value: Value; sensitive: boolean }>, mode: PlanMode): OutputChange[] {
  const out: OutputChange[] = [];
  const names = new Set([...prior.outputs.keys(), ...outs.keys()]);
  for (const name of [...names].sort()) {
    const before = prior.outputs.get(name);
    const after = mode === 'destroy' ? undefined : outs.get(name);
    const bv = before?.value ?? nullVal(T.Dynamic), av = after?.value ?? nullVal(T.Dynamic);
    let action: OutputChange['action'];
    // A null root output is not kept in state (Terraform removes it), so from nothing it is no change.
    if (!before && after) action = av.isKnown && av.isNull ? 'no-op' : 'create';
    else if (before && !after) action = 'delete';
    else action = av.isKnown && sameValue(bv, av) ? 'no-op' : 'update';
    out.push({ name, action, before: bv, after: av, sensitive: (before?.sensitive ?? false) || (after?.sensitive ?? false) });
  }
  return out;
}

function idOf(v: Value): { id?: string } {
  if (v.isNull || !v.isKnown || v.type.kind !== 'object') return {};
  const id = v.attrs.get('id');
  return id && id.isKnown && !id.isNull && id.type.kind === 'string' ? { id: id.str } : {};
}

/** The address an import block's `to` names (a static traversal, with instance keys that may use each.key). */
function importTarget(to: import('../hcl/ast.js').Expression, scope: ReturnType<Walker['scope']>, diags: Diagnostic[]): string | undefined {
  if (to.kind === 'scopeTraversal') return traversalString(to.traversal);
  if (to.kind === 'index' && to.collection.kind === 'scopeTraversal') {
    const k = evaluate(to.key, scope);
    diags.push(...k.diags);
    if (!k.value.isKnown || k.value.isNull) return undefined;
    const key = k.value.type.kind === 'number' ? `[${k.value.num}]` : `[${JSON.stringify(String(k.value.v))}]`;
    return traversalString(to.collection.traversal) + key;
  }
  diags.push(errorDiag('Invalid import address', 'The "to" argument must be a resource instance address, such as aws_instance.web or aws_instance.web["key"].', to.range));
  return undefined;
}

/**
 * Orders instance addresses as Terraform sorts a plan's changes (its AbsResourceInstance.Less):
 * shallower module paths first (the root module before any module), then module steps by
 * name and instance key, then data before managed resources, type, name, and instance key
 * (integer keys numerically, before string keys).
 */
export function compareAddr(a: string, b: string): number {
  const x = parseAbsResourceInstance(a).value, y = parseAbsResourceInstance(b).value;
  return x && y ? compareInstances(x, y) : a < b ? -1 : a > b ? 1 : 0;
}

function compareInstances(a: AbsResourceInstance, b: AbsResourceInstance): number {
  return a.module.steps.length - b.module.steps.length || a.compare(b);
}

/**
 * Sorts changes by address in `compareAddr`'s order, each address parsed once (not at all
 * when `known` has it). Stable, so deposed objects stay in plan order.
 */
export function sortByAddr<C extends { addr: string }>(changes: C[], known?: ReadonlyMap<string, AbsResourceInstance>): C[] {
  const parsed = new Map<string, AbsResourceInstance | undefined>();
  const parse = (a: string) => {
    const k = known?.get(a);
    if (k) return k;
    if (!parsed.has(a)) parsed.set(a, parseAbsResourceInstance(a).value);
    return parsed.get(a);
  };
  return changes.sort((x, y) => {
    const a = parse(x.addr), b = parse(y.addr);
    return a && b ? compareInstances(a, b) : x.addr < y.addr ? -1 : x.addr > y.addr ? 1 : 0;
  });
}

export { instanceKeyString };
