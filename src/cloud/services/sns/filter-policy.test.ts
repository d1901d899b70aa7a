import { describe, it, expect } from 'vitest';
import { type FilterValue, matchesPolicy, filterPolicyError } from './filter-policy.js';

const attrs: Record<string, FilterValue> = { store: 'example_corp', price: 100, event: 'order_placed', tags: ['a', 'b'] };
const lookup = (path: string[]) => {
  const k = path.join('.');
  return k in attrs ? { present: true, value: attrs[k] } : { present: false, value: undefined };
};

describe('SNS filter policies', () => {
  it.each([
    [{ store: ['example_corp'] }, true],
    [{ store: ['other'] }, false],
    [{ store: ['other', 'example_corp'] }, true],
    [{ price: [100] }, true],
    [{ price: [{ numeric: ['>=', 50, '<', 150] }] }, true],
    [{ price: [{ numeric: ['>', 100] }] }, false],
    [{ event: [{ prefix: 'order_' }] }, true],
    [{ event: [{ suffix: '_placed' }] }, true],
    [{ event: [{ 'anything-but': ['order_placed'] }] }, false],
    [{ event: [{ 'anything-but': { prefix: 'x' } }] }, true],
    [{ event: [{ 'equals-ignore-case': 'ORDER_PLACED' }] }, true],
    [{ missing: [{ exists: false }] }, true],
    [{ store: [{ exists: false }] }, false],
    [{ tags: ['b'] }, true],
    [{ store: ['example_corp'], price: [1] }, false],
    [{ $or: [{ store: ['x'] }, { price: [100] }] }, true],
  ])('%j -> %s', (policy, want) => {
    expect(matchesPolicy(policy, lookup)).toBe(want);
  });

  it('rejects a policy that is not a JSON object', () => {
    expect(filterPolicyError('[1]')).toMatch(/must be a JSON object/);
    expect(filterPolicyError('{')).toMatch(/failed to parse JSON/);
    expect(filterPolicyError('{"a":["b"]}')).toBeUndefined();
  });
});
