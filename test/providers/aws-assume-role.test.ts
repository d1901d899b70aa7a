/**
 * The provider's assume_role blocks against the local cloud: calls run as the assumed role
 * (another account here), roles chain, and a bad duration is refused before any call.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { startCloud, type RunningCloud } from '../../src/cloud/index.js';
import { configureAws } from '../../src/providers/aws/config.js';
import { durationSeconds } from '../../src/providers/aws/assume-role.js';
import { providerBlock } from '../../src/providers/aws/provider-schema.js';
import { impliedType } from '../../src/providers/schema.js';
import { fromJS } from '../../src/providers/sdk/obj.js';

let cloud: RunningCloud;
beforeAll(async () => { cloud = await startCloud({ port: 0, logLevel: 'silent' }); });
afterAll(async () => { await cloud?.close(); });

const cfg = (js: Record<string, unknown>) => fromJS({
  region: 'us-east-1', access_key: 'test', secret_key: 'test', endpoints: [{ sts: cloud.url, ec2: cloud.url }], ...js,
}, impliedType(providerBlock));

describe('assume_role', () => {
  it('runs every call as the assumed role, and reports that role as the caller', async () => {
    const meta = await configureAws(cfg({ assume_role: [{ role_arn: 'arn:aws:iam::111122223333:role/deployer', session_name: 'ci-run', duration: '1h' }] }), {});
    try {
      expect(meta.accountId).toBe('111122223333');
      expect(meta.callerArn).toBe('arn:aws:sts::111122223333:assumed-role/deployer/ci-run');
      const id = await meta.sts().send(new GetCallerIdentityCommand({}));
      expect(id.Arn).toBe('arn:aws:sts::111122223333:assumed-role/deployer/ci-run');
    } finally {
      meta.destroy();
    }
  });

  it('chains several roles in order', async () => {
    const meta = await configureAws(cfg({ assume_role: [
      { role_arn: 'arn:aws:iam::111122223333:role/hop', session_name: 'one' },
      { role_arn: 'arn:aws:iam::444455556666:role/target', session_name: 'two' },
    ] }), {});
    try {
      expect(meta.callerArn).toBe('arn:aws:sts::444455556666:assumed-role/target/two');
    } finally {
      meta.destroy();
    }
  });

  it('refuses a duration outside 15 minutes to 12 hours, or not a duration', async () => {
    await expect(configureAws(cfg({ assume_role: [{ role_arn: 'arn:aws:iam::111122223333:role/x', duration: '5m' }] }), {})).rejects.toThrow(/between 15 minutes and 12 hours/);
    await expect(configureAws(cfg({ assume_role: [{ role_arn: 'arn:aws:iam::111122223333:role/x', duration: 'an hour' }] }), {})).rejects.toThrow(/got "an hour"/);
    expect(durationSeconds('1h30m')).toBe(5400);
    expect(durationSeconds('900s')).toBe(900);
  });
});
