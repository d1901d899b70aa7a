/** DynamoDB item operations: Put/Get/Delete/Update, Query, Scan and the batch calls. */
import type { RequestContext } from '../../context.js';
import { AwsError } from '../../errors.js';
import { type AttributeValue, type Item, compareScalars, itemSize, keyString, typeOf, validateValue, valuesEqual } from './attribute-value.js';
import { type ExprEnv, applyUpdate, evalCondition, project } from './evaluate.js';
import { type Condition, ExpressionError, parseCondition, parseProjection, parseUpdate, placeholders } from './expressions.js';
import { itemStore } from './item-store.js';
import { applyAttributeUpdates, legacyExpected } from './legacy.js';
import { type IndexMeta, type KeyElement, type TableMeta, loadTable, validation } from './table-model.js';
import type { JsonOp } from './tables.js';

const MAX_ITEM = 400 * 1024;

function conditionFailed(): AwsError {
  return new AwsError('ConditionalCheckFailedException', 'The conditional request failed');
}

/** Runs fn, turning expression errors into ValidationException. */
export function expr<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof ExpressionError) throw validation(e.message);
    throw e;
  }
}

/** Validates the attribute values of an item or key. */
export function checkItemValues(item: unknown, what: string): Item {
  if (item === null || typeof item !== 'object' || Array.isArray(item)) throw validation(`1 validation error detected: Value null at '${what}' failed to satisfy constraint: Member must not be null`);
  for (const v of Object.values(item as object)) {
    const e = validateValue(v);
    if (e) throw validation(e.startsWith('One or more') || e.startsWith('Supplied') || e.startsWith('A value') || e.startsWith('Input') ? e : `One or more parameter values were invalid: ${e}`);
  }
  return item as Item;
}

function defType(t: TableMeta, name: string): string {
  return t.attributeDefinitions.find((d) => d.AttributeName === name)?.AttributeType ?? 'S';
}

/** The encoded (pk, sk) of an item or key; `exact` requires the key and nothing else. */
function encodeKey(t: TableMeta, item: Item, exact: boolean): { pk: string; sk: string } {
  if (exact) {
    const names = Object.keys(item);
    if (names.length !== t.keySchema.length || !t.keySchema.every((k) => names.includes(k.AttributeName))) {
      throw validation('The provided key element does not match the schema');
    }
  }
  const parts = t.keySchema.map((k) => {
    const v = item[k.AttributeName];
    if (v === undefined) throw validation(exact ? 'The provided key element does not match the schema' : `One or more parameter values were invalid: Missing the key ${k.AttributeName} in the item`);
    const want = defType(t, k.AttributeName);
    if (typeOf(v) !== want) {
      throw validation(exact ? 'The provided key element does not match the schema' : `One or more parameter values were invalid: Type mismatch for key ${k.AttributeName} expected: ${want} actual: ${typeOf(v)}`);
    }
    if ((('S' in v) && v.S === '') || (('B' in v) && v.B === '')) {
      throw validation(`One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty ${'S' in v ? 'string' : 'binary'} value. Key: ${k.AttributeName}`);
    }
    return keyString(v);
  });
  return { pk: parts[0]!, sk: parts[1] ?? '' };
}

/** The key attributes of an item under a key schema. */
export function keyOnly(keys: KeyElement[], item: Item): Item {
  const out: Item = {};
  for (const k of keys) if (item[k.AttributeName] !== undefined) out[k.AttributeName] = item[k.AttributeName]!;
  return out;
}

/** Placeholder maps of a request, checked for undefined and unused entries across its expressions. */
export function exprEnv(input: Record<string, unknown>, exprs: (string | undefined)[]): ExprEnv {
  const names = (input['ExpressionAttributeNames'] ?? {}) as Record<string, string>;
  const values = (input['ExpressionAttributeValues'] ?? {}) as Record<string, AttributeValue>;
  const present = exprs.filter((e): e is string => typeof e === 'string');
  if (present.length === 0) {
    if (input['ExpressionAttributeNames'] !== undefined) throw validation('ExpressionAttributeNames can only be specified when using expressions');
    if (input['ExpressionAttributeValues'] !== undefined) throw validation('ExpressionAttributeValues can only be specified when using expressions');
  }
  if (input['ExpressionAttributeValues'] !== undefined && Object.keys(values).length === 0) throw validation('ExpressionAttributeValues must not be empty');
  if (input['ExpressionAttributeNames'] !== undefined && Object.keys(names).length === 0) throw validation('ExpressionAttributeNames must not be empty');
  const used = { names: new Set<string>(), values: new Set<string>() };
  for (const e of present) {
    const p = placeholders(e);
    p.names.forEach((n) => used.names.add(n));
    p.values.forEach((v) => used.values.add(v));
  }
  const unusedNames = Object.keys(names).filter((n) => !used.names.has(n));
  if (unusedNames.length) throw validation(`Value provided in ExpressionAttributeNames unused in expressions: keys: {${unusedNames.join(', ')}}`);
  const unusedValues = Object.keys(values).filter((n) => !used.values.has(n));
  if (unusedValues.length) throw validation(`Value provided in ExpressionAttributeValues unused in expressions: keys: {${unusedValues.join(', ')}}`);
  for (const v of Object.values(values)) {
    const e = validateValue(v);
    if (e) throw validation(`ExpressionAttributeValues contains invalid value: ${e.replace(/^One or more parameter values were invalid: /, '')}`);
  }
  return { names, values };
}

/** A string parameter, or undefined. */
export function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function returnValues(input: Record<string, unknown>, allowed: string[]): string {
  const rv = str(input['ReturnValues']) ?? 'NONE';
  if (!allowed.includes(rv)) throw validation(`1 validation error detected: Value '${rv}' at 'returnValues' failed to satisfy constraint: Member must satisfy enum value set: [${allowed.join(', ')}]`);
  return rv;
}

/** ConsumedCapacity when the request asks for it. */
export function consumed(input: Record<string, unknown>, t: TableMeta, units: number): Record<string, unknown> {
  const rc = input['ReturnConsumedCapacity'];
  if (rc !== 'TOTAL' && rc !== 'INDEXES') return {};
  return { ConsumedCapacity: { TableName: t.name, CapacityUnits: units } };
}

/** The table a request names. */
export function tableOf(ctx: RequestContext, input: Record<string, unknown>): TableMeta {
  return loadTable(ctx, input['TableName']);
}

function put(ctx: RequestContext, t: TableMeta, item: Item): void {
  if (itemSize(item) > MAX_ITEM) throw validation('Item size has exceeded the maximum allowed size');
  const k = encodeKey(t, item, false);
  for (const ix of [...t.gsis, ...t.lsis]) {
    for (const ke of ix.KeySchema) {
      const v = item[ke.AttributeName];
      const want = defType(t, ke.AttributeName);
      if (v !== undefined && typeOf(v) !== want) {
        throw validation(`One or more parameter values were invalid: Type mismatch for Index Key ${ke.AttributeName} Expected: ${want} Actual: ${typeOf(v)} IndexName: ${ix.IndexName}`);
      }
    }
  }
  itemStore(ctx.store).put(ctx.account, ctx.region, t.name, k.pk, k.sk, item);
}

/** Reads one item by its exact key (for GetItem and TransactGetItems). */
export function getItem(ctx: RequestContext, t: TableMeta, key: Item): Item | undefined {
  const k = encodeKey(t, key, true);
  return itemStore(ctx.store).get(ctx.account, ctx.region, t.name, k.pk, k.sk);
}

/** Applies ProjectionExpression (or legacy AttributesToGet) of a request to an item. */
export function projectionOf(input: Record<string, unknown>, env: ExprEnv, item: Item): Item {
  const pe = str(input['ProjectionExpression']);
  if (pe !== undefined) return expr(() => project(item, parseProjection(pe), env));
  const atg = input['AttributesToGet'];
  if (Array.isArray(atg)) {
    const out: Item = {};
    for (const a of atg as string[]) if (item[a] !== undefined) out[a] = item[a]!;
    return out;
  }
  return item;
}

function topNames(actions: ReturnType<typeof parseUpdate>, env: ExprEnv): Set<string> {
  const out = new Set<string>();
  const first = (e: { name: string } | { index: number }) => ('name' in e ? (e.name.startsWith('#') ? env.names[e.name] ?? e.name : e.name) : '');
  for (const a of [...actions.set, ...actions.add, ...actions.delete]) out.add(first(a.path.elems[0]!));
  for (const p of actions.remove) out.add(first(p.elems[0]!));
  return out;
}

/** The named top-level attributes of an item. */
export function pick(item: Item, names: Set<string>): Item {
  const out: Item = {};
  for (const n of names) if (item[n] !== undefined) out[n] = item[n]!;
  return out;
}


/** A checked write: whether its condition holds, and how to perform it. */
export interface PreparedWrite {
  /** Identifies the item (table and key) so a transaction can refuse two operations on one item. */
  id: string;
  passes: boolean;
  old: Item | undefined;
  apply(): Record<string, unknown>;
}

/** Validates one Put/Delete/Update/ConditionCheck and evaluates its condition without writing. */
export function prepareWrite(kind: 'Put' | 'Delete' | 'Update' | 'ConditionCheck', input: Record<string, unknown>, ctx: RequestContext): PreparedWrite {
  const t = tableOf(ctx, input);
  const store = itemStore(ctx.store);
  const ce = str(input['ConditionExpression']);
  if (kind === 'ConditionCheck' && ce === undefined) throw validation("1 validation error detected: Value null at 'conditionExpression' failed to satisfy constraint: Member must not be null");
  const ue = kind === 'Update' ? str(input['UpdateExpression']) : undefined;
  const env = exprEnv(input, kind === 'Update' ? [ue, ce] : [ce]);
  const item = kind === 'Put' ? checkItemValues(input['Item'], 'item') : undefined;
  const key = kind === 'Put' ? undefined : checkItemValues(input['Key'], 'key');
  const k = encodeKey(t, item ?? key!, kind !== 'Put');
  const legacyUpdates = kind === 'Update' ? (input['AttributeUpdates'] as Parameters<typeof applyAttributeUpdates>[1] | undefined) : undefined;
  if (legacyUpdates !== undefined && ue !== undefined) {
    throw validation('Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {AttributeUpdates} Expression parameters: {UpdateExpression}');
  }
  const actions = kind !== 'Update' || ue === undefined ? { set: [], remove: [], add: [], delete: [] } : expr(() => parseUpdate(ue));
  const touched = legacyUpdates ? new Set(Object.keys(legacyUpdates)) : topNames(actions, env);
  for (const ke of t.keySchema) {
    if (touched.has(ke.AttributeName)) throw validation(`One or more parameter values were invalid: Cannot update attribute ${ke.AttributeName}. This attribute is part of the key`);
  }
  const cond = ce === undefined ? undefined : expr(() => parseCondition(ce));
  const legacy = legacyExpected(input);
  const old = store.get(ctx.account, ctx.region, t.name, k.pk, k.sk);
  const passes = cond ? expr(() => evalCondition(cond, old ?? {}, env)) : legacy ? evalCondition(legacy.cond, old ?? {}, legacy.env) : true;
  const id = `${t.name}\u0000${k.pk}\u0000${k.sk}`;
  const apply = (): Record<string, unknown> => {
    if (kind === 'Put') { put(ctx, t, item!); return { old }; }
    if (kind === 'Delete') { if (old) store.delete(ctx.account, ctx.region, t.name, k.pk, k.sk); return { old }; }
    if (kind === 'ConditionCheck') return {};
    const base = { ...(old ?? {}), ...key! };
    const next = legacyUpdates ? applyAttributeUpdates(base, legacyUpdates) : expr(() => applyUpdate(base, actions, env));
    put(ctx, t, next);
    return { old, next, touched };
  };
  return { id, passes, old, apply };
}

function runWrite(kind: 'Put' | 'Delete' | 'Update', input: Record<string, unknown>, ctx: RequestContext, allowed: string[]): Record<string, unknown> {
  const rv = returnValues(input, allowed);
  const w = prepareWrite(kind, input, ctx);
  if (!w.passes) {
    const err = conditionFailed();
    if (input['ReturnValuesOnConditionCheckFailure'] === 'ALL_OLD' && w.old) (err as AwsError & { item?: Item }).item = w.old;
    throw err;
  }
  const r = w.apply() as { old?: Item; next?: Item; touched?: Set<string> };
  let attrs: Item | undefined;
  if (rv === 'ALL_OLD') attrs = r.old;
  else if (rv === 'ALL_NEW') attrs = r.next;
  else if (rv === 'UPDATED_OLD') attrs = r.old ? pick(r.old, r.touched!) : undefined;
  else if (rv === 'UPDATED_NEW') attrs = pick(r.next!, r.touched!);
  return { ...(attrs && Object.keys(attrs).length ? { Attributes: attrs } : {}), ...consumed(input, tableOf(ctx, input), 1) };
}

/** The item-level operations. */
export const itemOps: Record<string, JsonOp> = {
  PutItem: (input, ctx) => runWrite('Put', input, ctx, ['NONE', 'ALL_OLD']),
  DeleteItem: (input, ctx) => runWrite('Delete', input, ctx, ['NONE', 'ALL_OLD']),
  UpdateItem: (input, ctx) => runWrite('Update', input, ctx, ['NONE', 'ALL_OLD', 'UPDATED_OLD', 'ALL_NEW', 'UPDATED_NEW']),
  GetItem(input, ctx) {
    const t = tableOf(ctx, input);
    const key = checkItemValues(input['Key'], 'key');
    const env = exprEnv(input, [str(input['ProjectionExpression'])]);
    const item = getItem(ctx, t, key);
    return { ...(item ? { Item: projectionOf(input, env, item) } : {}), ...consumed(input, t, 0.5) };
  },
  BatchWriteItem(input, ctx) {
    const req = input['RequestItems'] as Record<string, { PutRequest?: { Item: Item }; DeleteRequest?: { Key: Item } }[]> | undefined;
    if (!req || Object.keys(req).length === 0) throw validation("1 validation error detected: Value null at 'requestItems' failed to satisfy constraint: Member must not be null");
    const total = Object.values(req).reduce((n, l) => n + l.length, 0);
    if (total > 25) throw validation("1 validation error detected: Value '{...}' at 'requestItems' failed to satisfy constraint: Map value must satisfy constraint: [Member must have length less than or equal to 25, Member must have length greater than or equal to 1]");
    // Check everything first: a batch is rejected as a whole on bad input.
    const plan: (() => void)[] = [];
    for (const [name, list] of Object.entries(req)) {
      const t = loadTable(ctx, name);
      const seen = new Set<string>();
      for (const r of list) {
        const item = r.PutRequest ? checkItemValues(r.PutRequest.Item, 'item') : r.DeleteRequest ? checkItemValues(r.DeleteRequest.Key, 'key') : undefined;
        if (!item) throw validation('Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes');
        const k = encodeKey(t, item, !r.PutRequest);
        const id = `${k.pk}\u0000${k.sk}`;
        if (seen.has(id)) throw validation('Provided list of item keys contains duplicates');
        seen.add(id);
        if (r.PutRequest) plan.push(() => put(ctx, t, item));
        else plan.push(() => itemStore(ctx.store).delete(ctx.account, ctx.region, t.name, k.pk, k.sk));
      }
    }
    for (const p of plan) p();
    return { UnprocessedItems: {} };
  },
  BatchGetItem(input, ctx) {
    const req = input['RequestItems'] as Record<string, Record<string, unknown> & { Keys: Item[] }> | undefined;
    if (!req || Object.keys(req).length === 0) throw validation("1 validation error detected: Value null at 'requestItems' failed to satisfy constraint: Member must not be null");
    const total = Object.values(req).reduce((n, r) => n + (r.Keys?.length ?? 0), 0);
    if (total > 100) throw validation('Too many items requested for the BatchGetItem call');
    const responses: Record<string, Item[]> = {};
    for (const [name, r] of Object.entries(req)) {
      const t = loadTable(ctx, name);
      const env = exprEnv(r, [str(r['ProjectionExpression'])]);
      const seen = new Set<string>();
      responses[name] = [];
      for (const key of r.Keys ?? []) {
        checkItemValues(key, 'key');
        const k = encodeKey(t, key, true);
        const id = `${k.pk}\u0000${k.sk}`;
        if (seen.has(id)) throw validation('Provided list of item keys contains duplicates');
        seen.add(id);
        const item = itemStore(ctx.store).get(ctx.account, ctx.region, t.name, k.pk, k.sk);
        if (item) responses[name].push(projectionOf(r, env, item));
      }
    }
    return { Responses: responses, UnprocessedKeys: {} };
  },
};
