/**
 * `plan -generate-config-out` with the aws provider against the built-in cloud: objects
 * made with the AWS SDK are imported through generated configuration; the file is compared
 * with what Terraform 1.11.4 + hashicorp/aws 5.100.0 wrote for the same objects (golden
 * files, ids aside), then an apply imports them with nothing else to do.
 * When `terraform` and TERRANE_TF_PLUGIN_MIRROR (a filesystem mirror holding hashicorp/aws
 * 5.100.0) are available, Terraform is run on the same objects and must still write the
 * golden files.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthorizeSecurityGroupIngressCommand, CreateSecurityGroupCommand, CreateVpcCommand, EC2Client } from '@aws-sdk/client-ec2';
import { CreatePolicyCommand, IAMClient } from '@aws-sdk/client-iam';
import { startCloud, type RunningCloud } from '../../src/cloud/index.js';
import { hasTerraform } from '../support/terraform.js';
import { terraneInProcess } from '../support/cli-in-process.js';

const FIXTURE = join(import.meta.dirname, '../../testdata/plan/generate-config-aws');
const fixture = (name: string) => readFileSync(join(FIXTURE, name), 'utf8');

/** The ids of the objects the golden files were made from. */
const GOLDEN_IDS = { vpc: 'vpc-05e15af734801b10b', sg: 'sg-0829a72433c1e939c', odd: 'sg-091da38b69a9d06c7' };

/**
 * What Terraform does with each configuration: hashicorp/aws reads `ipv6_netmask_length = 0`
 * for a VPC without IPv6 and then rejects that value without `ipv6_ipam_pool_id`, so the
 * plan of vpc-sg fails and its VPC block is written without the import id. A user deletes
 * that line (`fix`) and plans again.
 */
const CASES: { name: string; addrs: string[]; exit: number; error?: string; fix?: [string, string] }[] = [
  {
    name: 'vpc-sg', addrs: ['aws_security_group.web', 'aws_vpc.main'], exit: 1,
    // As Terraform 1.11.4 writes it, naming the instance above the location.
    error: 'Error: Missing required argument\n\n  with aws_vpc.main,\n  on generated.tf line 12:\n  (source code not available)\n\n"ipv6_netmask_length": all of `ipv6_ipam_pool_id,ipv6_netmask_length` must be\nspecified\n',
    fix: ['  ipv6_netmask_length                  = 0\n', ''],
  },
  { name: 'policy-alias', addrs: ['aws_iam_policy.reader', 'aws_security_group.odd'], exit: 0 },
];

/** Runs `terrane ...args` in `dir` in this process, against AWS endpoints the configuration names. */
const terraneIn = (dir: string, args: string[]) => terraneInProcess(dir, args, { TERRANE_CLOUD_ENDPOINT: '' });

let cloud: RunningCloud;
let ids: typeof GOLDEN_IDS;
const dirs: string[] = [];

beforeAll(async () => {
  cloud = await startCloud({ port: 0 });
  const cfg = { endpoint: cloud.url, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } };
  const ec2 = new EC2Client(cfg);
  const vpc = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.20.0.0/16', TagSpecifications: [{ ResourceType: 'vpc', Tags: [{ Key: 'Name', Value: 'imported-vpc' }] }] }))).Vpc!.VpcId!;
  const sg = (await ec2.send(new CreateSecurityGroupCommand({
    GroupName: 'imported-sg', Description: 'Managed elsewhere', VpcId: vpc,
    TagSpecifications: [{ ResourceType: 'security-group', Tags: [{ Key: 'Name', Value: 'imported-sg' }, { Key: 'team', Value: 'data' }] }],
  }))).GroupId!;
  await ec2.send(new AuthorizeSecurityGroupIngressCommand({
    GroupId: sg, IpPermissions: [
      { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '10.0.0.0/8', Description: 'ssh' }] },
      { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '0.0.0.0/0' }] },
    ],
  }));
  const odd = (await ec2.send(new CreateSecurityGroupCommand({
    GroupName: 'odd-tags', Description: 'Say "hi" ${x}', VpcId: vpc,
    TagSpecifications: [{ ResourceType: 'security-group', Tags: [{ Key: 'cost-center', Value: '42' }, { Key: 'a b', Value: 'c' }, { Key: 'Name', Value: 'odd' }] }],
  }))).GroupId!;
  const iam = new IAMClient(cfg);
  await iam.send(new CreatePolicyCommand({
    PolicyName: 'reader', Path: '/team/', Description: 'Read the bucket',
    PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'Read', Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'], Resource: ['arn:aws:s3:::data', 'arn:aws:s3:::data/*'], Condition: { NumericLessThan: { 's3:max-keys': 10 } } }] }),
  }));
  ec2.destroy();
  iam.destroy();
  ids = { vpc, sg, odd };
});

afterAll(async () => {
  await cloud?.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A working directory with the fixture's configuration `name` for this cloud and these objects. */
function workdir(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `terrane-genconfig-aws-${name}-`));
  dirs.push(dir);
  const text = (fixture('provider.tf.txt') + '\n' + fixture(`${name}.tf.txt`))
    .replaceAll('ENDPOINT', cloud.url).replaceAll('VPC_ID', ids.vpc).replaceAll('ODD_SG_ID', ids.odd).replaceAll('SG_ID', ids.sg);
  writeFileSync(join(dir, 'main.tf'), text);
  return dir;
}

/** A generated file with this run's ids put back to the golden run's. */
function withGoldenIds(text: string): string {
  return text.replaceAll(ids.vpc, GOLDEN_IDS.vpc).replaceAll(ids.sg, GOLDEN_IDS.sg).replaceAll(ids.odd, GOLDEN_IDS.odd);
}

describe('plan -generate-config-out with the aws provider', { timeout: 120_000 }, () => {
  it.each(CASES)('$name: writes what Terraform writes, and an apply imports with nothing else to do', async ({ name, addrs, exit, error, fix }) => {
    const dir = workdir(name);
    const p = await terraneIn(dir, ['plan', '-generate-config-out=generated.tf']);
    expect(p.code, p.stderr).toBe(exit);
    if (error) expect(p.stderr).toContain(error);
    const generated = readFileSync(join(dir, 'generated.tf'), 'utf8');
    expect(withGoldenIds(generated)).toBe(fixture(`${name}.generated.tf`));
    if (fix) writeFileSync(join(dir, 'generated.tf'), generated.replace(fix[0], fix[1]));

    const a = await terraneIn(dir, ['apply', '-auto-approve']);
    expect(a.code, a.stderr).toBe(0);
    for (const addr of addrs) expect(a.stdout).toContain(`  # ${addr} will be imported\n`);
    expect(a.stdout).toContain(`Plan: ${addrs.length} to import, 0 to add, 0 to change, 0 to destroy.`);
    expect(a.stdout).toContain(`Apply complete! Resources: ${addrs.length} imported, 0 added, 0 changed, 0 destroyed.`);
    expect((await terraneIn(dir, ['state', 'list'])).stdout.trim().split('\n')).toEqual(addrs);
    const again = await terraneIn(dir, ['plan', '-detailed-exitcode']);
    expect(again.code, again.stdout + again.stderr).toBe(0);
  });

  it('records what hashicorp/aws records for the imported objects', async () => {
    const dir = workdir('vpc-sg');
    const p = await terraneIn(dir, ['plan', '-generate-config-out=generated.tf']);
    expect(p.code).toBe(1);
    writeFileSync(join(dir, 'generated.tf'), readFileSync(join(dir, 'generated.tf'), 'utf8').replace(CASES[0]!.fix![0], ''));
    expect((await terraneIn(dir, ['apply', '-auto-approve'])).code).toBe(0);
    const state = JSON.parse(readFileSync(join(dir, 'terraform.tfstate'), 'utf8')) as { resources: { type: string; instances: { attributes: Record<string, unknown> }[] }[] };
    const golden = JSON.parse(fixture('vpc-sg.state.json')) as Record<string, Record<string, unknown>>;
    const attrs = (type: string) => state.resources.find((r) => r.type === type)!.instances[0]!.attributes;
    const vpc = attrs('aws_vpc'), sg = attrs('aws_security_group');
    for (const k of ['assign_generated_ipv6_cidr_block', 'ipv6_netmask_length', 'ipv6_ipam_pool_id', 'ipv6_cidr_block', 'ipv6_association_id', 'tags', 'tags_all', 'enable_dns_support', 'enable_dns_hostnames', 'instance_tenancy']) {
      expect(vpc[k], `aws_vpc.${k}`).toEqual(golden['aws_vpc.main']![k]);
    }
    for (const k of ['revoke_rules_on_delete', 'name', 'name_prefix', 'description', 'tags', 'tags_all']) {
      expect(sg[k], `aws_security_group.${k}`).toEqual(golden['aws_security_group.web']![k]);
    }
  });
});

const mirror = process.env['TERRANE_TF_PLUGIN_MIRROR'];

describe.skipIf(!hasTerraform() || !mirror)('Terraform on the same objects (cross-check of the golden files)', { timeout: 300_000 }, () => {
  const terraform = (dir: string, args: string[]) => new Promise<{ code: number; out: string }>((resolve) => {
    execFile('terraform', [...args, '-no-color'], {
      cwd: dir, env: { ...process.env, TF_CLI_CONFIG_FILE: join(dir, 'cli.tfrc'), TF_IN_AUTOMATION: '1' }, maxBuffer: 64 << 20,
    }, (err, stdout, stderr) => resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, out: stdout + stderr }));
  });

  it.each(CASES)('$name: Terraform still writes the golden file', async ({ name, exit }) => {
    const dir = workdir(name);
    writeFileSync(join(dir, 'cli.tfrc'), `provider_installation {\n  filesystem_mirror {\n    path = ${JSON.stringify(mirror)}\n  }\n}\n`);
    const init = await terraform(dir, ['init', '-input=false']);
    expect(init.code, init.out).toBe(0);
    const p = await terraform(dir, ['plan', '-input=false', '-generate-config-out=generated.tf']);
    expect(p.code, p.out).toBe(exit);
    // Terraform writes the blocks in the order its walk finishes them, which varies.
    expect(blocks(withGoldenIds(readFileSync(join(dir, 'generated.tf'), 'utf8')))).toEqual(blocks(fixture(`${name}.generated.tf`)));
  });
});

/** A generated file's header, then its blocks (each with its comment) in sorted order. */
function blocks(text: string): string[] {
  const [head, ...rest] = text.trimEnd().split('\n\n# __generated__ by Terraform');
  return [head!, ...rest.sort()];
}
