/** DynamoDB reads over many items: Query (key conditions, indexes, order) and Scan (segments), with paging. */
import type { RequestContext } from '../../context.js';
import { type AttributeValue, type Item, compareScalars, itemSize, keyString, typeOf, valuesEqual } from './attribute-value.js';
import { type ExprEnv, evalCondition } from './evaluate.js';
import { type Condition, parseCondition } from './expressions.js';
import { itemStore } from './item-store.js';
import { consumed, expr, exprEnv, keyOnly, pick, projectionOf, str, tableOf } from './items.js';
import { type IndexMeta, type KeyElement, type TableMeta, validation } from './table-model.js';
import type { JsonOp } from './tables.js';

/** Index view used by Query and Scan: the key schema and which items it holds. */
interface View { keys: KeyElement[]; index?: IndexMeta; isGsi: boolean }

function viewOf(t: TableMeta, input: Record<string, unknown>): View {
  const name = str(input['IndexName']);
  if (name === undefined) return { keys: t.keySchema, isGsi: false };
  const g = t.gsis.find((i) => i.IndexName === name);
  if (g) return { keys: g.KeySchema, index: g, isGsi: true };
  const l = t.lsis.find((i) => i.IndexName === name);
  if (l) return { keys: l.KeySchema, index: l, isGsi: false };
  throw validation(`The table does not have the specified index: ${name}`);
}

function inView(v: View, item: Item): boolean {
  return v.keys.every((k) => item[k.AttributeName] !== undefined);
}

function projectIndex(t: TableMeta, v: View, item: Item): Item {
  const p = v.index?.Projection;
  if (!p || p.ProjectionType === 'ALL') return item;
  const keep = new Set([...t.keySchema, ...v.keys].map((k) => k.AttributeName));
  if (p.ProjectionType === 'INCLUDE') for (const a of p.NonKeyAttributes ?? []) keep.add(a);
  return pick(item, keep);
}

function lastKey(t: TableMeta, v: View, item: Item): Item {
  return { ...keyOnly(t.keySchema, item), ...keyOnly(v.keys, item) };
}

function compareByKeys(keys: KeyElement[], a: Item, b: Item): number {
  for (const k of keys) {
    const x = a[k.AttributeName], y = b[k.AttributeName];
    if (!x || !y) continue;
    const c = compareScalars(x, y) ?? 0;
    if (c !== 0) return c;
  }
  return 0;
}

/** Splits a key condition into the partition key value and checks it only names key attributes. */
function analyzeKeyCondition(c: Condition, v: View, env: ExprEnv): AttributeValue {
  const parts: Condition[] = [];
  const flat = (x: Condition) => { if (x.kind === 'and') { flat(x.a); flat(x.b); } else parts.push(x); };
  flat(c);
  const hash = v.keys[0]!.AttributeName;
  const range = v.keys[1]?.AttributeName;
  const nameOf = (o: unknown): string | undefined => {
    const p = o as { kind: string; elems?: ({ name: string } | { index: number })[] };
    if (p.kind !== 'path' || p.elems!.length !== 1 || !('name' in p.elems![0]!)) return undefined;
    const n = (p.elems![0] as { name: string }).name;
    return n.startsWith('#') ? env.names[n] : n;
  };
  let hashValue: AttributeValue | undefined;
  for (const p of parts) {
    let attr: string | undefined;
    if (p.kind === 'cmp') attr = nameOf(p.a) ?? nameOf(p.b);
    else if (p.kind === 'between') attr = nameOf(p.v);
    else if (p.kind === 'begins_with') attr = nameOf(p.path);
    else throw validation('Invalid operator used in KeyConditionExpression: ' + p.kind.toUpperCase());
    if (p.kind === 'begins_with') {
      const val = p.prefix.kind === 'value' ? env.values[p.prefix.name] : undefined;
      if (val && !('S' in val) && !('B' in val)) {
        throw validation(`Invalid KeyConditionExpression: Incorrect operand type for operator or function; operator or function: begins_with, operand type: ${typeOf(val)}`);
      }
    }
    if (attr === hash) {
      if (p.kind !== 'cmp' || p.op !== '=') throw validation('Query key condition not supported');
      const val = p.a.kind === 'value' ? p.a : p.b;
      if (val.kind !== 'value') throw validation('Query key condition not supported');
      hashValue = env.values[val.name];
    } else if (attr === undefined || attr !== range) {
      throw validation('Query key condition not supported');
    }
  }
  if (!hashValue) throw validation(`Query condition missed key schema element: ${hash}`);
  return hashValue;
}

const PAGE_BYTES = 1024 * 1024;

function pageOut(
  ctx: RequestContext, t: TableMeta, v: View, input: Record<string, unknown>, env: ExprEnv, candidates: Item[],
): Record<string, unknown> {
  const esk = input['ExclusiveStartKey'] as Item | undefined;
  let start = 0;
  if (esk) {
    const eq = (i: Item) => Object.entries(esk).every(([k, x]) => i[k] !== undefined && valuesEqual(i[k]!, x));
    const at = candidates.findIndex(eq);
    start = at >= 0 ? at + 1 : candidates.length;
    if (at < 0) {
      const forward = input['ScanIndexForward'] !== false;
      const idx = candidates.findIndex((i) => { const c = compareByKeys([...v.keys, ...t.keySchema], i, esk); return forward ? c > 0 : c < 0; });
      start = idx < 0 ? candidates.length : idx;
    }
  }
  const limit = typeof input['Limit'] === 'number' ? input['Limit'] : undefined;
  if (limit !== undefined && limit < 1) throw validation(`1 validation error detected: Value '${limit}' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1`);
  const fe = str(input['FilterExpression']);
  const filter = fe === undefined ? undefined : expr(() => parseCondition(fe, 'FilterExpression'));
  const select = str(input['Select']);
  const items: Item[] = [];
  let scanned = 0, bytes = 0, last: Item | undefined;
  for (let i = start; i < candidates.length; i++) {
    const it = candidates[i]!;
    scanned++;
    bytes += itemSize(it);
    if (!filter || expr(() => evalCondition(filter, it, env))) items.push(projectionOf(input, env, projectIndex(t, v, it)));
    const more = i + 1 < candidates.length;
    if (more && ((limit !== undefined && scanned >= limit) || bytes >= PAGE_BYTES)) { last = lastKey(t, v, it); break; }
  }
  const out: Record<string, unknown> = { Count: items.length, ScannedCount: scanned };
  if (select !== 'COUNT') out['Items'] = items;
  if (last) out['LastEvaluatedKey'] = last;
  return { ...out, ...consumed(input, t, Math.max(1, Math.ceil(bytes / 4096)) / 2) };
}

/** Query and Scan. */
export const queryScanOps: Record<string, JsonOp> = {
  Query(input, ctx) {
    const t = tableOf(ctx, input);
    const v = viewOf(t, input);
    const kce = str(input['KeyConditionExpression']);
    if (kce === undefined) throw validation('Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.');
    const env = exprEnv(input, [kce, str(input['FilterExpression']), str(input['ProjectionExpression'])]);
    const cond = expr(() => parseCondition(kce, 'KeyConditionExpression'));
    const hashValue = analyzeKeyCondition(cond, v, env);
    const store = itemStore(ctx.store);
    let candidates = v.isGsi
      ? store.all(ctx.account, ctx.region, t.name).filter((i) => inView(v, i))
      : store.partition(ctx.account, ctx.region, t.name, keyString(hashValue)).filter((i) => inView(v, i));
    candidates = candidates.filter((i) => expr(() => evalCondition(cond, i, env)));
    candidates.sort((a, b) => compareByKeys(v.keys.slice(1), a, b) || compareByKeys(t.keySchema, a, b));
    if (input['ScanIndexForward'] === false) candidates.reverse();
    return pageOut(ctx, t, v, input, env, candidates);
  },
  Scan(input, ctx) {
    const t = tableOf(ctx, input);
    const v = viewOf(t, input);
    const env = exprEnv(input, [str(input['FilterExpression']), str(input['ProjectionExpression'])]);
    let candidates = itemStore(ctx.store).all(ctx.account, ctx.region, t.name).filter((i) => inView(v, i));
    const total = input['TotalSegments'], seg = input['Segment'];
    if (typeof total === 'number') {
      if (typeof seg !== 'number' || seg < 0 || seg >= total) throw validation(`The Segment parameter is zero-based and must be less than parameter TotalSegments: Segment: ${String(seg)} is not less than TotalSegments: ${total}`);
      candidates = candidates.filter((i) => hashSegment(keyString(i[t.keySchema[0]!.AttributeName]!), total) === seg);
    }
    return pageOut(ctx, t, v, input, env, candidates);
  },
};

function hashSegment(s: string, n: number): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) >>> 0;
  return h % n;
}
