import { describe, expect, it } from 'vitest';
import * as T from '../../../lang/types.js';
import { impliedType } from '../../schema.js';
import { fromJS, toJS } from '../../sdk/obj.js';
import { a, block, nested } from '../schema-dsl.js';
import { keepLegacyZeros, namePrefixFromName, parseResourceId, prefixedUniqueId, resourceId } from './common.js';
import { ProviderError } from '../../sdk/resource.js';

describe('S3 resource ids', () => {
  it.each([
    { id: 'b', bucket: 'b', owner: undefined },
    { id: 'b,123456789012', bucket: 'b', owner: '123456789012' },
  ])('parses $id and builds it back', ({ id, bucket, owner }) => {
    expect(parseResourceId(id)).toEqual({ bucket, owner });
    expect(resourceId(bucket, owner)).toBe(id);
  });

  it.each(['', 'a,b,c', ',x', 'x,'])('rejects %j', (id) => {
    expect(() => parseResourceId(id)).toThrow(ProviderError);
  });
});

describe('generated names', () => {
  it('are prefix + 18 timestamp digits + 8 hex counter digits, distinct, and give their prefix back', () => {
    const at = new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 678));
    const a = prefixedUniqueId('terraform-', at);
    const b = prefixedUniqueId('terraform-', at);
    expect(a).toMatch(/^terraform-202401020304056780[0-9a-f]{8}$/);
    expect(a).not.toBe(b);
    expect(namePrefixFromName(a)).toBe('terraform-');
    expect(namePrefixFromName(prefixedUniqueId('my-'))).toBe('my-');
  });

  it.each(['my-bucket', 'short', 'x'.repeat(26)])('has no prefix for %j', (name) => {
    expect(namePrefixFromName(name)).toBeNull();
  });
});

describe('legacy zero values', () => {
  const blk = block({ name: a(T.String, 'o'), size: a(T.Number, 'o'), when: a(T.String, 'c') }, {
    item: nested('set', block({ k: a(T.String, 'r'), flag: a(T.Bool, 'o') })),
  });
  const ty = impliedType(blk);
  const v = (js: Record<string, unknown>) => fromJS(js, ty);

  it.each([
    { name: 'keeps "" for an unset string', planned: { name: null, size: 3 }, prior: { name: '', size: 3 }, want: { name: '', size: 3 } },
    { name: 'keeps 0 for an unset number', planned: { name: 'x', size: null }, prior: { name: 'x', size: 0 }, want: { name: 'x', size: 0 } },
    { name: 'a real value is a change', planned: { name: null }, prior: { name: 'set' }, want: { name: null } },
    {
      name: 'matches set elements by their normalised value',
      planned: { item: [{ k: 'a', flag: null }, { k: 'b', flag: true }] },
      prior: { item: [{ k: 'b', flag: true }, { k: 'a', flag: false }] },
      want: { item: [{ k: 'a', flag: false }, { k: 'b', flag: true }] },
    },
  ])('$name', ({ planned, prior, want }) => {
    const got = keepLegacyZeros(blk, v(planned), v(prior));
    expect(toJS(got)).toEqual(toJS(v(want)));
  });

  it('returns the prior object itself when nothing else differs', () => {
    const prior = v({ name: '', size: 0, when: 't' });
    expect(keepLegacyZeros(blk, v({ name: null, size: null, when: 't' }), prior)).toBe(prior);
  });
});
