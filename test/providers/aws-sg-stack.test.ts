/**
 * The security group types in a whole configuration (testdata/providers/aws-sg-stack):
 * rule blocks and a dynamic block decoded by the engine, the CLI run in-process against
 * the in-process cloud: apply, no changes after, a rule revoked with the AWS SDK shows as
 * an in-place update and is put back, destroy removes every group.
 */
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DescribeSecurityGroupsCommand, EC2Client, RevokeSecurityGroupIngressCommand } from '@aws-sdk/client-ec2';
import { startCloud, type RunningCloud } from '../../src/cloud/index.js';
import { main } from '../../src/cli/main.js';
import { copyFixture } from '../support/cli.js';

let cloud: RunningCloud;
let ec2: EC2Client;
const saved: NodeJS.ProcessEnv = {};

beforeAll(async () => {
  cloud = await startCloud({ port: 0 });
  ec2 = new EC2Client({ endpoint: cloud.url, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  for (const k of Object.keys(process.env)) {
    if (k.startsWith('AWS_') || k === 'TERRANE_CLOUD_ENDPOINT' || k === 'TERRANE_CLOUD' || k === 'NO_COLOR') { saved[k] = process.env[k]; delete process.env[k]; }
  }
  process.env.TERRANE_CLOUD_ENDPOINT = cloud.url;
  process.env.NO_COLOR = '1';
});
afterAll(async () => {
  delete process.env.TERRANE_CLOUD_ENDPOINT;
  delete process.env.NO_COLOR;
  Object.assign(process.env, saved);
  ec2?.destroy();
  await cloud?.close();
});

async function run(cwd: string, ...args: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const sink = new Writable({ write(c, _e, cb) { out += String(c); cb(); } });
  const code = await main(args, { stdout: sink, stderr: sink, cwd, env: process.env });
  return { code, out };
}

describe('security groups in a configuration', () => {
  it('applies, plans no change, sees a revoked rule, puts it back and destroys', async () => {
    const dir = copyFixture(join(import.meta.dirname, '../../testdata/providers/aws-sg-stack'));
    expect((await run(dir, 'init')).code).toBe(0);
    const apply = await run(dir, 'apply', '-auto-approve');
    expect(apply.code, apply.out).toBe(0);
    expect(apply.out).toContain('Apply complete! Resources: 6 added, 0 changed, 0 destroyed.');
    const webId = /web_id = "(sg-[0-9a-f]+)"/.exec(apply.out)?.[1];
    expect(webId).toBeDefined();
    expect(apply.out).toMatch(/db_name = "data-platform-db-\d{18}[0-9a-f]{8}"/);

    const web = (await ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [webId!] }))).SecurityGroups![0]!;
    expect(web.IpPermissions?.map((p) => [p.FromPort, p.IpRanges?.map((r) => [r.CidrIp, r.Description])]).sort()).toEqual([
      [22, [['203.0.113.7/32', 'SSH']]], [3000, [['0.0.0.0/0', 'web UI 3000']]], [8080, [['0.0.0.0/0', 'web UI 8080']]],
    ]);

    const plan = await run(dir, 'plan', '-detailed-exitcode');
    expect(plan.code, plan.out).toBe(0);
    expect(plan.out).toContain('No changes.');

    await ec2.send(new RevokeSecurityGroupIngressCommand({ GroupId: webId, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 8080, ToPort: 8080, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }] }));
    const drift = await run(dir, 'plan', '-detailed-exitcode');
    expect(drift.code, drift.out).toBe(2);
    expect(drift.out).toContain('# aws_security_group.web will be updated in-place');
    expect(drift.out).toContain('Plan: 0 to add, 1 to change, 0 to destroy.');

    const fix = await run(dir, 'apply', '-auto-approve');
    expect(fix.code, fix.out).toBe(0);
    const again = await run(dir, 'plan', '-detailed-exitcode');
    expect(again.code, again.out).toBe(0);

    const destroy = await run(dir, 'destroy', '-auto-approve');
    expect(destroy.code, destroy.out).toBe(0);
    expect(destroy.out).toContain('Destroy complete! Resources: 6 destroyed.');
    const left = (await ec2.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'group-name', Values: ['data-platform-web'] }] }))).SecurityGroups;
    expect(left).toEqual([]);
  }, 60_000);
});
