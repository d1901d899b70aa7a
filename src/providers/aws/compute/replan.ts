/**
 * Planning helpers for resources whose plan the SDK's default planner cannot make alone:
 * re-plan with an adjustment (a StateFunc-like normalisation, a computed block), then
 * decide replacement on the adjusted values, as the plugin SDK does after CustomizeDiff.
 */
import * as T from '../../../lang/types.js';
import { rawEquals, unknownVal, type Path, type Value } from '../../../lang/value.js';
import type { BlockSchema } from '../../protocol.js';
import { attr, fromJS, withAttrs } from '../../sdk/obj.js';
import { planObject, replacePaths } from '../../sdk/planner.js';
import type { AwsMeta } from '../config.js';
import { tagMap } from '../tags.js';

/** Adjusts a planned object; `prior` is null when creating (or replacing). */
export type Adjust = (planned: Value, prior: Value | null) => Value;

/**
 * The plan for `config` over `prior` with `adjust` applied, and the paths forcing
 * replacement (`extra` adds paths the schema cannot express, e.g. conditional force-new).
 */
export function replan(block: BlockSchema, prior: Value | null, config: Value, adjust: Adjust, extra: (planned: Value) => Path[] = () => []): { planned: Value; requiresReplace: Path[] } {
  if (!prior || prior.isNull) return { planned: adjust(planObject(block, null, config), null), requiresReplace: [] };
  let planned = adjust(planObject(block, prior, config), prior);
  const requiresReplace = [...replacePaths(block, prior, planned), ...extra(planned)];
  if (requiresReplace.length) planned = adjust(planObject(block, null, config), null);
  else if (rawEquals(planned, prior)) planned = prior;
  return { planned, requiresReplace };
}

/** tags_all planned from the configured tags over the provider's default_tags. */
export function withTagsAll(meta: AwsMeta, planned: Value, config: Value): Value {
  const t = attr(config, 'tags');
  return withAttrs(planned, {
    tags_all: t.isKnown ? fromJS({ ...meta.defaultTags, ...tagMap(config) }, T.Map(T.String)) : unknownVal(T.Map(T.String)),
  });
}
