/**
 * `check` blocks: their `assert` conditions are evaluated at the end of a plan and of an
 * apply, once every value (and the check's scoped data source) is known. A failed
 * assertion is a warning, never an error, as in Terraform; so is any problem evaluating
 * one. An assertion whose condition is not yet known while planning says so (a warning
 * too) and is decided by the apply.
 */
import type { Traversal } from '../hcl/ast.js';
import type { Diagnostic } from '../hcl/diagnostic.js';
import type { ModuleNode } from '../config/module.js';
import { evaluate } from '../lang/eval.js';
import { expressionValues } from '../lang/diag-values.js';
import type { Value } from '../lang/value.js';
import type { CheckResult } from './plan.js';
import type { Walker } from './walker.js';

/** The summary Terraform gives a failed assertion. */
export const CHECK_ASSERTION_FAILED = 'Check block assertion failed';

/** Terraform's diagnostics about check blocks are warnings whatever their origin. */
export function asCheckWarning(d: Diagnostic): Diagnostic {
  return d.severity === 'warning' ? d : { ...d, severity: 'warning' };
}

/** The summary for an assertion that can only be decided by the apply. */
export const CHECK_KNOWN_AFTER_APPLY = 'Check block assertion known after apply';

/** Evaluates every check block of every module instance the walk expanded. */
export function evaluateChecks(w: Walker, phase: 'plan' | 'apply'): { diags: Diagnostic[]; results: CheckResult[] } {
  const diags: Diagnostic[] = [];
  const results: CheckResult[] = [];
  const visit = (node: ModuleNode): void => {
    for (const check of node.module.checks.values()) {
      for (const mi of w.values.moduleInstances(node.path)) {
        const scope = w.scope(node, mi);
        const result: CheckResult = { addr: `${mi.isRoot ? '' : mi.toString() + '.'}check.${check.name}`, kind: 'check', status: 'pass', failureMessages: [] };
        // A scoped data source that could not be read (already reported) leaves nothing to assert on.
        const dataMissing = check.data.some((d) => {
          const rv = w.values.getResource(mi, `data.${d.type}.${d.name}`);
          return !rv || rv.instances.size === 0 || [...rv.instances.values()].some((i) => i.value.isKnown && i.value.isNull);
        });
        if (dataMissing) {
          result.status = 'error';
          results.push(result);
          continue;
        }
        for (const a of check.asserts) {
          const c = evaluate(a.condition, scope);
          if (c.diags.length) {
            diags.push(...c.diags.map(asCheckWarning));
            if (c.diags.some((d) => d.severity === 'error')) { result.status = 'error'; continue; }
          }
          const v = c.value;
          const resolve = (t: Traversal): Value | undefined => {
            const r = evaluate({ kind: 'scopeTraversal', traversal: t, range: t.range } as never, scope);
            return r.diags.some((d) => d.severity === 'error') ? undefined : r.value;
          };
          if (!v.isKnown) {
            if (result.status === 'pass') result.status = 'unknown';
            if (phase === 'plan') {
              diags.push({
                severity: 'warning', summary: CHECK_KNOWN_AFTER_APPLY,
                detail: 'The condition could not be evaluated at this time, a result will be known when this plan is applied.',
                subject: a.condition.range, expression: a.condition, extra: { values: expressionValues(a.condition, resolve), doNotConsolidate: true },
              });
            }
            continue;
          }
          if (v.isNull || v.type.kind !== 'bool') {
            diags.push({
              severity: 'warning', summary: 'Invalid condition result',
              detail: v.isNull ? 'Condition expression must return either true or false, not null.' : 'Invalid condition result value: a bool is required.',
              subject: a.condition.range,
            });
            result.status = 'error';
            continue;
          }
          if (v.bool) continue;
          const m = evaluate(a.errorMessage, scope);
          const mv = m.value;
          const msg = !m.diags.some((d) => d.severity === 'error') && mv.isKnown && !mv.isNull && mv.type.kind === 'string'
            ? (mv.isSensitive ? '(sensitive value)' : mv.str)
            : 'Failed to evaluate the error message.';
          diags.push({
            severity: 'warning', summary: CHECK_ASSERTION_FAILED, detail: msg, subject: a.condition.range,
            expression: a.condition, extra: { values: expressionValues(a.condition, resolve), doNotConsolidate: true },
          });
          result.status = 'fail';
          result.failureMessages.push(msg);
        }
        results.push(result);
      }
    }
    for (const child of node.children.values()) visit(child);
  };
  visit(w.config.root);
  return { diags, results };
}
