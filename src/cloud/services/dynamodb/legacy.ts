/** The legacy (pre-expression) parameters some clients still send: Expected and AttributeUpdates. */
import { type AttributeValue, type Item, addNumbers, normalizeNumber, typeOf, validateValue } from './attribute-value.js';
import type { ExprEnv } from './evaluate.js';
import type { Condition, Operand, Path } from './expressions.js';
import { validation } from './table-model.js';

interface ExpectedEntry { Value?: AttributeValue; Exists?: boolean; ComparisonOperator?: string; AttributeValueList?: AttributeValue[] }

const CMP: Record<string, '=' | '<>' | '<' | '<=' | '>' | '>='> = { EQ: '=', NE: '<>', LT: '<', LE: '<=', GT: '>', GE: '>=' };

/** Turns `Expected` (with ConditionalOperator) into a condition over synthetic placeholders. */
export function legacyExpected(input: Record<string, unknown>): { cond: Condition; env: ExprEnv } | undefined {
  const expected = input['Expected'] as Record<string, ExpectedEntry> | undefined;
  if (expected === undefined) return undefined;
  if (input['ConditionExpression'] !== undefined) {
    throw validation('Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {Expected} Expression parameters: {ConditionExpression}');
  }
  const env: ExprEnv = { names: {}, values: {} };
  let n = 0;
  const name = (attr: string): Path => { const k = `#l${n++}`; env.names[k] = attr; return { kind: 'path', elems: [{ name: k }] }; };
  const value = (v: AttributeValue): Operand => {
    const e = validateValue(v);
    if (e) throw validation(e);
    const k = `:l${n++}`;
    env.values[k] = v;
    return { kind: 'value', name: k };
  };
  const parts: Condition[] = Object.entries(expected).map(([attr, e]): Condition => {
    const path = name(attr);
    if (e.ComparisonOperator === undefined) {
      if (e.Exists === false) {
        if (e.Value !== undefined) throw validation(`One or more parameter values were invalid: Value cannot be used when Exists is false for Attribute: ${attr}`);
        return { kind: 'not_exists', path };
      }
      if (e.Value === undefined) throw validation(`One or more parameter values were invalid: Value must be provided when Exists is true for Attribute: ${attr}`);
      return { kind: 'cmp', op: '=', a: path, b: value(e.Value) };
    }
    const list = e.AttributeValueList ?? (e.Value !== undefined ? [e.Value] : []);
    const op = e.ComparisonOperator;
    if (CMP[op]) return { kind: 'cmp', op: CMP[op]!, a: path, b: value(list[0]!) };
    if (op === 'NOT_NULL') return { kind: 'exists', path };
    if (op === 'NULL') return { kind: 'not_exists', path };
    if (op === 'BEGINS_WITH') return { kind: 'begins_with', path, prefix: value(list[0]!) };
    if (op === 'CONTAINS') return { kind: 'contains', path, operand: value(list[0]!) };
    if (op === 'NOT_CONTAINS') return { kind: 'not', c: { kind: 'contains', path, operand: value(list[0]!) } };
    if (op === 'IN') return { kind: 'in', v: path, list: list.map(value) };
    if (op === 'BETWEEN') return { kind: 'between', v: path, lo: value(list[0]!), hi: value(list[1]!) };
    throw validation(`1 validation error detected: Value '${op}' at 'expected.${attr}.member.comparisonOperator' failed to satisfy constraint: Member must satisfy enum value set: [IN, NULL, BETWEEN, LT, NOT_CONTAINS, EQ, GT, NOT_NULL, NE, LE, BEGINS_WITH, GE, CONTAINS]`);
  });
  if (parts.length === 0) return undefined;
  const joiner = input['ConditionalOperator'] === 'OR' ? 'or' : 'and';
  const cond = parts.slice(1).reduce<Condition>((a, b) => ({ kind: joiner, a, b }), parts[0]!);
  return { cond, env };
}

interface AttributeUpdate { Value?: AttributeValue; Action?: 'PUT' | 'ADD' | 'DELETE' }

/** Applies `AttributeUpdates` (PUT, ADD, DELETE per attribute) to a copy of the item. */
export function applyAttributeUpdates(old: Item, updates: Record<string, AttributeUpdate>): Item {
  const item: Item = structuredClone(old);
  for (const [attr, u] of Object.entries(updates)) {
    const action = u.Action ?? 'PUT';
    const v = u.Value;
    if (v !== undefined) { const e = validateValue(v); if (e) throw validation(e); }
    const cur = item[attr];
    if (action === 'PUT') {
      if (v === undefined) throw validation('One or more parameter values were invalid: Only DELETE action is allowed when no attribute value is specified');
      item[attr] = v;
    } else if (action === 'DELETE') {
      if (v === undefined) { delete item[attr]; continue; }
      if (cur === undefined) continue;
      const t = typeOf(v);
      if (typeOf(cur) !== t || !['SS', 'NS', 'BS'].includes(t)) throw validation('Type mismatch for attribute to update');
      const drop = new Set(((v as Record<string, string[]>)[t]!).map((x) => (t === 'NS' ? normalizeNumber(x) : x)));
      const rest = ((cur as Record<string, string[]>)[t]!).filter((x) => !drop.has(t === 'NS' ? normalizeNumber(x) : x));
      if (rest.length) item[attr] = { [t]: rest } as AttributeValue;
      else delete item[attr];
    } else {
      if (v === undefined) throw validation('One or more parameter values were invalid: Only DELETE action is allowed when no attribute value is specified');
      const t = typeOf(v);
      if (cur === undefined) { item[attr] = v; continue; }
      if (typeOf(cur) !== t) throw validation('Type mismatch for attribute to update');
      if (t === 'N') item[attr] = { N: addNumbers((cur as { N: string }).N, (v as { N: string }).N) };
      else if (t === 'SS' || t === 'NS' || t === 'BS') {
        const have = (cur as Record<string, string[]>)[t]!;
        const seen = new Set(have.map((x) => (t === 'NS' ? normalizeNumber(x) : x)));
        item[attr] = { [t]: [...have, ...((v as Record<string, string[]>)[t]!).filter((x) => !seen.has(t === 'NS' ? normalizeNumber(x) : x))] } as AttributeValue;
      } else {
        throw validation('One or more parameter values were invalid: ADD action is not supported for the type ' + t);
      }
    }
  }
  return item;
}
