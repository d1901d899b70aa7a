/**
 * hashicorp's plugin SDK (v2) cannot tell an unset optional string, number or bool from its
 * zero value: it stores "" / 0 / false after apply and sees no change when the
 * configuration leaves such an attribute out. The resources of the sqs, sns, dynamodb and
 * ecr areas store what hashicorp stores, so their plans apply the same rule. No AWS SDK import.
 */
import type { Value } from '../../../lang/value.js';
import type { BlockSchema } from '../../protocol.js';
import { attr, withAttrs } from '../../sdk/obj.js';
import type { PlanCustomization } from '../../sdk/resource.js';

/** True for "", 0, false and empty collections (how the plugin SDK stores unset values). */
export function isZero(v: Value): boolean {
  if (!v.isKnown || v.isNull) return false;
  if (v.v === '' || v.v === 0 || v.v === false) return true;
  const k = v.type.kind;
  if (k === 'map') return v.attrs.size === 0;
  if (k === 'list' || k === 'set') return v.elems.length === 0;
  return false;
}

/**
 * For each optional, non-computed attribute without a default that the configuration
 * leaves null while the prior state holds its zero value, plans the prior value (no change).
 */
export function keepZeroValues(p: PlanCustomization, block: BlockSchema): PlanCustomization {
  if (!p.prior) return p;
  const changes: Record<string, Value> = {};
  for (const [name, a] of Object.entries(block.attributes)) {
    if (!a.optional || a.computed || a.default !== undefined) continue;
    const c = attr(p.config, name), pr = attr(p.prior, name);
    if (c.isNull && isZero(pr)) changes[name] = pr;
  }
  return Object.keys(changes).length ? { ...p, planned: withAttrs(p.planned, changes) } : p;
}

/**
 * Optional+computed blocks left out of the configuration keep what AWS reported (the plugin
 * SDK's Optional+Computed blocks, and SuppressMissingOptionalConfigurationBlock).
 */
export function keepMissingBlocks(p: PlanCustomization, names: string[]): PlanCustomization {
  if (!p.prior) return p;
  const count = (v: Value) => (v.isNull || !v.isKnown ? 0 : v.elems.length);
  const changes: Record<string, Value> = {};
  for (const n of names) {
    const c = attr(p.config, n);
    if (c.isKnown && count(c) === 0 && count(attr(p.prior, n)) > 0) changes[n] = attr(p.prior, n);
  }
  return Object.keys(changes).length ? { ...p, planned: withAttrs(p.planned, changes) } : p;
}
