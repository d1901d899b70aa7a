/**
 * Value plumbing between configuration, prior state and provider plans (Terraform's
 * objchange): the proposed new state, ignore_changes, equality ignoring marks, and
 * schema-driven sensitivity.
 */
import type { Traversal } from '../hcl/ast.js';
import type * as T from '../lang/types.js';
import { typeEquals } from '../lang/types.js';
import type { BlockSchema } from '../providers/protocol.js';
import { impliedType } from '../providers/schema.js';
import {
  Value, nullVal, unknownVal, rawEquals, unmarkDeep, markWithPaths, Mark, objectValOfType, listVal, setVal, mapVal,
  type Path, type PathMarks,
} from '../lang/value.js';

/**
 * The proposed new state: configuration values, with computed attributes left null in
 * configuration taken from the prior state (or unknown when there is none).
 */
export function proposedNew(block: BlockSchema, prior: Value | null, config: Value): Value {
  const type = impliedType(block);
  if (config.isNull || !config.isKnown) return config;
  const p = prior && !prior.isNull && prior.isKnown ? prior : null;
  const entries: [string, Value][] = [];
  for (const [name, a] of Object.entries(block.attributes)) {
    const c = config.attrs.get(name) ?? nullVal(a.type);
    if (a.computed && c.isNull) entries.push([name, p?.attrs.get(name) ?? unknownVal(a.type)]);
    else entries.push([name, c]);
  }
  for (const [name, nb] of Object.entries(block.blockTypes)) {
    const c = config.attrs.get(name) ?? nullVal(type.attrs[name]!);
    const pv = p?.attrs.get(name);
    if (!c.isKnown || c.isNull || !pv || pv.isNull || !pv.isKnown) {
      entries.push([name, nb.nesting === 'single' || nb.nesting === 'group' ? (c.isNull || !c.isKnown ? c : proposedNew(nb.block, null, c)) : mapElems(c, (e) => proposedNew(nb.block, null, e))]);
      continue;
    }
    switch (nb.nesting) {
      case 'single':
      case 'group':
        entries.push([name, proposedNew(nb.block, pv, c)]);
        break;
      case 'list':
        entries.push([name, c.elems.length === 0 ? c : listVal(c.elems.map((e, i) => proposedNew(nb.block, pv.elems[i] ?? null, e)), c.elems[0]!.type)]);
        break;
      case 'map': {
        const out: [string, Value][] = [...c.attrs].map(([k, e]) => [k, proposedNew(nb.block, pv.attrs.get(k) ?? null, e)]);
        entries.push([name, out.length ? mapVal(out, (c.type as T.CollectionType).elem) : c]);
        break;
      }
      case 'set':
        entries.push([name, mapElems(c, (e) => proposedNew(nb.block, null, e))]);
        break;
    }
  }
  return objectValOfType(type, entries);
}

function mapElems(c: Value, f: (v: Value) => Value): Value {
  if (c.isNull || !c.isKnown) return c;
  const k = c.type.kind;
  if (k === 'list') return c.elems.length ? listVal(c.elems.map(f), (c.type as T.CollectionType).elem) : c;
  if (k === 'set') return c.elems.length ? setVal(c.elems.map(f), (c.type as T.CollectionType).elem) : c;
  if (k === 'map') return c.attrs.size ? mapVal([...c.attrs].map(([key, e]) => [key, f(e)]), (c.type as T.CollectionType).elem) : c;
  return c;
}

/** True when two values are equal, ignoring marks. */
export function sameValue(a: Value, b: Value): boolean {
  return rawEquals(unmarkDeep(a)[0], unmarkDeep(b)[0]);
}

/**
 * True when one value can stand for the other: the same type, the same contents and the
 * same marks at every depth. Conservative: sets whose elements are held in different
 * orders, and refinements that are not the same object, count as different.
 */
export function identicalValues(a: Value, b: Value): boolean {
  if (a === b) return true;
  if (a.marks !== b.marks || a.refinement !== b.refinement || !typeEquals(a.type, b.type)) return false;
  const x = a.v, y = b.v;
  if (x === y) return true;
  if (Array.isArray(x)) {
    if (!Array.isArray(y) || x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (!identicalValues(x[i] as Value, y[i] as Value)) return false;
    return true;
  }
  if (x instanceof Map) {
    if (!(y instanceof Map) || x.size !== y.size) return false;
    for (const [k, v] of x) {
      const w = (y as ReadonlyMap<string, Value>).get(k);
      if (w === undefined || !identicalValues(v as Value, w)) return false;
    }
    return true;
  }
  return false;
}

/** A path from a traversal written in ignore_changes (`tags["Name"]`, `ingress`). */
export function traversalPath(t: Traversal): Path {
  const out: Path = [{ attr: t.root }];
  for (const s of t.steps) out.push(s.kind === 'attr' ? { attr: s.name } : { index: s.key });
  return out;
}

/** Reads the value at `path` (undefined when it does not exist). */
export function valueAt(v: Value, path: Path): Value | undefined {
  let cur: Value | undefined = v;
  for (const step of path) {
    if (!cur || cur.isNull || !cur.isKnown) return undefined;
    const k = cur.type.kind;
    if ('attr' in step) {
      if (k !== 'object' && k !== 'map') return undefined;
      cur = cur.attrs.get(step.attr);
    } else if (typeof step.index === 'number' && (k === 'list' || k === 'tuple')) cur = cur.elems[step.index];
    else if (typeof step.index === 'string' && (k === 'map' || k === 'object')) cur = cur.attrs.get(step.index);
    else return undefined;
  }
  return cur;
}

/** A copy of `v` with the value at `path` replaced (paths that do not exist are left alone). */
export function withValueAt(v: Value, path: Path, nv: Value, i = 0): Value {
  if (i === path.length) return nv;
  if (v.isNull || !v.isKnown) return v;
  const step = path[i]!;
  const k = v.type.kind;
  if (k === 'object' || k === 'map') {
    const key = 'attr' in step ? step.attr : typeof step.index === 'string' ? step.index : undefined;
    if (key === undefined) return v;
    const cur = v.attrs.get(key);
    if (!cur && k === 'object') return v;
    const m = new Map(v.attrs);
    if (cur) m.set(key, withValueAt(cur, path, nv, i + 1));
    else if (i + 1 === path.length) m.set(key, nv);
    return new Value(v.type, m, v.marks);
  }
  if ((k === 'list' || k === 'tuple') && 'index' in step && typeof step.index === 'number') {
    const cur = v.elems[step.index];
    if (!cur) return v;
    const arr = v.elems.slice();
    arr[step.index] = withValueAt(cur, path, nv, i + 1);
    return new Value(v.type, arr, v.marks);
  }
  return v;
}

/**
 * Applies ignore_changes: the configuration takes the prior value at every ignored path
 * (`all` ignores every attribute). Missing in prior means the config value is kept.
 */
export function applyIgnoreChanges(config: Value, prior: Value, ignore: Path[] | 'all', block: BlockSchema): Value {
  if (ignore === 'all') {
    const entries: [string, Value][] = [];
    for (const [k, v] of config.attrs) {
      const a = block.attributes[k];
      entries.push([k, a && a.computed && !a.optional ? v : prior.attrs.get(k) ?? v]);
    }
    return objectValOfType(config.type as never, entries);
  }
  let out = config;
  for (const p of ignore) {
    const pv = valueAt(prior, p);
    if (pv) out = withValueAt(out, p, pv);
  }
  return out;
}

/** Marks the attributes the schema declares sensitive (anywhere in nested blocks). */
export function markSchemaSensitive(v: Value, block: BlockSchema): Value {
  if (v.isNull || !v.isKnown || !hasSensitive(block)) return v;
  let changed = false;
  const m = new Map(v.attrs);
  for (const [name, a] of Object.entries(block.attributes)) {
    const cur = m.get(name);
    if (cur && a.sensitive && !cur.isSensitive) { m.set(name, cur.mark(Mark.Sensitive)); changed = true; }
  }
  for (const [name, nb] of Object.entries(block.blockTypes)) {
    const cur = m.get(name);
    if (!cur || cur.isNull || !cur.isKnown) continue;
    let nv: Value;
    if (nb.nesting === 'single' || nb.nesting === 'group') nv = markSchemaSensitive(cur, nb.block);
    else if (nb.nesting === 'map') nv = new Value(cur.type, new Map([...cur.attrs].map(([k, e]) => [k, markSchemaSensitive(e, nb.block)])), cur.marks);
    else nv = new Value(cur.type, cur.elems.map((e) => markSchemaSensitive(e, nb.block)), cur.marks);
    m.set(name, nv);
    changed = true;
  }
  return changed ? new Value(v.type, m, v.marks) : v;
}

const sensitiveIn = new WeakMap<BlockSchema, boolean>();
/** True when the block or a block nested in it declares a sensitive attribute (cached per schema). */
function hasSensitive(block: BlockSchema): boolean {
  let r = sensitiveIn.get(block);
  if (r === undefined) {
    r = Object.values(block.attributes).some((a) => a.sensitive) || Object.values(block.blockTypes).some((nb) => hasSensitive(nb.block));
    sensitiveIn.set(block, r);
  }
  return r;
}

/** Removes marks, remembering them to re-apply to a value of the same shape. */
export function stripMarks(v: Value): [Value, PathMarks[]] {
  return unmarkDeep(v);
}

/** Re-applies marks removed by `stripMarks`. */
export function restoreMarks(v: Value, pms: PathMarks[]): Value {
  return pms.length ? markWithPaths(v, pms) : v;
}
