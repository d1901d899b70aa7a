import { describe, it, expect } from 'vitest';
import { Router, authorizationCredential, parseCredential, type Routable } from './router.js';
import { virtualHostBucket } from './services/s3/index.js';

const services: Routable[] = [
  { name: 's3', signingNames: ['s3'] },
  { name: 'sts', signingNames: ['sts'], actions: ['GetCallerIdentity', 'AssumeRole'] },
  { name: 'ec2', signingNames: ['ec2'] },
  { name: 'dynamodb', signingNames: ['dynamodb'], targetPrefixes: ['DynamoDB_20120810'] },
  { name: 'sqs', signingNames: ['sqs'], targetPrefixes: ['AmazonSQS'], actions: ['SendMessage'] },
];
const router = new Router(services);
const sig = (svc: string, region = 'us-east-1', key = 'test') => `AWS4-HMAC-SHA256 Credential=${key}/20240101/${region}/${svc}/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc`;

describe('Router', () => {
  it.each([
    ['SigV4 scope', { authorization: sig('ec2', 'eu-west-1') }, '', '', 'ec2', 'eu-west-1'],
    ['X-Amz-Target wins over the scope', { authorization: sig('dynamodb'), 'x-amz-target': 'DynamoDB_20120810.PutItem' }, '', '', 'dynamodb', 'us-east-1'],
    ['X-Amz-Target without a signature', { 'x-amz-target': 'AmazonSQS.SendMessage' }, '', '', 'sqs', undefined],
    ['presigned query credential', {}, 'X-Amz-Credential=test%2F20240101%2Fap-south-1%2Fs3%2Faws4_request&X-Amz-Signature=x', '', 's3', 'ap-south-1'],
    ['SigV2 header is S3', { authorization: 'AWS AKIAEXAMPLE:c2ln' }, '', '', 's3', undefined],
    ['unsigned form Action', { 'content-type': 'application/x-www-form-urlencoded' }, '', 'Action=GetCallerIdentity&Version=2011-06-15', 'sts', undefined],
    ['unsigned query-string Action', {}, 'Action=SendMessage&QueueUrl=x', '', 'sqs', undefined],
    ['service host name', { host: 'sts.localhost.localstack.cloud:4566' }, '', '', 'sts', undefined],
    ['anything else is S3', { host: '127.0.0.1:4566' }, '', '', 's3', undefined],
  ])('routes by %s', (_what, headers, query, body, service, region) => {
    const r = router.route(headers as Record<string, string>, new URLSearchParams(query), Buffer.from(body));
    expect(r.service?.name).toBe(service);
    expect(r.region).toBe(region);
  });

  it('parses credentials and access keys', () => {
    expect(parseCredential('AKID/20240101/us-west-2/iam/aws4_request')).toEqual({ accessKeyId: 'AKID', date: '20240101', region: 'us-west-2', service: 'iam' });
    expect(parseCredential('nonsense')).toBeUndefined();
    expect(authorizationCredential(sig('s3', 'eu-north-1', '123456789012'))).toMatchObject({ accessKeyId: '123456789012', region: 'eu-north-1', service: 's3' });
    expect(authorizationCredential('Bearer x')).toBeUndefined();
  });
});

describe('virtualHostBucket', () => {
  it.each([
    ['my-bucket.s3.localhost.localstack.cloud:4566', 'my-bucket'],
    ['my.dotted.bucket.s3.us-east-1.amazonaws.com', 'my.dotted.bucket'],
    ['logs.s3.amazonaws.com', 'logs'],
    ['old.s3-us-west-2.amazonaws.com', 'old'],
    ['assets.localhost:4566', 'assets'],
    ['s3.localhost.localstack.cloud:4566', undefined],
    ['localhost:4566', undefined],
    ['127.0.0.1:4566', undefined],
    ['s3.localhost', undefined],
    ['[::1]:4566', undefined],
  ])('%s -> %s', (host, bucket) => {
    expect(virtualHostBucket(host)).toBe(bucket);
  });
});
