/**
 * Conditions: resource preconditions and postconditions, output preconditions, variable
 * validations and `check` block assertions, evaluated as Terraform's evalCheckRule does
 * and recorded per checkable object (check-results.ts) for the plan's `checks` and the
 * state's `check_results`.
 *
 * `check` blocks are evaluated at the end of a plan and of an apply, once every value
 * (and the check's scoped data source) is known. A failed assertion is a warning, never
 * an error, as in Terraform; so is any problem evaluating one. An assertion whose
 * condition is not yet known while planning says so (a warning too) and is decided by
 * the apply. A failed resource condition is an error (a warning in refresh-only plans).
 */
import type { Traversal } from '../hcl/ast.js';
import { errorDiag, type Diagnostic } from '../hcl/diagnostic.js';
import type { CheckRule, ModuleNode, Resource } from '../config/module.js';
import { evaluate } from '../lang/eval.js';
import { tryConvert, ConversionError } from '../lang/convert.js';
import { expressionValues } from '../lang/diag-values.js';
import * as T from '../lang/types.js';
import { unmarkDeep, type Value } from '../lang/value.js';
import type { ModuleInstance } from '../addrs/index.js';
import { instanceKeyString } from '../addrs/index.js';
import type { CheckResult, CheckStatus } from '../state/index.js';
import type { PlanMode } from './plan.js';
import type { Walker } from './walker.js';
import type { InstanceContext } from './eval-data.js';
import { CheckTracker, RULE_DESCRIPTION, modulePrefix, type CheckRuleType } from './check-results.js';
import { expandRepetition } from './walker.js';

/** The summary Terraform gives a failed assertion. */
export const CHECK_ASSERTION_FAILED = 'Check block assertion failed';

/** Terraform's diagnostics about check blocks are warnings whatever their origin. */
export function asCheckWarning(d: Diagnostic): Diagnostic {
  return d.severity === 'warning' ? d : { ...d, severity: 'warning' };
}

/** The summary for an assertion that can only be decided by the apply. */
export const CHECK_KNOWN_AFTER_APPLY = 'Check block assertion known after apply';

const INVALID_MESSAGE_DETAIL = 'This check failed, but has an invalid error message as described in the other accompanying messages.';

const trackers = new WeakMap<Walker, CheckTracker>();

/** The check statuses gathered by one walk (created on first use). */
export function checkTracker(w: Walker): CheckTracker {
  let t = trackers.get(w);
  if (!t) { t = new CheckTracker(w.config); trackers.set(w, t); }
  return t;
}

type Scope = ReturnType<Walker['scope']>;

interface RuleOutcome { status: CheckStatus; message: string; diags: Diagnostic[] }

/**
 * Evaluates one rule as Terraform's evalCheckRule: the error message first (a broken one
 * makes the rule an error), then the condition. A false condition is a diagnostic of
 * `severity` named after the rule type; an unknown one is decided later.
 */
function evalRule(rule: CheckRule, scope: Scope, type: CheckRuleType, severity: 'error' | 'warning', phase: 'plan' | 'apply'): RuleOutcome {
  const diags: Diagnostic[] = [];
  const message = errorMessage(rule, scope, diags);
  const c = evaluate(rule.condition, scope);
  diags.push(...c.diags);
  if (diags.some((d) => d.severity === 'error')) return { status: 'error', message: '', diags };
  const resolve = (t: Traversal): Value | undefined => {
    const r = evaluate({ kind: 'scopeTraversal', traversal: t, range: t.range } as never, scope);
    return r.diags.some((d) => d.severity === 'error') ? undefined : r.value;
  };
  const [v] = unmarkDeep(c.value);
  if (!v.isKnown) {
    if (type === 'assertion' && phase === 'plan') {
      diags.push({
        severity: 'warning', summary: CHECK_KNOWN_AFTER_APPLY,
        detail: 'The condition could not be evaluated at this time, a result will be known when this plan is applied.',
        subject: rule.condition.range, expression: rule.condition, extra: { values: expressionValues(rule.condition, resolve), doNotConsolidate: true },
      });
    }
    return { status: 'unknown', message: '', diags };
  }
  if (v.isNull) {
    diags.push({ severity: 'error', summary: 'Invalid condition result', detail: 'Condition expression must return either true or false, not null.', subject: rule.condition.range, expression: rule.condition });
    return { status: 'error', message: '', diags };
  }
  const b = tryConvert(v, T.Bool);
  if (b instanceof ConversionError || !b.isKnown) {
    const why = b instanceof ConversionError ? b.message : 'a bool is required';
    diags.push({ severity: 'error', summary: 'Invalid condition result', detail: `Invalid condition result value: ${why}.`, subject: rule.condition.range, expression: rule.condition });
    return { status: 'error', message: '', diags };
  }
  if (b.bool) return { status: 'pass', message: '', diags };
  diags.push({
    severity, summary: `${RULE_DESCRIPTION[type]} failed`, detail: message || INVALID_MESSAGE_DETAIL, subject: rule.condition.range,
    expression: rule.condition, extra: { values: expressionValues(rule.condition, resolve), doNotConsolidate: true },
  });
  return { status: 'fail', message, diags };
}

/** Terraform's EvalCheckErrorMessage: the trimmed message, or '' when it cannot be shown. */
function errorMessage(rule: CheckRule, scope: Scope, diags: Diagnostic[]): string {
  const m = evaluate(rule.errorMessage, scope);
  diags.push(...m.diags);
  if (m.diags.some((d) => d.severity === 'error')) return '';
  const range = rule.errorMessage.range;
  const [bare, pms] = unmarkDeep(m.value);
  const s = tryConvert(bare, T.String);
  if (s instanceof ConversionError) {
    diags.push(errorDiag('Invalid error message', `Unsuitable value for error message: ${s.message}.`, range));
    return '';
  }
  if (!s.isKnown) return '';
  if (s.isNull) {
    diags.push(errorDiag('Invalid error message', 'Unsuitable value for error message: must not be null.', range));
    return '';
  }
  if (pms.length) {
    diags.push({
      severity: 'warning', summary: 'Error message refers to sensitive values', subject: range,
      detail: 'The error expression used to explain this condition refers to sensitive values, so terrane will not display the resulting message.\n\nYou can correct this by removing references to sensitive values, or by carefully using the nonsensitive() function if the expression will not reveal the sensitive data.',
    });
    return '';
  }
  return s.str.trim();
}

function instancePrefix(mi: ModuleInstance): string {
  return mi.isRoot ? '' : `${mi.toString()}.`;
}

function resourceKey(res: Pick<Resource, 'mode' | 'type' | 'name'>): string {
  return `${res.mode === 'data' ? 'data.' : ''}${res.type}.${res.name}`;
}

/**
 * Evaluates a resource instance's preconditions or postconditions during a walk and
 * records them; returns the diagnostics (failures with `severity`). `scope` is the
 * instance's scope, with `self` set for postconditions.
 */
export function resourceConditions(
  w: Walker, type: 'precondition' | 'postcondition', node: ModuleNode, res: Resource, addr: string, scope: Scope,
  severity: 'error' | 'warning', phase: 'plan' | 'apply',
): Diagnostic[] {
  const rules = type === 'precondition' ? res.lifecycle.preconditions : res.lifecycle.postconditions;
  if (!rules.length) return [];
  const t = checkTracker(w);
  const configAddr = modulePrefix(node.path) + resourceKey(res);
  const diags: Diagnostic[] = [];
  rules.forEach((rule, i) => {
    const r = evalRule(rule, scope, type, severity, phase);
    diags.push(...r.diags);
    t.report(configAddr, addr, type, i, r.status, r.message);
  });
  return diags;
}

/**
 * Records that a check block's scoped data source could not be read: Terraform fails the
 * check with the read's error as its message and does not assert.
 */
export function reportCheckDataFailure(w: Walker, node: ModuleNode, mi: ModuleInstance, res: Pick<Resource, 'type' | 'name'>, diags: readonly Diagnostic[]): void {
  if (!diags.some((d) => d.severity === 'error')) return;
  for (const c of node.module.checks.values()) {
    if (!c.data.some((d) => d.type === res.type && d.name === res.name)) continue;
    const configAddr = `${modulePrefix(node.path)}check.${c.name}`;
    checkTracker(w).report(configAddr, `${instancePrefix(mi)}check.${c.name}`, 'check-data', 0, 'fail', diagnosticsAsError(diags));
  }
}

/** Terraform's text for diagnostics turned into one error (tfdiags' Err().Error()). */
function diagnosticsAsError(diags: readonly Diagnostic[]): string {
  const one = (d: Diagnostic) => (d.detail ? `${d.summary}: ${d.detail}` : d.summary);
  if (diags.length === 1) return one(diags[0]!);
  return `${diags.length} problems:\n` + diags.map((d) => `\n- ${one(d)}`).join('');
}

/** What the end-of-walk evaluation needs to know about the run. */
export interface CheckRunOptions {
  mode: PlanMode;
  /** -target/-exclude in effect: check blocks are left alone, as Terraform does. */
  targeted: boolean;
  /** The walk failed: assertions that cannot be evaluated stay unknown, quietly. */
  errored: boolean;
  /**
   * The plan's results, during its apply: a check whose scoped data source could not be
   * read while planning (and so was not read again) keeps the plan's failure.
   */
  planChecks?: readonly CheckResult[];
}

/**
 * Completes the check statuses at the end of a walk and evaluates every check block of
 * every module instance the walk expanded: returns the check blocks' diagnostics and
 * the snapshot of every checkable object.
 */
export function evaluateChecks(
  w: Walker, phase: 'plan' | 'apply', opts: CheckRunOptions = { mode: 'normal', targeted: false, errored: false },
): { diags: Diagnostic[]; results: CheckResult[] } {
  const t = checkTracker(w);
  const diags: Diagnostic[] = [];
  const visit = (node: ModuleNode): void => {
    const pre = modulePrefix(node.path);
    const mis = w.values.moduleInstances(node.path);
    const m = node.module;
    // A destroy evaluates nothing; only root outputs learn their instances, as in Terraform.
    // A targeted run knows only what it walked: the rest stays unknown.
    for (const o of m.outputs.values()) {
      if (!o.preconditions.length || (opts.mode === 'destroy' && node.path.length > 0) || opts.targeted) continue;
      const configAddr = `${pre}output.${o.name}`;
      t.reportObjects(configAddr, mis.map((mi) => `${instancePrefix(mi)}output.${o.name}`));
      if (opts.mode === 'destroy') continue;
      for (const mi of mis) quietly(t, configAddr, `${instancePrefix(mi)}output.${o.name}`, 'output-precondition', o.preconditions, w.scope(node, mi), phase);
    }
    if (opts.mode !== 'destroy') {
      for (const v of m.variables.values()) {
        if (!v.validations.length || opts.targeted) continue;
        const configAddr = `${pre}var.${v.name}`;
        t.reportObjects(configAddr, mis.map((mi) => `${instancePrefix(mi)}var.${v.name}`));
        for (const mi of mis) quietly(t, configAddr, `${instancePrefix(mi)}var.${v.name}`, 'validation', v.validations, w.scope(node, mi), phase);
      }
      for (const res of [...m.managedResources.values(), ...m.dataResources.values()]) {
        if (opts.targeted && !t.wasWalked(modulePrefix(node.path) + resourceKey(res))) continue;
        resourceChecks(w, t, node, res, phase);
      }
      if (!opts.targeted) {
        for (const check of m.checks.values()) {
          const configAddr = `${pre}check.${check.name}`;
          t.reportObjects(configAddr, mis.map((mi) => `${instancePrefix(mi)}check.${check.name}`));
          for (const mi of mis) diags.push(...checkBlock(w, t, node, mi, check, phase, opts));
        }
      }
    }
    for (const child of node.children.values()) visit(child);
  };
  visit(w.config.root);
  return { diags, results: t.results() };
}

/** Decides the rules no walk step has decided yet, without diagnostics (those came from the walk). */
function quietly(t: CheckTracker, configAddr: string, objectAddr: string, type: CheckRuleType, rules: readonly CheckRule[], scope: Scope, phase: 'plan' | 'apply'): void {
  rules.forEach((rule, i) => {
    if (t.ruleStatus(configAddr, objectAddr, type, i) !== 'unknown') return;
    const r = evalRule(rule, scope, type, 'error', phase);
    t.report(configAddr, objectAddr, type, i, r.status, r.message);
  });
}

/** Reports a resource's instances and decides the conditions the walk did not evaluate (no-op instances). */
function resourceChecks(w: Walker, t: CheckTracker, node: ModuleNode, res: Resource, phase: 'plan' | 'apply'): void {
  const { preconditions, postconditions } = res.lifecycle;
  if (!preconditions.length && !postconditions.length) return;
  const configAddr = modulePrefix(node.path) + resourceKey(res);
  const objects: { addr: string; mi: ModuleInstance; inst: InstanceContext; self?: Value }[] = [];
  for (const mi of w.values.moduleInstances(node.path)) {
    const rv = w.values.getResource(mi, resourceKey(res));
    // Instances not known yet (unknown count or for_each): the object stays unknown.
    if (!rv || rv.unknownExpansion) return;
    const exp = expandRepetition(res.count, res.forEach, w.scope(node, mi), []);
    if (exp.unknown) return;
    for (const key of exp.keys) {
      const inst: InstanceContext = exp.kind === 'count' ? { countIndex: key as number }
        : exp.kind === 'for_each' ? { eachKey: String(key), eachValue: exp.eachValues!.get(String(key))! } : {};
      // An instance whose planning or apply stopped has no value: its rules keep what the walk reported.
      const self = rv.instances.get(instanceKeyString(key))?.value;
      objects.push({ addr: `${instancePrefix(mi)}${resourceKey(res)}${instanceKeyString(key)}`, mi, inst, ...(self ? { self } : {}) });
    }
  }
  t.reportObjects(configAddr, objects.map((o) => o.addr));
  for (const o of objects) {
    if (!o.self) continue;
    quietly(t, configAddr, o.addr, 'precondition', preconditions, w.scope(node, o.mi, o.inst), phase);
    if (!o.self.isNull) quietly(t, configAddr, o.addr, 'postcondition', postconditions, w.scope(node, o.mi, { ...o.inst, self: o.self }), phase);
  }
}

/** Evaluates one check block in one module instance (its problems are warnings). */
function checkBlock(
  w: Walker, t: CheckTracker, node: ModuleNode, mi: ModuleInstance, check: ModuleNode['module']['checks'] extends Map<string, infer C> ? C : never,
  phase: 'plan' | 'apply', opts: CheckRunOptions,
): Diagnostic[] {
  const configAddr = `${modulePrefix(node.path)}check.${check.name}`;
  const objectAddr = `${instancePrefix(mi)}check.${check.name}`;
  if (check.data.length) {
    if (t.ruleStatus(configAddr, objectAddr, 'check-data', 0) === 'fail') return [];
    // A scoped data source that could not be read (already reported) leaves nothing to assert on.
    const missing = check.data.some((d) => {
      const rv = w.values.getResource(mi, `data.${d.type}.${d.name}`);
      return !rv || rv.instances.size === 0 || [...rv.instances.values()].some((i) => i.value.isKnown && i.value.isNull);
    });
    if (missing) {
      const planned = opts.planChecks?.find((c) => c.configAddr === configAddr)?.objects.find((o) => o.objectAddr === objectAddr);
      const message = planned?.status === 'fail' ? planned.failureMessages?.[0] : undefined;
      t.report(configAddr, objectAddr, 'check-data', 0, message !== undefined ? 'fail' : 'error', message);
      return [];
    }
    t.report(configAddr, objectAddr, 'check-data', 0, 'pass');
  }
  const diags: Diagnostic[] = [];
  const scope = w.scope(node, mi);
  check.asserts.forEach((rule, i) => {
    const r = evalRule(rule, scope, 'assertion', 'warning', phase);
    // After a failed walk, an assertion over values that never came is left undecided, as
    // Terraform leaves the checks downstream of a failure.
    if (opts.errored && r.status === 'error') return;
    diags.push(...r.diags.map(asCheckWarning));
    t.report(configAddr, objectAddr, 'assertion', i, r.status, r.message);
  });
  return diags;
}
