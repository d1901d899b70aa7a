/**
 * The aws provider end to end: the built CLI applies a VPC + subnet + internet gateway
 * stack against the local cloud (in-process, reached only through TERRANE_CLOUD_ENDPOINT),
 * finds no drift after apply, sees a tag edited behind its back, and destroys everything.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateTagsCommand, CreateVpcCommand, DescribeVpcsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { startCloud, type RunningCloud } from '../../src/cloud/index.js';
import { copyFixture, type CliResult } from '../support/cli.js';

const BIN = join(import.meta.dirname, '../../bin/terrane.js');
const FIXTURES = join(import.meta.dirname, '../../testdata/providers');

// The cloud runs in this process, so the CLI must run asynchronously (spawnSync would block it).
function run(cwd: string, args: string[], env: NodeJS.ProcessEnv): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const clean = { ...process.env };
    for (const k of Object.keys(clean)) if (k.startsWith('AWS_')) delete clean[k];
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...clean, NO_COLOR: '1', ...env } });
    let stdout = '', stderr = '';
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

let cloud: RunningCloud;
let ec2: EC2Client;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  cloud = await startCloud({ port: 0 });
  env = { TERRANE_CLOUD_ENDPOINT: cloud.url };
  ec2 = new EC2Client({ endpoint: cloud.url, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
});
afterAll(async () => {
  ec2?.destroy();
  await cloud?.close();
});

async function vpcIds(): Promise<{ id: string; isDefault: boolean; tags: Record<string, string> }[]> {
  const out = await ec2.send(new DescribeVpcsCommand({}));
  return (out.Vpcs ?? []).map((v) => ({
    id: v.VpcId!, isDefault: v.IsDefault ?? false,
    tags: Object.fromEntries((v.Tags ?? []).map((t) => [t.Key!, t.Value ?? ''])),
  }));
}

describe('aws provider network stack on the local cloud', () => {
  it('applies, finds no drift, sees a tag changed outside, and destroys', async () => {
    const dir = copyFixture(join(FIXTURES, 'aws-network'));
    const init = await run(dir, ['init'], env);
    expect(init.code, init.stderr + init.stdout).toBe(0);

    const apply = await run(dir, ['apply', '-auto-approve'], env);
    expect(apply.code, apply.stderr + apply.stdout).toBe(0);
    expect(apply.stdout).toContain('Apply complete! Resources: 3 added, 0 changed, 0 destroyed.');

    const out = JSON.parse((await run(dir, ['output', '-json'], env)).stdout) as Record<string, { value: string }>;
    const vpcs = await vpcIds();
    const mine = vpcs.find((v) => v.id === out.vpc_id!.value);
    expect(mine, JSON.stringify(vpcs)).toBeDefined();
    // default_tags reach AWS together with the resource's own tags.
    expect(mine!.tags).toEqual({ Name: 'network-vpc', Project: 'terrane-network' });
    expect(out.subnet_az!.value).toMatch(/^us-east-1[a-z]$/);
    expect(out.igw_arn!.value).toMatch(new RegExp(`^arn:aws:ec2:us-east-1:${out.account_id!.value}:internet-gateway/igw-`));
    expect(out.region!.value).toBe('us-east-1');

    const plan = await run(dir, ['plan', '-detailed-exitcode'], env);
    expect(plan.code, plan.stderr + plan.stdout).toBe(0);
    expect(plan.stdout).toContain('No changes.');

    await ec2.send(new CreateTagsCommand({ Resources: [mine!.id], Tags: [{ Key: 'Name', Value: 'renamed-by-hand' }] }));
    const drift = await run(dir, ['plan', '-detailed-exitcode'], env);
    expect(drift.code, drift.stderr + drift.stdout).toBe(2);
    expect(drift.stdout).toContain('# aws_vpc.main will be updated in-place');
    expect(drift.stdout).toContain('"renamed-by-hand" -> "network-vpc"');
    expect(drift.stdout).toContain('Plan: 0 to add, 1 to change, 0 to destroy.');

    const destroy = await run(dir, ['destroy', '-auto-approve'], env);
    expect(destroy.code, destroy.stderr + destroy.stdout).toBe(0);
    expect(destroy.stdout).toContain('Destroy complete! Resources: 3 destroyed.');
    const left = await vpcIds();
    expect(left.filter((v) => !v.isDefault)).toEqual([]);
    expect(left.filter((v) => v.isDefault)).toHaveLength(1);
  }, 120_000);

  it('reports an invalid CIDR as the AWS error, naming the resource', async () => {
    const dir = copyFixture(join(FIXTURES, 'aws-bad-cidr'));
    expect((await run(dir, ['init'], env)).code).toBe(0);
    const apply = await run(dir, ['apply', '-auto-approve'], env);
    expect(apply.code).toBe(1);
    expect(apply.stderr).toContain('creating EC2 VPC: InvalidParameterValue: Value (2001::/20) for parameter cidrBlock is');
    expect(apply.stderr).toContain('aws_vpc.too_big');
    expect((await vpcIds()).filter((v) => !v.isDefault)).toEqual([]);
  }, 60_000);

  it('says how to get credentials when there are none', async () => {
    const dir = copyFixture(join(FIXTURES, 'aws-bad-cidr'));
    const noCreds = {
      AWS_SHARED_CREDENTIALS_FILE: join(dir, 'none'), AWS_CONFIG_FILE: join(dir, 'none'), AWS_EC2_METADATA_DISABLED: 'true',
    };
    expect((await run(dir, ['init'], noCreds)).code).toBe(0);
    const plan = await run(dir, ['plan'], noCreds);
    expect(plan.code).toBe(1);
    expect(plan.stderr).toContain('No valid credential sources found');
    // The detail is wrapped at 78 columns; compare it as one line.
    const text = plan.stderr.replace(/\s+/g, ' ');
    expect(text).toContain('add -local to the command (or set TERRANE_CLOUD=local)');
    expect(text).toContain('`terrane cloud start` and set TERRANE_CLOUD_ENDPOINT');
  }, 60_000);
  it('imports a VPC made by hand by its id, with no change planned after', async () => {
    const made = await ec2.send(new CreateVpcCommand({
      CidrBlock: '10.30.0.0/16', TagSpecifications: [{ ResourceType: 'vpc', Tags: [{ Key: 'Name', Value: 'made-by-hand' }] }],
    }));
    const id = made.Vpc!.VpcId!;
    const dir = copyFixture(join(FIXTURES, 'aws-import'));
    expect((await run(dir, ['init'], env)).code).toBe(0);
    const imp = await run(dir, ['import', 'aws_vpc.imported', id], env);
    expect(imp.code, imp.stderr + imp.stdout).toBe(0);
    expect(imp.stdout).toContain('Import successful!');
    const plan = await run(dir, ['plan', '-detailed-exitcode'], env);
    expect(plan.code, plan.stderr + plan.stdout).toBe(0);
    const destroy = await run(dir, ['destroy', '-auto-approve'], env);
    expect(destroy.code, destroy.stderr + destroy.stdout).toBe(0);
    expect((await vpcIds()).map((v) => v.id)).not.toContain(id);
  }, 60_000);
});
