import { describe, expect, it } from 'vitest';
import { equivalentJson, equivalentPolicy, keepEquivalent } from './json-policy.js';

const stmt = (extra: Record<string, unknown>) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', ...extra }] });

describe('equivalentJson', () => {
  it.each([
    { a: '{"a":1,"b":[1,2]}', b: '{ "b": [1, 2], "a": 1 }', want: true },
    { a: '{"a":1}', b: '{"a":"1"}', want: false },
    { a: '{"a":[1,2]}', b: '{"a":[2,1]}', want: false },
    { a: '{"a":1}', b: '{"a":1,"b":null}', want: false },
    { a: 'not json', b: 'not json', want: true },
    { a: 'not json', b: '{}', want: false },
  ])('$a ~ $b is $want', ({ a, b, want }) => {
    expect(equivalentJson(a, b)).toBe(want);
  });
});

describe('equivalentPolicy', () => {
  it.each([
    { name: 'a one-element list and its string', a: stmt({ Action: ['sqs:SendMessage'], Resource: '*' }), b: stmt({ Action: 'sqs:SendMessage', Resource: ['*'] }), want: true },
    { name: 'actions in another order', a: stmt({ Action: ['s3:GetObject', 's3:PutObject'] }), b: stmt({ Action: ['s3:PutObject', 's3:GetObject'] }), want: true },
    { name: 'a principal string and list', a: stmt({ Principal: { AWS: 'arn:aws:iam::1:root' } }), b: stmt({ Principal: { AWS: ['arn:aws:iam::1:root'] } }), want: true },
    { name: 'condition values string and list', a: stmt({ Condition: { ArnEquals: { 'aws:SourceArn': 'x' } } }), b: stmt({ Condition: { ArnEquals: { 'aws:SourceArn': ['x'] } } }), want: true },
    { name: 'action names in another case', a: stmt({ Action: 'sns:Publish' }), b: stmt({ Action: 'SNS:Publish' }), want: true },
    { name: 'the "*" principal and AWS "*"', a: stmt({ Principal: '*' }), b: stmt({ Principal: { AWS: '*' } }), want: true },
    { name: 'an account id and its root ARN', a: stmt({ Principal: { AWS: '123456789012' } }), b: stmt({ Principal: { AWS: 'arn:aws:iam::123456789012:root' } }), want: true },
    { name: 'an empty Sid and none', a: stmt({ Sid: '', Action: 'x' }), b: stmt({ Action: 'x' }), want: true },
    { name: 'another principal', a: stmt({ Principal: { AWS: '111111111111' } }), b: stmt({ Principal: { AWS: '222222222222' } }), want: false },
    { name: 'a different action', a: stmt({ Action: 'sqs:SendMessage' }), b: stmt({ Action: 'sqs:ReceiveMessage' }), want: false },
    { name: 'a different effect', a: stmt({ Action: 'x' }), b: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'x' }] }), want: false },
    { name: 'a statement object and a one-statement list', a: JSON.stringify({ Version: '2012-10-17', Statement: { Effect: 'Allow', Action: 'x' } }), b: stmt({ Action: ['x'] }), want: true },
  ])('$name: $want', ({ a, b, want }) => {
    expect(equivalentPolicy(a, b)).toBe(want);
  });
});

describe('keepEquivalent', () => {
  it('keeps the prior text when AWS returns an equivalent one, else takes AWS', () => {
    expect(keepEquivalent('{ "a": 1 }', '{"a":1}', equivalentJson)).toBe('{ "a": 1 }');
    expect(keepEquivalent('{ "a": 1 }', '{"a":2}', equivalentJson)).toBe('{"a":2}');
    expect(keepEquivalent(undefined, '{"a":2}', equivalentJson)).toBe('{"a":2}');
    expect(keepEquivalent('{ "a": 1 }', undefined, equivalentJson)).toBe('');
  });
});
