import { describe, it, expect } from 'vitest';
import type { AttributeValue, Item } from './attribute-value.js';
import { applyUpdate, evalCondition, project, type ExprEnv } from './evaluate.js';
import { ExpressionError, parseCondition, parseProjection, parseUpdate } from './expressions.js';

const item: Item = {
  id: { S: 'user#1' },
  age: { N: '42' },
  name: { S: 'Ada Lovelace' },
  tags: { SS: ['a', 'b'] },
  list: { L: [{ N: '1' }, { S: 'two' }, { M: { deep: { BOOL: true } } }] },
  info: { M: { city: { S: 'London' }, zip: { N: '100' } } },
  empty: { NULL: true },
};

const values: Record<string, AttributeValue> = {
  ':n40': { N: '40' }, ':n42': { N: '42.0' }, ':n50': { N: '50' }, ':ada': { S: 'Ada' }, ':lon': { S: 'London' },
  ':a': { S: 'a' }, ':z': { S: 'z' }, ':two': { S: 'two' }, ':ss': { S: 'SS' }, ':twelve': { N: '12' },
};
const env: ExprEnv = { names: { '#n': 'name', '#i': 'info', '#weird': 'a.b' }, values };

describe('condition expressions', () => {
  it.each([
    ['attribute_exists(id)', true],
    ['attribute_not_exists(id)', false],
    ['attribute_not_exists(missing)', true],
    ['age = :n42', true],
    ['age <> :n42', false],
    ['age < :n50 AND age > :n40', true],
    ['age <= :n40 OR age >= :n50', false],
    ['NOT age = :n40', true],
    ['age BETWEEN :n40 AND :n50', true],
    ['age IN (:n40, :n42)', true],
    ['begins_with(#n, :ada)', true],
    ['contains(#n, :ada)', true],
    ['contains(tags, :a)', true],
    ['contains(tags, :z)', false],
    ['contains(list, :two)', true],
    ['size(#n) = :twelve', true],
    ['size(tags) < :n40', true],
    ['#i.city = :lon', true],
    ['list[2].deep = :a', false],
    ['attribute_exists(list[2].deep)', true],
    ['attribute_type(tags, :ss)', true],
    ['(age = :n40 OR age = :n42) AND attribute_exists(#i.zip)', true],
    ['missing = :a', false],
    ['missing <> :a', true],
    ['#weird = :a', false],
    ['age > :ada', false],
  ])('%s -> %s', (src, want) => {
    expect(evalCondition(parseCondition(src), item, env)).toBe(want);
  });

  it.each([
    ['age = ', 'Invalid ConditionExpression: Syntax error; token: "<EOF>"'],
    ['age == :a', 'Syntax error; token: "="'],
    ['foo(age)', 'Invalid function name; function: foo'],
    ['', 'The expression can not be empty'],
  ])('rejects %j', (src, msg) => {
    expect(() => parseCondition(src)).toThrow(ExpressionError);
    expect(() => parseCondition(src)).toThrow(msg);
  });

  it('reports undefined placeholders', () => {
    expect(() => evalCondition(parseCondition('#nope = :a'), item, env)).toThrow('An expression attribute name used in the document path is not defined; attribute name: #nope');
    expect(() => evalCondition(parseCondition('age = :nope'), item, env)).toThrow('An expression attribute value used in expression is not defined; attribute value: :nope');
  });
});

describe('update expressions', () => {
  const upd = (src: string, vals: Record<string, AttributeValue> = {}) =>
    applyUpdate(item, parseUpdate(src), { names: env.names, values: { ...values, ...vals } });

  it('SET with arithmetic, if_not_exists and list_append', () => {
    const r = upd('SET age = age + :one, cnt = if_not_exists(cnt, :zero) + :one, list = list_append(list, :more), #i.city = :lon2', {
      ':one': { N: '1' }, ':zero': { N: '0' }, ':more': { L: [{ S: 'x' }] }, ':lon2': { S: 'Paris' },
    });
    expect(r['age']).toEqual({ N: '43' });
    expect(r['cnt']).toEqual({ N: '1' });
    expect((r['list'] as { L: unknown[] }).L).toHaveLength(4);
    expect(r['info']).toEqual({ M: { city: { S: 'Paris' }, zip: { N: '100' } } });
    expect(item['age']).toEqual({ N: '42' });
  });

  it('REMOVE attributes and list elements', () => {
    const r = upd('REMOVE #n, list[0], list[1]');
    expect(r['name']).toBeUndefined();
    expect(r['list']).toEqual({ L: [{ M: { deep: { BOOL: true } } }] });
  });

  it('ADD to numbers and sets, DELETE from sets', () => {
    const r = upd('ADD age :five, tags :more, fresh :five', { ':five': { N: '5' }, ':more': { SS: ['c'] } });
    expect(r['age']).toEqual({ N: '47' });
    expect(r['fresh']).toEqual({ N: '5' });
    expect(new Set((r['tags'] as { SS: string[] }).SS)).toEqual(new Set(['a', 'b', 'c']));
    expect(upd('DELETE tags :drop', { ':drop': { SS: ['a'] } })['tags']).toEqual({ SS: ['b'] });
    expect(upd('DELETE tags :drop', { ':drop': { SS: ['a', 'b'] } })['tags']).toBeUndefined();
    expect(() => upd('ADD tags :a DELETE tags :a')).toThrow('Two document paths overlap');
  });

  it.each([
    ['SET age = :n40, age = :n50', 'Two document paths overlap'],
    ['SET nothere.x = :a', 'The document path provided in the update expression is invalid for update'],
    ['SET age = #n + :n40', 'An operand in the update expression has an incorrect data type'],
    ['SET a = :a SET b = :a', 'The "SET" section can only be used once'],
    ['PUT a = :a', 'Syntax error; token: "PUT"'],
  ])('rejects %s', (src, msg) => {
    expect(() => upd(src)).toThrow(msg);
  });
});

describe('projection expressions', () => {
  it('keeps nested paths and list elements', () => {
    const r = project(item, parseProjection('#n, #i.city, list[1]'), env);
    expect(r).toEqual({ name: { S: 'Ada Lovelace' }, info: { M: { city: { S: 'London' } } }, list: { L: [{ S: 'two' }] } });
  });
});
