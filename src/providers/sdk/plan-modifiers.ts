/**
 * Conditional replacement rules of the hashicorp providers built on the plugin framework,
 * for `replaceIf` on a force-new attribute. Each receives the prior and planned value of
 * the attribute when they differ (planned may be unknown).
 */
import { rawEquals, type Value } from '../../lang/value.js';

/**
 * RequiresReplaceIfValuesNotNull (random `keepers`, null_resource `triggers`): the plugin
 * SDK stored a map with only null values as null and dropped null-valued keys, so going
 * from null to an empty or all-null map, or adding keys whose value is null, is an update
 * in place. Any other change replaces.
 */
export function requiresReplaceIfValuesNotNull(prior: Value, planned: Value): boolean {
  const entries = planned.isKnown && !planned.isNull ? [...planned.attrs] : [];
  if (prior.isNull) return entries.some(([, v]) => !v.isNull);
  for (const [k, v] of entries) {
    const p = prior.attrs.get(k);
    if (p === undefined ? !v.isNull : !rawEquals(v, p)) return true;
  }
  for (const k of prior.attrs.keys()) if (!planned.isKnown || planned.isNull || !planned.attrs.has(k)) return true;
  return false;
}

/**
 * RequiresReplaceUnlessEmptyStringToNull (random `override_special`): provider 3.4.2 stored
 * "" for an unset value, so "" -> null is an update in place; an unknown value is not yet
 * a replacement.
 */
export function requiresReplaceUnlessEmptyStringToNull(prior: Value, planned: Value): boolean {
  if (!planned.isKnown) return false;
  return !planned.isNull || prior.isNull || prior.str !== '';
}
