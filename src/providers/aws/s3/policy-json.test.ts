import { describe, expect, it } from 'vitest';
import { compactJson, policiesEquivalent, policyToSet } from './policy-json.js';

const base = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::1:root' }, Action: ['s3:GetObject'], Resource: 'arn:aws:s3:::b/*' }] };

describe('policy equivalence', () => {
  it.each([
    { name: 'whitespace', other: JSON.stringify(base, null, 4), same: true },
    { name: 'one-element list vs string', other: JSON.stringify({ ...base, Statement: [{ ...base.Statement[0], Action: 's3:GetObject', Resource: ['arn:aws:s3:::b/*'] }] }), same: true },
    { name: 'single statement object', other: JSON.stringify({ ...base, Statement: base.Statement[0] }), same: true },
    { name: 'principal list', other: JSON.stringify({ ...base, Statement: [{ ...base.Statement[0], Principal: { AWS: ['arn:aws:iam::1:root'] } }] }), same: true },
    { name: 'different action', other: JSON.stringify({ ...base, Statement: [{ ...base.Statement[0], Action: 's3:PutObject' }] }), same: false },
    { name: 'not JSON', other: '{', same: false },
  ])('$name', ({ other, same }) => {
    expect(policiesEquivalent(JSON.stringify(base), other)).toBe(same);
  });

  it('keeps the configured text when equivalent, else stores the remote one with sorted keys', () => {
    const configured = JSON.stringify(base, null, 2);
    expect(policyToSet(configured, JSON.stringify(base))).toBe(configured);
    expect(policyToSet('', '{"b":1,"a":{"d":2,"c":3}}')).toBe('{"a":{"c":3,"d":2},"b":1}');
    expect(compactJson('{ "x" : [ 1, 2 ] }')).toBe('{"x":[1,2]}');
  });
});
