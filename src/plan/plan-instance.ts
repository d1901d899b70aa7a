/**
 * Planning one resource instance: refresh through the provider, evaluate the
 * configuration, ask the provider for a plan, and choose the action (create, update,
 * replace, no-op) with Terraform's rules for tainted objects, -replace,
 * replace_triggered_by, ignore_changes and prevent_destroy.
 */
import type { AbsResourceInstance } from '../addrs/index.js';
import { errorDiag, hasErrors, type Diagnostic } from '../hcl/diagnostic.js';
import type { Resource } from '../config/module.js';
import { decodeBody } from '../lang/decode-body.js';
import type { Scope } from '../lang/scope.js';
import { nullVal, type Value } from '../lang/value.js';
import type { Provider, Schema } from '../providers/protocol.js';
import { impliedType } from '../providers/schema.js';
import type { Action, ActionReason, ResourceInstanceChange } from './plan.js';
import { applyIgnoreChanges, identicalValues, markSchemaSensitive, proposedNew, restoreMarks, sameValue, stripMarks, traversalPath } from './objchange.js';
import { providerDiags, resourceDiags } from './provider-manager.js';

/** Everything needed to plan one managed instance. */
export interface InstancePlanInput {
  addr: AbsResourceInstance;
  res: Resource;
  schema: Schema;
  provider: Provider;
  providerAddr: string;
  scope: Scope;
  /** The (refreshed) prior object, marked; null when none. */
  prior: Value | null;
  tainted: boolean;
  /** -replace names this instance. */
  forceReplace: boolean;
  /** replace_triggered_by fired. */
  triggered: boolean;
  /** prevent_destroy evaluated to true. */
  preventDestroy: boolean;
  /**
   * A replacement creates the new object first: the resource's lifecycle says so, or a
   * create_before_destroy resource depends on it (see create-before-destroy.ts).
   */
  createBeforeDestroy: boolean;
}

export interface InstancePlanResult {
  change?: ResourceInstanceChange;
  /** The planned object other expressions see (unknowns where known after apply). */
  value: Value;
  diags: Diagnostic[];
}

/** Evaluates a resource's configuration for one instance against its schema. */
export function evaluateConfig(res: Resource, schema: Schema, scope: Scope): { config: Value; diags: Diagnostic[] } {
  const r = decodeBody(res.config, schema.block, scope);
  return { config: r.value, diags: r.diags };
}

/** Plans a managed resource instance. */
export async function planManagedInstance(input: InstancePlanInput): Promise<InstancePlanResult> {
  const { addr, res, schema, provider, prior } = input;
  const type = impliedType(schema.block);
  const diags: Diagnostic[] = [];
  const ev = evaluateConfig(res, schema, input.scope);
  diags.push(...ev.diags);
  if (hasErrors(diags)) return { value: prior ?? nullVal(type), diags };
  const [config, configMarks] = stripMarks(ev.config);
  const validate = provider.validateResourceConfig?.(res.type, config) ?? [];
  diags.push(...resourceDiags(validate, res.config, undefined, addr.toString()));
  if (hasErrors(diags)) return { value: prior ?? nullVal(type), diags };

  const priorBare = prior ? stripMarks(prior)[0] : null;
  let cfg = config;
  if (priorBare && res.lifecycle.ignoreChanges !== 'all' && res.lifecycle.ignoreChanges.length > 0) {
    cfg = applyIgnoreChanges(config, priorBare, res.lifecycle.ignoreChanges.map(traversalPath), schema.block);
  } else if (priorBare && res.lifecycle.ignoreChanges === 'all') {
    cfg = applyIgnoreChanges(config, priorBare, 'all', schema.block);
  }

  const ask = async (p: Value | null) => provider.planResourceChange({
    typeName: res.type, priorState: p ?? nullVal(type), proposedNewState: proposedNew(schema.block, p, cfg), config: cfg,
  });
  let resp = await ask(priorBare);
  diags.push(...resourceDiags(resp.diagnostics, res.config, `Error planning ${addr.toString()}.`, addr.toString()));
  if (hasErrors(diags)) return { value: prior ?? nullVal(type), diags };

  let action: Action;
  let reason: ActionReason | undefined;
  let planned = resp.plannedState;
  const requiredReplace = resp.requiresReplace;
  if (!priorBare) action = 'create';
  else {
    if (input.tainted) reason = 'replace_because_tainted';
    else if (input.forceReplace) reason = 'replace_by_request';
    else if (input.triggered) reason = 'replace_by_triggers';
    else if (requiredReplace.length > 0) reason = 'replace_because_cannot_update';
    if (reason) {
      action = input.createBeforeDestroy ? 'create-then-delete' : 'delete-then-create';
      if (reason !== 'replace_because_cannot_update') {
        // A forced replacement plans the new object from scratch.
        resp = await ask(null);
        diags.push(...resourceDiags(resp.diagnostics, res.config, undefined, addr.toString()));
        planned = resp.plannedState;
      }
    } else if (sameValue(planned, priorBare)) action = 'no-op';
    else action = 'update';
  }
  if (input.preventDestroy && (action === 'delete-then-create' || action === 'create-then-delete')) {
    diags.push(preventDestroyDiag(addr.toString(), res));
  }
  let after = markSchemaSensitive(restoreMarks(planned, configMarks), schema.block);
  const before = prior ? markSchemaSensitive(prior, schema.block) : nullVal(type);
  // An unchanged object is held once: a no-change plan of 100k instances would otherwise
  // keep every object twice.
  if (action === 'no-op' && identicalValues(after, before)) after = before;
  const change: ResourceInstanceChange = {
    addr: addr.toString(), mode: 'managed', type: res.type, name: res.name, providerAddr: input.providerAddr,
    action, before, after, objectType: type, requiredReplace,
  };
  if (reason) change.actionReason = reason;
  if (resp.plannedPrivate) change.plannedPrivate = resp.plannedPrivate;
  return { change, value: after, diags };
}

/** Terraform's error for a plan that would destroy a prevent_destroy resource. */
export function preventDestroyDiag(addr: string, res: Resource) {
  return errorDiag('Instance cannot be destroyed',
    `Resource ${addr} has lifecycle.prevent_destroy set, but the plan calls for this resource to be destroyed. To avoid this error and continue with the plan, either disable lifecycle.prevent_destroy or reduce the scope of the plan using the -target option.`,
    res.declRange);
}
