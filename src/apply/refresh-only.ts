/**
 * The state a refresh-only apply saves. Terraform applies a refresh-only plan with an apply
 * walk that changes no object but evaluates the root outputs again, against the refreshed
 * objects: what the plan showed as known after apply (an object not created yet) is saved
 * as a null of its type, and an output whose value is null leaves the state. Its refresh
 * command instead saves the refreshed state of a normal plan, whose outputs the plan
 * already updated.
 */
import { unknownAsNull } from '../lang/value.js';
import type { PlanResult } from '../plan/planner.js';
import type { State } from '../state/index.js';

/** The refreshed state of `result` with the outputs a refresh-only apply records. */
export function refreshOnlyApplyState(result: PlanResult): State {
  const s = result.refreshed;
  for (const o of result.plan.outputChanges) {
    if (o.action === 'delete' || (o.after.isKnown && o.after.isNull)) s.removeOutput(o.name);
    else s.setOutput(o.name, unknownAsNull(o.after), o.sensitive);
  }
  return s;
}
