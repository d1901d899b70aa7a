/**
 * Planning aws_security_group's inline rules the way hashicorp's SDK does for its
 * optional+computed `ingress` / `egress` sets: rules not written at all keep what state
 * has (unknown on create); written rules are planned with every attribute filled in
 * (empty lists, "" description, self = false) and the protocol normalised ("6" -> "tcp",
 * "all" -> "-1"), which is what the provider stores, so plan after apply shows no change.
 */
import * as T from '../../../lang/types.js';
import { boolVal, emptyListVal, emptySetVal, nullVal, objectValOfType, setVal, stringVal, unknownVal, type Value } from '../../../lang/value.js';
import { impliedType } from '../../schema.js';
import { attr, withAttrs } from '../../sdk/obj.js';
import { protocolForValue } from './protocol.js';
import { inlineRuleBlock, securityGroupSchema } from './schemas.js';

const ruleType = impliedType(inlineRuleBlock);
const ruleSetType = T.Set(ruleType);

/** One configured rule with hashicorp's zero values and the protocol normalised. */
export function normalizeRuleValue(v: Value): Value {
  if (v.isNull || !v.isKnown) return v;
  const entries: [string, Value][] = [];
  for (const [name, t] of Object.entries(ruleType.attrs)) {
    const c = v.attrs.get(name) ?? nullVal(t);
    let out = c;
    if (c.isNull) {
      if (t.kind === 'list') out = emptyListVal(T.String);
      else if (t.kind === 'set') out = emptySetVal(T.String);
      else if (t.kind === 'bool') out = boolVal(false);
      else if (name === 'description') out = stringVal('');
    } else if (name === 'protocol' && c.isKnown) out = stringVal(protocolForValue(c.str)).mark(c.marks);
    entries.push([name, out]);
  }
  return objectValOfType(ruleType, entries);
}

/**
 * The configured rules of `name`, or undefined when none are written. With the rules
 * declared as blocks, no blocks decode to an empty set, which means "not written"; were
 * they declared as hashicorp's attribute, `ingress = []` would be an explicit empty set.
 */
export function configuredRules(config: Value, name: 'ingress' | 'egress'): Value | undefined {
  const c = attr(config, name);
  if (c.isNull) return undefined;
  if (!c.isKnown) return c;
  if (c.elems.length === 0) return name in securityGroupSchema.block.blockTypes ? undefined : c;
  return setVal(c.elems.map(normalizeRuleValue), ruleType);
}

/** The planned `ingress` and `egress` given the SDK's plan, the prior state and the config. */
export function planInlineRules(planned: Value, prior: Value | null, config: Value): Value {
  const changes: Record<string, Value> = {};
  for (const name of ['ingress', 'egress'] as const) {
    const configured = configuredRules(config, name);
    if (configured) changes[name] = configured;
    else {
      const p = prior ? attr(prior, name) : null;
      changes[name] = p && !p.isNull ? p : unknownVal(ruleSetType);
    }
  }
  return withAttrs(planned, changes);
}
