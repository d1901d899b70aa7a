import { describe, expect, it } from 'vitest';
import { namePrefixFromName, parseResourceId, prefixedUniqueId, resourceId } from './common.js';
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
