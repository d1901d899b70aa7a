import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { STSClient, GetCallerIdentityCommand, AssumeRoleCommand, GetAccessKeyInfoCommand } from '@aws-sdk/client-sts';
import { startCloud, type RunningCloud } from '../../src/cloud/index.js';
import { service as stsService } from '../../src/cloud/services/sts/index.js';
import { awsCli } from './aws-cli.js';

let cloud: RunningCloud;
beforeAll(async () => {
  cloud = await startCloud({ port: 0, services: [stsService] });
});
afterAll(() => cloud.close());

function sts(accessKeyId = 'test', secretAccessKey = 'test', sessionToken?: string): STSClient {
  return new STSClient({ endpoint: cloud.url, region: 'us-east-1', credentials: { accessKeyId, secretAccessKey, sessionToken } });
}

describe('STS', () => {
  it.each([
    ['test', '000000000000'],
    ['AKIAIOSFODNN7EXAMPLE', '000000000000'],
    ['111122223333', '111122223333'],
  ])('GetCallerIdentity maps access key %s to account %s', async (key, account) => {
    const r = await sts(key).send(new GetCallerIdentityCommand({}));
    expect(r.Account).toBe(account);
    expect(r.Arn).toBe(`arn:aws:iam::${account}:root`);
    expect(r.UserId).toBe(account);
  });

  it('AssumeRole returns credentials that act as the role in its account', async () => {
    const r = await sts().send(new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::444455556666:role/deploy/ci', RoleSessionName: 'build-7', DurationSeconds: 900 }));
    expect(r.AssumedRoleUser?.Arn).toBe('arn:aws:sts::444455556666:assumed-role/ci/build-7');
    expect(r.AssumedRoleUser?.AssumedRoleId).toMatch(/^AROA[A-Z2-7]{17}:build-7$/);
    expect(r.Credentials?.AccessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    const exp = r.Credentials!.Expiration!.getTime() - Date.now();
    expect(exp).toBeGreaterThan(800_000);
    expect(exp).toBeLessThan(1_000_000);
    const c = r.Credentials!;
    const me = await sts(c.AccessKeyId!, c.SecretAccessKey!, c.SessionToken!).send(new GetCallerIdentityCommand({}));
    expect(me.Account).toBe('444455556666');
    expect(me.Arn).toBe('arn:aws:sts::444455556666:assumed-role/ci/build-7');
    expect(me.UserId).toBe(r.AssumedRoleUser?.AssumedRoleId);
    const info = await sts().send(new GetAccessKeyInfoCommand({ AccessKeyId: c.AccessKeyId! }));
    expect(info.Account).toBe('444455556666');
  });

  it.each([
    [{ RoleArn: 'arn:aws:iam::444455556666:role/x', RoleSessionName: 'a b' }, /roleSessionName/],
    [{ RoleArn: 'arn:aws:iam::444455556666:role/x', RoleSessionName: 'ok', DurationSeconds: 60 }, /greater than or equal to 900/],
    [{ RoleArn: 'not-an-arn-but-long-enough', RoleSessionName: 'ok' }, /roleArn/],
  ])('AssumeRole rejects %j with ValidationError', async (input, msg) => {
    const e = await sts().send(new AssumeRoleCommand(input)).catch((e: unknown) => e as { name: string; message: string; $metadata: { httpStatusCode: number } });
    expect(e).toMatchObject({ name: 'ValidationError', $metadata: { httpStatusCode: 400 } });
    expect((e as Error).message).toMatch(msg);
  });

  it('unknown action is 400 InvalidAction in the query envelope', async () => {
    const r = await fetch(cloud.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: 'AWS4-HMAC-SHA256 Credential=test/20240101/us-east-1/sts/aws4_request, SignedHeaders=host, Signature=0' },
      body: 'Action=FlyAway&Version=2011-06-15',
    });
    expect(r.status).toBe(400);
    const body = await r.text();
    expect(body).toContain('<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>InvalidAction</Code>');
    expect(body).toMatch(/<RequestId>[0-9a-f-]{36}<\/RequestId><\/ErrorResponse>$/);
    expect(r.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers an unsigned legacy query request routed by its Action', async () => {
    const r = await fetch(`${cloud.url}/?Action=GetCallerIdentity&Version=2011-06-15`);
    expect(r.status).toBe(200);
    expect(await r.text()).toContain('<Account>000000000000</Account>');
  });

  it('works with the AWS CLI v2', async () => {
    const out = JSON.parse(await awsCli(cloud.url, ['sts', 'get-caller-identity'], { AWS_ACCESS_KEY_ID: '210987654321' }));
    expect(out).toEqual({ UserId: '210987654321', Account: '210987654321', Arn: 'arn:aws:iam::210987654321:root' });
    const role = JSON.parse(await awsCli(cloud.url, ['sts', 'assume-role', '--role-arn', 'arn:aws:iam::123456789012:role/admin', '--role-session-name', 'cli']));
    expect(role.AssumedRoleUser.Arn).toBe('arn:aws:sts::123456789012:assumed-role/admin/cli');
  });
});
