/**
 * How hashicorp's SDK stores an optional string AWS leaves unset: "" in its flat state,
 * which Terraform treats as equal to an unset (null) argument. terrane's planner compares
 * values exactly, so an attribute that was null stays null until AWS reports a value.
 */
import type { Value } from '../../../lang/value.js';
import { attr } from '../../sdk/obj.js';

/** The state value of optional string `name`: AWS's value, else "" or null as before. */
export function optString(prior: Value | null, name: string, remote: string | undefined): string | null {
  if (remote) return remote;
  const p = prior ? attr(prior, name) : null;
  return p && !p.isNull && p.isKnown ? '' : null;
}
