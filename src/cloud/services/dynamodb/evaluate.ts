/** Evaluates parsed DynamoDB expressions against items: conditions, updates, projections. */
import {
  type AttributeValue, type Item, typeOf, compareScalars, valuesEqual, addNumbers, normalizeNumber,
} from './attribute-value.js';
import { ExpressionError, type Condition, type Operand, type Path, type UpdateActions } from './expressions.js';

/** The placeholder maps of one request. */
export interface ExprEnv {
  names: Record<string, string>;
  values: Record<string, AttributeValue>;
}

type Concrete = (string | number)[];

/** Resolves `#placeholders` of a path to attribute names. */
export function resolvePath(p: Path, env: ExprEnv): Concrete {
  return p.elems.map((e) => {
    if ('index' in e) return e.index;
    if (e.name.startsWith('#')) {
      const n = env.names[e.name];
      if (n === undefined) throw new ExpressionError(`An expression attribute name used in the document path is not defined; attribute name: ${e.name}`);
      return n;
    }
    return e.name;
  });
}

function valueOf(name: string, env: ExprEnv): AttributeValue {
  const v = env.values[name];
  if (v === undefined) throw new ExpressionError(`An expression attribute value used in expression is not defined; attribute value: ${name}`);
  return v;
}

/** Reads the value at a concrete path, or undefined when absent. */
export function getAt(item: Item, path: Concrete): AttributeValue | undefined {
  let cur: AttributeValue | undefined = { M: item };
  for (const e of path) {
    if (cur === undefined) return undefined;
    const c: AttributeValue = cur;
    if (typeof e === 'number') cur = 'L' in c ? (c.L as AttributeValue[])[e] : undefined;
    else cur = 'M' in c ? (c.M as Item)[e] : undefined;
  }
  return cur;
}

function operandValue(o: Operand, item: Item, env: ExprEnv): AttributeValue | undefined {
  switch (o.kind) {
    case 'path': return getAt(item, resolvePath(o, env));
    case 'value': return valueOf(o.name, env);
    case 'size': {
      const v = getAt(item, resolvePath(o.path, env));
      if (v === undefined) return undefined;
      const n = sizeOf(v);
      return n === undefined ? undefined : { N: String(n) };
    }
    case 'if_not_exists': {
      const v = getAt(item, resolvePath(o.path, env));
      return v ?? operandValue(o.value, item, env);
    }
    case 'list_append': {
      const a = operandValue(o.a, item, env), b = operandValue(o.b, item, env);
      if (!a || !b || !('L' in a) || !('L' in b)) throw new ExpressionError('Invalid UpdateExpression: Incorrect operand type for operator or function; operator or function: list_append, operand type: ' + (a && !('L' in a) ? typeOf(a) : b ? typeOf(b) : 'NULL'));
      return { L: [...a.L, ...b.L] };
    }
    case 'arith': {
      const a = operandValue(o.a, item, env), b = operandValue(o.b, item, env);
      if (a === undefined || b === undefined) throw new ExpressionError('The provided expression refers to an attribute that does not exist in the item');
      if (!('N' in a) || !('N' in b)) throw new ExpressionError(`An operand in the update expression has an incorrect data type`);
      return { N: addNumbers(a.N, b.N, o.op === '-') };
    }
  }
}

function sizeOf(v: AttributeValue): number | undefined {
  if ('S' in v) return [...v.S].length;
  if ('B' in v) return Buffer.from(v.B, 'base64').length;
  if ('SS' in v) return v.SS.length;
  if ('NS' in v) return v.NS.length;
  if ('BS' in v) return v.BS.length;
  if ('L' in v) return v.L.length;
  if ('M' in v) return Object.keys(v.M).length;
  return undefined;
}

/** True when the condition holds for the item (an absent item is `{}`). */
export function evalCondition(c: Condition, item: Item, env: ExprEnv): boolean {
  switch (c.kind) {
    case 'and': return evalCondition(c.a, item, env) && evalCondition(c.b, item, env);
    case 'or': return evalCondition(c.a, item, env) || evalCondition(c.b, item, env);
    case 'not': return !evalCondition(c.c, item, env);
    case 'exists': return getAt(item, resolvePath(c.path, env)) !== undefined;
    case 'not_exists': return getAt(item, resolvePath(c.path, env)) === undefined;
    case 'attribute_type': {
      const v = getAt(item, resolvePath(c.path, env));
      const t = operandValue(c.type, item, env);
      return v !== undefined && t !== undefined && 'S' in t && typeOf(v) === t.S;
    }
    case 'begins_with': {
      const v = operandValue(c.path, item, env), p = operandValue(c.prefix, item, env);
      if (!v || !p) return false;
      if ('S' in v && 'S' in p) return v.S.startsWith(p.S);
      if ('B' in v && 'B' in p) return Buffer.from(v.B, 'base64').subarray(0, Buffer.from(p.B, 'base64').length).equals(Buffer.from(p.B, 'base64'));
      return false;
    }
    case 'contains': {
      const v = operandValue(c.path, item, env), x = operandValue(c.operand, item, env);
      if (!v || !x) return false;
      if ('S' in v) return 'S' in x && v.S.includes(x.S);
      if ('SS' in v) return 'S' in x && v.SS.includes(x.S);
      if ('NS' in v) return 'N' in x && v.NS.map(normalizeNumber).includes(normalizeNumber(x.N));
      if ('BS' in v) return 'B' in x && v.BS.includes(x.B);
      if ('L' in v) return v.L.some((e) => valuesEqual(e, x));
      return false;
    }
    case 'between': {
      const v = operandValue(c.v, item, env), lo = operandValue(c.lo, item, env), hi = operandValue(c.hi, item, env);
      if (!v || !lo || !hi) return false;
      const a = compareScalars(v, lo), b = compareScalars(v, hi);
      return a !== undefined && b !== undefined && a >= 0 && b <= 0;
    }
    case 'in': {
      const v = operandValue(c.v, item, env);
      if (!v) return false;
      return c.list.some((o) => { const x = operandValue(o, item, env); return x !== undefined && valuesEqual(v, x); });
    }
    case 'cmp': {
      const a = operandValue(c.a, item, env), b = operandValue(c.b, item, env);
      if (c.op === '=') return a !== undefined && b !== undefined && valuesEqual(a, b);
      if (c.op === '<>') return !(a !== undefined && b !== undefined && valuesEqual(a, b));
      if (!a || !b) return false;
      const r = compareScalars(a, b);
      if (r === undefined) return false;
      return c.op === '<' ? r < 0 : c.op === '<=' ? r <= 0 : c.op === '>' ? r > 0 : r >= 0;
    }
  }
}

function clone<T>(v: T): T { return structuredClone(v); }

const BAD_PATH = 'The document path provided in the update expression is invalid for update';

function setAt(item: Item, path: Concrete, value: AttributeValue): void {
  let parent: AttributeValue = { M: item };
  for (let i = 0; i < path.length - 1; i++) {
    const e = path[i]!;
    const p: AttributeValue = parent;
    const next: AttributeValue | undefined = typeof e === 'number'
      ? ('L' in p ? (p.L as AttributeValue[])[e] : undefined)
      : ('M' in p ? (p.M as Item)[e] : undefined);
    if (next === undefined) throw new ExpressionError(BAD_PATH);
    parent = next;
  }
  const last = path[path.length - 1]!;
  if (typeof last === 'number') {
    if (!('L' in parent)) throw new ExpressionError(BAD_PATH);
    if (last >= parent.L.length) parent.L.push(value); else parent.L[last] = value;
  } else {
    if (!('M' in parent)) throw new ExpressionError(BAD_PATH);
    parent.M[last] = value;
  }
}

function removeAt(item: Item, path: Concrete): void {
  const parent = path.length === 1 ? { M: item } as AttributeValue : getAt(item, path.slice(0, -1));
  if (parent === undefined) return;
  const last = path[path.length - 1]!;
  if (typeof last === 'number') { if ('L' in parent && last < parent.L.length) parent.L.splice(last, 1); }
  else if ('M' in parent) delete parent.M[last];
}

/** Applies an update expression to a copy of the item and returns the new item. */
export function applyUpdate(old: Item, actions: UpdateActions, env: ExprEnv): Item {
  const item = clone(old);
  const touched = new Set<string>();
  const claim = (p: Concrete) => {
    const k = JSON.stringify(p);
    for (const t of touched) {
      const q = JSON.parse(t) as Concrete;
      const n = Math.min(q.length, p.length);
      if (q.slice(0, n).every((e, i) => e === p[i])) {
        throw new ExpressionError(`Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [${q.join(', ')}], path two: [${p.join(', ')}]`);
      }
    }
    touched.add(k);
  };
  // Overlapping paths are rejected before anything is evaluated, as DynamoDB does.
  for (const p of [...actions.set.map((a) => a.path), ...actions.remove, ...actions.add.map((a) => a.path), ...actions.delete.map((a) => a.path)]) {
    claim(resolvePath(p, env));
  }
  // Values on the right side read the item as it was before this update.
  const sets = actions.set.map((a) => ({ path: resolvePath(a.path, env), value: operandValue(a.value, old, env) }));
  for (const s of sets) {
    if (s.value === undefined) throw new ExpressionError('The provided expression refers to an attribute that does not exist in the item');
    setAt(item, s.path, s.value);
  }
  const removes = actions.remove.map((p) => resolvePath(p, env));
  // Remove list elements from the highest index down so earlier removals do not shift later ones.
  removes.sort((a, b) => (typeof b[b.length - 1] === 'number' && typeof a[a.length - 1] === 'number' ? (b[b.length - 1] as number) - (a[a.length - 1] as number) : 0));
  for (const p of removes) removeAt(item, p);
  for (const a of actions.add) {
    const p = resolvePath(a.path, env);
    const v = valueOf((a.value as { name: string }).name ?? '', env);
    const cur = getAt(item, p);
    if (cur === undefined) {
      if (!('N' in v) && !('SS' in v) && !('NS' in v) && !('BS' in v)) throw new ExpressionError('Invalid UpdateExpression: Incorrect operand type for operator or function; operator: ADD, operand type: ' + typeOf(v));
      setAt(item, p, clone(v));
    } else if ('N' in cur && 'N' in v) setAt(item, p, { N: addNumbers(cur.N, v.N) });
    else if ('SS' in cur && 'SS' in v) setAt(item, p, { SS: [...new Set([...cur.SS, ...v.SS])] });
    else if ('NS' in cur && 'NS' in v) {
      const have = new Set(cur.NS.map(normalizeNumber));
      setAt(item, p, { NS: [...cur.NS, ...v.NS.filter((n) => !have.has(normalizeNumber(n)))] });
    } else if ('BS' in cur && 'BS' in v) setAt(item, p, { BS: [...new Set([...cur.BS, ...v.BS])] });
    else throw new ExpressionError('An operand in the update expression has an incorrect data type');
  }
  for (const d of actions.delete) {
    const p = resolvePath(d.path, env);
    const v = valueOf((d.value as { name: string }).name ?? '', env);
    const cur = getAt(item, p);
    if (cur === undefined) continue;
    let rest: string[] | undefined;
    if ('SS' in cur && 'SS' in v) rest = cur.SS.filter((e) => !v.SS.includes(e));
    else if ('BS' in cur && 'BS' in v) rest = cur.BS.filter((e) => !v.BS.includes(e));
    else if ('NS' in cur && 'NS' in v) { const del = new Set(v.NS.map(normalizeNumber)); rest = cur.NS.filter((e) => !del.has(normalizeNumber(e))); }
    else throw new ExpressionError('Invalid UpdateExpression: Incorrect operand type for operator or function; operator: DELETE, operand type: ' + typeOf(v));
    if (rest.length === 0) removeAt(item, p);
    else setAt(item, p, { [typeOf(cur)]: rest } as AttributeValue);
  }
  return item;
}

/** Keeps only the projected paths of an item. */
export function project(item: Item, paths: Path[], env: ExprEnv): Item {
  const out: Item = {};
  for (const p of paths) {
    const cp = resolvePath(p, env);
    const v = getAt(item, cp);
    if (v === undefined) continue;
    // Rebuild the nesting, compacting list indexes as DynamoDB does.
    let target: AttributeValue = { M: out };
    for (let i = 0; i < cp.length; i++) {
      const e = cp[i]!;
      const isLast = i === cp.length - 1;
      const nextIsIndex = !isLast && typeof cp[i + 1] === 'number';
      if (typeof e === 'number') {
        if (!('L' in target)) break;
        if (isLast) { target.L.push(clone(v)); break; }
        const fresh: AttributeValue = nextIsIndex ? { L: [] } : { M: {} };
        target.L.push(fresh);
        target = fresh;
      } else {
        if (!('M' in target)) break;
        if (isLast) { target.M[e] = clone(v); break; }
        target.M[e] ??= nextIsIndex ? { L: [] } : { M: {} };
        target = target.M[e]!;
      }
    }
  }
  return out;
}
