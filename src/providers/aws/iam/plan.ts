/**
 * Planning for IAM resources on top of the SDK planner: hashicorp's plugin SDK stores ""
 * for unset optional strings AWS reports as absent, normalises policy JSON with a
 * StateFunc and suppresses diffs between equivalent policies; replacement is decided on
 * the adjusted values. No AWS SDK import.
 */
import * as T from '../../../lang/types.js';
import { rawEquals, stringVal, unknownVal, type Path, type Value } from '../../../lang/value.js';
import type { BlockSchema } from '../../protocol.js';
import { attr, fromJS, str, withAttrs } from '../../sdk/obj.js';
import { planObject, replacePaths } from '../../sdk/planner.js';
import { ProviderError, type PlanCustomization } from '../../sdk/resource.js';
import type { AwsMeta } from '../config.js';
import { tagMap } from '../tags.js';
import { isJson, policiesEquivalent } from './json.js';

/** How one resource adjusts the SDK's plan. */
export interface IamPlanRules {
  /** Optional strings stored as "" when unset (kept "" while the config leaves them null). */
  emptyStrings?: string[];
  /** Policy attributes and their StateFunc (normalisation) with equivalent-policy diff suppression. */
  policies?: Record<string, (text: string) => string>;
  /** Has tags/tags_all. */
  tags?: boolean;
  /** Further adjustments. */
  extra?: (planned: Value, prior: Value | null, config: Value) => Value;
}

function adjust(meta: AwsMeta, rules: IamPlanRules, planned: Value, prior: Value | null, config: Value): Value {
  const changes: Record<string, Value> = {};
  for (const n of rules.emptyStrings ?? []) {
    if (attr(config, n).isNull && prior && str(prior, n) === '') changes[n] = stringVal('');
  }
  for (const [n, normalize] of Object.entries(rules.policies ?? {})) {
    const c = attr(config, n);
    if (!c.isKnown || c.isNull) continue;
    const text = c.v as string;
    const before = prior ? str(prior, n) : undefined;
    if (before !== undefined && policiesEquivalent(before, text)) changes[n] = attr(prior!, n);
    else changes[n] = stringVal(normalize(text));
  }
  if (rules.tags) {
    const t = attr(config, 'tags');
    // A refresh stores {} for no tags (see iamTagsForState); an unset `tags` means the same.
    const pt = prior ? attr(prior, 'tags') : null;
    if (t.isNull && pt && pt.isKnown && !pt.isNull && pt.attrs.size === 0) changes['tags'] = pt;
    changes['tags_all'] = t.isKnown ? fromJS({ ...meta.defaultTags, ...tagMap(config) }, T.Map(T.String)) : unknownVal(T.Map(T.String));
  }
  let out = Object.keys(changes).length ? withAttrs(planned, changes) : planned;
  if (rules.extra) out = rules.extra(out, prior, config);
  return out;
}

/** The plan with `rules` applied; replacement decided on the adjusted values. */
export function iamPlan(meta: AwsMeta, block: BlockSchema, p: PlanCustomization, rules: IamPlanRules): PlanCustomization {
  for (const n of Object.keys(rules.policies ?? {})) {
    const c = attr(p.config, n);
    if (c.isKnown && !c.isNull && !isJson(c.v as string)) {
      throw new ProviderError(`"${n}" contains an invalid JSON policy`, undefined, [{ attr: n }]);
    }
  }
  const prior = p.prior && !p.prior.isNull ? p.prior : null;
  if (!prior) return { ...p, planned: adjust(meta, rules, planObject(block, null, p.config), null, p.config), requiresReplace: [] };
  let planned = adjust(meta, rules, planObject(block, prior, p.config), prior, p.config);
  const requiresReplace: Path[] = replacePaths(block, prior, planned);
  if (requiresReplace.length) planned = adjust(meta, rules, planObject(block, null, p.config), null, p.config);
  else if (rawEquals(planned, prior)) planned = prior;
  return { ...p, planned, requiresReplace };
}

/** ProviderError when both of two conflicting attributes are set. */
export function conflicts(config: Value, a: string, b: string): void {
  if (!attr(config, a).isNull && !attr(config, b).isNull) {
    throw new ProviderError(`Conflicting configuration arguments`, `"${a}": conflicts with ${b}`, [{ attr: a }]);
  }
}
