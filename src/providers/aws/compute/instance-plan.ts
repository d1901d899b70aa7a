/**
 * Planning aws_instance beyond the SDK defaults, as hashicorp's schema functions and
 * CustomizeDiff do: user_data planned as its hash (StateFunc), force-new on user_data when
 * user_data_replace_on_change, Optional+Computed blocks keeping what AWS reports when left
 * out of the configuration, credit_specification kept when removed (its DiffSuppressFunc),
 * and the public address unknown when an update stops and starts the instance.
 */
import * as T from '../../../lang/types.js';
import { rawEquals, setVal, unknownVal, type Path, type Value } from '../../../lang/value.js';
import { impliedType } from '../../schema.js';
import { attr, bool, str, withAttrs } from '../../sdk/obj.js';
import { planObject } from '../../sdk/planner.js';
import type { PlanCustomization } from '../../sdk/resource.js';
import type { AwsMeta } from '../config.js';
import { replan, withTagsAll } from './replan.js';
import { INSTANCE_COMPUTED_BLOCKS, instanceSchema } from './schemas.js';
import { userDataHash } from './user-data.js';

const TYPE = impliedType(instanceSchema.block);

/** The plugin SDK's zero values: unset and "" / false / 0 / empty are the same to its diff. */
function isZero(v: Value): boolean {
  if (!v.isKnown) return false;
  if (v.isNull) return true;
  switch (v.type.kind) {
    case 'string': return v.str === '';
    case 'bool': return v.v === false;
    case 'number': return v.v === 0;
    case 'list': case 'set': return v.elems.length === 0;
    case 'map': return v.attrs.size === 0;
    default: return false;
  }
}

function emptyBlock(v: Value): boolean {
  return v.isNull || (v.isKnown && v.elems.length === 0);
}

/** The planned aws_instance (see the file comment). */
export function planInstance(meta: AwsMeta, p: PlanCustomization): PlanCustomization {
  const config = p.config;
  const adjust = (planned: Value, prior: Value | null): Value => {
    let out = withTagsAll(meta, planned, config);
    const changes: Record<string, Value | unknown> = {};
    // An unset optional argument read back as its zero value is no change (SDK zero-value semantics).
    if (prior) {
      for (const [name, a] of Object.entries(instanceSchema.block.attributes)) {
        if (a.computed || a.default !== undefined) continue;
        const c = attr(config, name), was = attr(prior, name);
        if (c.isNull && isZero(was) && !was.isNull) changes[name] = was;
      }
    }
    const ud = attr(config, 'user_data');
    if (ud.isKnown && !ud.isNull) changes.user_data = userDataHash(ud.str);
    for (const name of INSTANCE_COMPUTED_BLOCKS) {
      if (!emptyBlock(attr(config, name))) continue;
      changes[name] = prior ? attr(prior, name) : unknownVal(TYPE.attrs[name]!);
    }
    if (prior && emptyBlock(attr(config, 'credit_specification'))) changes.credit_specification = attr(prior, 'credit_specification');
    // A cpu_credits left unset keeps the one AWS applied (DiffSuppressFunc).
    const cs = attr(config, 'credit_specification');
    if (prior && !emptyBlock(cs) && cs.isKnown && str(cs.elems[0]!, 'cpu_credits') === undefined) {
      changes.credit_specification = attr(prior, 'credit_specification');
    }
    // EBS devices are matched to the prior ones by device name, as hashicorp's set hash does
    // (the SDK planner's match would also require unset defaults to equal the stored values).
    const ebs = attr(config, 'ebs_block_device');
    if (prior && ebs.isKnown && !ebs.isNull && ebs.elems.length) {
      const nb = instanceSchema.block.blockTypes.ebs_block_device!;
      const before = attr(prior, 'ebs_block_device');
      const priors = before.isKnown && !before.isNull ? before.elems : [];
      const elems = ebs.elems.map((ce) => {
        const match = priors.find((pe) => str(pe, 'device_name') === str(ce, 'device_name')) ?? null;
        return planObject(nb.block, match, ce);
      });
      changes.ebs_block_device = setVal(elems, impliedType(nb.block));
    }
    out = withAttrs(out, changes);
    if (prior && stopsAndStarts(prior, out)) {
      out = withAttrs(out, { public_ip: unknownVal(T.String), public_dns: unknownVal(T.String) });
    }
    return out;
  };
  const extra = (planned: Value): Path[] => {
    if (!p.prior || bool(planned, 'user_data_replace_on_change') !== true) return [];
    const out: Path[] = [];
    for (const name of ['user_data', 'user_data_base64']) {
      const a = attr(p.prior, name), b = attr(planned, name);
      if (!b.isKnown || !rawEquals(a, b)) out.push([{ attr: name }]);
    }
    return out;
  };
  const { planned, requiresReplace } = replan(instanceSchema.block, p.prior, config, adjust, extra);
  return { ...p, planned, requiresReplace };
}

/** True when applying `planned` over `prior` stops and starts the instance (type or user data). */
export function stopsAndStarts(prior: Value, planned: Value): boolean {
  return ['instance_type', 'user_data', 'user_data_base64'].some((n) => {
    const a = attr(prior, n), b = attr(planned, n);
    return !b.isKnown || !rawEquals(a, b);
  });
}
