/**
 * The SDK's default planner: from configuration and prior state to a planned state, with
 * hashicorp's plugin-SDK rules. Configured values win; unset optional attributes take their
 * default; computed attributes keep their prior value on update and become unknown on
 * create or replace; a changed force-new attribute (or an unknown one) requires replacement.
 */
import { rawEquals, unknownVal, nullVal, type Value, listVal, setVal, mapVal, objectValOfType, emptyListVal, emptySetVal, emptyMapVal, type Path } from '../../lang/value.js';
import type { BlockSchema, NestedBlockSchema } from '../protocol.js';
import { impliedType } from '../schema.js';

/** The planned object for `config` given `prior` (null when creating). */
export function planObject(block: BlockSchema, prior: Value | null, config: Value): Value {
  const type = impliedType(block);
  if (config.isNull) return nullVal(type);
  if (!config.isKnown) return unknownVal(type);
  const p = prior && !prior.isNull && prior.isKnown ? prior : null;
  const entries: [string, Value][] = [];
  for (const [name, a] of Object.entries(block.attributes)) {
    const c = config.attrs.get(name) ?? nullVal(a.type);
    const pv = p?.attrs.get(name);
    let v: Value;
    if (a.computed && !a.optional && !a.required) v = pv ?? unknownVal(a.type);
    else if (c.isNull) {
      if (a.default !== undefined) v = a.default;
      else if (a.computed) v = pv ?? unknownVal(a.type);
      else v = c;
    } else v = c;
    entries.push([name, v]);
  }
  for (const [name, nb] of Object.entries(block.blockTypes)) {
    const c = config.attrs.get(name);
    const pv = p?.attrs.get(name) ?? null;
    entries.push([name, planNested(nb, pv, c ?? nullVal(type.attrs[name]!))]);
  }
  return objectValOfType(type, entries);
}

function planNested(nb: NestedBlockSchema, prior: Value | null, config: Value): Value {
  const et = impliedType(nb.block);
  if (!config.isKnown) return config;
  const priorElems = prior && !prior.isNull && prior.isKnown ? prior : null;
  switch (nb.nesting) {
    case 'single':
    case 'group':
      return config.isNull ? config : planObject(nb.block, priorElems, config);
    case 'list': {
      if (config.isNull) return emptyListVal(et);
      const out = config.elems.map((ce, i) => planObject(nb.block, priorElems?.elems[i] ?? null, ce));
      return out.length ? listVal(out, et) : emptyListVal(et);
    }
    case 'set': {
      if (config.isNull) return emptySetVal(et);
      const candidates = priorElems ? [...priorElems.elems] : [];
      const out = config.elems.map((ce) => {
        const i = candidates.findIndex((pe) => sameConfiguredValues(nb.block, pe, ce));
        const match = i >= 0 ? candidates.splice(i, 1)[0]! : null;
        return planObject(nb.block, match, ce);
      });
      return out.length ? setVal(out, et) : emptySetVal(et);
    }
    case 'map': {
      if (config.isNull) return emptyMapVal(et);
      const out: [string, Value][] = [];
      for (const [k, ce] of config.attrs) out.push([k, planObject(nb.block, priorElems?.attrs.get(k) ?? null, ce)]);
      return out.length ? mapVal(out, et) : emptyMapVal(et);
    }
  }
}

/** True when every non-computed attribute set in `config` equals the prior element's. */
function sameConfiguredValues(block: BlockSchema, prior: Value, config: Value): boolean {
  if (prior.isNull || !prior.isKnown || !config.isKnown) return false;
  for (const [name, a] of Object.entries(block.attributes)) {
    if (a.computed && !a.optional) continue;
    const c = config.attrs.get(name);
    if (!c || (c.isNull && a.computed)) continue;
    const p = prior.attrs.get(name);
    if (!p || !rawEquals(c.unmark(), p.unmark())) return false;
  }
  return true;
}

/** Paths of force-new attributes (and force-new blocks) whose planned value differs from prior. */
export function replacePaths(block: BlockSchema, prior: Value, planned: Value, prefix: Path = []): Path[] {
  const out: Path[] = [];
  if (prior.isNull || !prior.isKnown || planned.isNull || !planned.isKnown) return out;
  for (const [name, a] of Object.entries(block.attributes)) {
    if (!a.forceNew) continue;
    const pv = prior.attrs.get(name), nv = planned.attrs.get(name);
    if (!pv || !nv) continue;
    if (nv.isKnown && rawEquals(pv.unmark(), nv.unmark())) continue;
    if (!a.replaceIf || a.replaceIf(pv.unmark(), nv.unmark())) out.push([...prefix, { attr: name }]);
  }
  for (const [name, nb] of Object.entries(block.blockTypes)) {
    const pv = prior.attrs.get(name), nv = planned.attrs.get(name);
    if (!pv || !nv) continue;
    const here: Path = [...prefix, { attr: name }];
    if (nb.forceNew) {
      if (!nv.isKnown || !rawEquals(pv.unmark(), nv.unmark())) out.push(here);
      continue;
    }
    if (nb.nesting === 'single' || nb.nesting === 'group') {
      if (pv.isNull !== nv.isNull && hasForceNew(nb.block)) out.push(here);
      else out.push(...replacePaths(nb.block, pv, nv, here));
    } else if (nb.nesting === 'list') {
      if (!nv.isKnown || pv.isNull || nv.isNull) continue;
      if (pv.elems.length !== nv.elems.length && hasForceNew(nb.block)) { out.push(here); continue; }
      nv.elems.forEach((e, i) => {
        const pe = pv.elems[i];
        if (pe) out.push(...replacePaths(nb.block, pe, e, [...here, { index: i }]));
      });
    } else if (nb.nesting === 'set' || nb.nesting === 'map') {
      if (nv.isKnown && !rawEquals(pv.unmark(), nv.unmark()) && hasForceNew(nb.block)) out.push(here);
    }
  }
  return out;
}

function hasForceNew(block: BlockSchema): boolean {
  for (const a of Object.values(block.attributes)) if (a.forceNew) return true;
  for (const nb of Object.values(block.blockTypes)) if (nb.forceNew || hasForceNew(nb.block)) return true;
  return false;
}

/**
 * The SDK plan for one resource: prior null means create. Returns the planned state and
 * the paths that force replacement (in which case computed attributes are unknown again,
 * as for a new object).
 */
export function planResource(block: BlockSchema, prior: Value | null, config: Value): { planned: Value; requiresReplace: Path[] } {
  const p = prior && !prior.isNull ? prior : null;
  let planned = planObject(block, p, config);
  if (!p) return { planned, requiresReplace: [] };
  const requiresReplace = replacePaths(block, p, planned);
  if (requiresReplace.length > 0) planned = planObject(block, null, config);
  else if (rawEquals(planned, p)) planned = p;
  return { planned, requiresReplace };
}

