import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningCloud } from '../../src/cloud/index.js';
import { awsCli } from './aws-cli.js';
import { ec2Client, startEc2 } from './ec2-helpers.js';
import { CreateVpcCommand } from '@aws-sdk/client-ec2';

const hasCli = existsSync('/usr/bin/aws');
let cloud: RunningCloud;
let dir: string;

const aws = async (...args: string[]) => JSON.parse((await awsCli(cloud.url, ['ec2', ...args])) || '{}');

async function awsFails(args: string[]): Promise<string> {
  try {
    await awsCli(cloud.url, ['ec2', ...args]);
  } catch (e) {
    return (e as { stderr: string }).stderr;
  }
  throw new Error(`aws ec2 ${args.join(' ')} succeeded`);
}

beforeAll(async () => {
  cloud = await startEc2();
  dir = mkdtempSync(join(tmpdir(), 'ec2-cli-'));
});
afterAll(async () => {
  await cloud?.close();
  rmSync(dir, { recursive: true, force: true });
});

// Each CLI run starts a Python interpreter, which takes seconds on a busy machine.
describe.skipIf(!hasCli && !process.env['CI'])('AWS CLI v2 against the EC2 service', { timeout: 300_000 }, () => {
  it('describes the default VPC, creates a VPC and subnet, tags them and finds them by tag', async () => {
    const def = await aws('describe-vpcs', '--filters', 'Name=is-default,Values=true');
    expect(def.Vpcs[0].CidrBlock).toBe('172.31.0.0/16');
    const vpc = (await aws('create-vpc', '--cidr-block', '10.7.0.0/16', '--tag-specifications', 'ResourceType=vpc,Tags=[{Key=Name,Value=cli}]')).Vpc;
    expect(vpc.Tags).toEqual([{ Key: 'Name', Value: 'cli' }]);
    const subnet = (await aws('create-subnet', '--vpc-id', vpc.VpcId, '--cidr-block', '10.7.1.0/24', '--availability-zone', 'us-east-1c')).Subnet;
    expect(subnet.AvailabilityZone).toBe('us-east-1c');
    await aws('create-tags', '--resources', vpc.VpcId, subnet.SubnetId, '--tags', 'Key=env,Value=test', 'Key=owner,Value=me');
    const tags = await aws('describe-tags', '--filters', `Name=resource-id,Values=${subnet.SubnetId}`);
    expect(tags.Tags.map((t: { Key: string }) => t.Key).sort()).toEqual(['env', 'owner']);
    const found = await aws('describe-subnets', '--filters', 'Name=tag:env,Values=test', `Name=vpc-id,Values=${vpc.VpcId}`);
    expect(found.Subnets.map((s: { SubnetId: string }) => s.SubnetId)).toEqual([subnet.SubnetId]);
    await aws('modify-vpc-attribute', '--vpc-id', vpc.VpcId, '--enable-dns-hostnames', '{"Value":true}');
    const attr = await aws('describe-vpc-attribute', '--vpc-id', vpc.VpcId, '--attribute', 'enableDnsHostnames');
    expect(attr.EnableDnsHostnames.Value).toBe(true);
    const err = await awsFails(['create-subnet', '--vpc-id', vpc.VpcId, '--cidr-block', '10.7.1.0/25']);
    expect(err).toContain("An error occurred (InvalidSubnet.Conflict) when calling the CreateSubnet operation: The CIDR '10.7.1.0/25' conflicts with another subnet");
  });

  it('pages through describe-vpcs with --max-items and --page-size', async () => {
    const sdk = ec2Client(cloud.url);
    for (let i = 0; i < 6; i++) await sdk.send(new CreateVpcCommand({ CidrBlock: `10.${60 + i}.0.0/16` }));
    const all = (await aws('describe-vpcs')).Vpcs.length;
    const paged = await aws('describe-vpcs', '--page-size', '5');
    expect(paged.Vpcs).toHaveLength(all);
    const first = await aws('describe-vpcs', '--max-items', '3', '--page-size', '5');
    expect(first.Vpcs).toHaveLength(3);
    expect(first.NextToken).toBeDefined();
  });

  it('imports and creates key pairs, runs, describes and terminates instances', async () => {
    const key = join(dir, 'id_ed25519');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', key]);
    const imported = await aws('import-key-pair', '--key-name', 'cli-key', '--public-key-material', `fileb://${key}.pub`);
    expect(imported.KeyFingerprint).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    const made = await aws('create-key-pair', '--key-name', 'cli-made', '--key-type', 'rsa');
    expect(made.KeyMaterial).toMatch(/^-----BEGIN RSA PRIVATE KEY-----/);
    const dup = await awsFails(['create-key-pair', '--key-name', 'cli-made']);
    expect(dup).toContain("(InvalidKeyPair.Duplicate) when calling the CreateKeyPair operation: The keypair 'cli-made' already exists.");

    const images = await aws('describe-images', '--owners', 'amazon', '--filters', 'Name=name,Values=al2023-ami-2023.*-x86_64', '--query', 'sort_by(Images, &CreationDate)[-1]');
    expect(images.Name).toBe('al2023-ami-2023.4.20240401.1-kernel-6.1-x86_64');
    const run = await aws('run-instances', '--image-id', images.ImageId, '--instance-type', 't3.micro', '--count', '2', '--key-name', 'cli-key', '--tag-specifications', 'ResourceType=instance,Tags=[{Key=Name,Value=cli-box}]');
    expect(run.Instances).toHaveLength(2);
    const ids = run.Instances.map((i: { InstanceId: string }) => i.InstanceId);
    const desc = await aws('describe-instances', '--filters', 'Name=tag:Name,Values=cli-box', '--query', 'Reservations[].Instances[].[InstanceId,State.Name,KeyName]');
    expect(desc.map((r: string[]) => r[1])).toEqual(['running', 'running']);
    expect(desc.every((r: string[]) => r[2] === 'cli-key')).toBe(true);
    const bad = await awsFails(['run-instances', '--image-id', 'ami-xyz', '--instance-type', 't3.micro']);
    expect(bad).toContain('An error occurred (InvalidAMIID.Malformed) when calling the RunInstances operation: Invalid id: "ami-xyz" (expecting "ami-...")');
    const unsupported = await awsFails(['run-instances', '--image-id', images.ImageId, '--instance-type', 't2.micro', '--placement', 'AvailabilityZone=us-east-1e']);
    expect(unsupported).toContain('(Unsupported) when calling the RunInstances operation: Your requested instance type (t2.micro) is not supported in your requested Availability Zone (us-east-1e).');
    const term = await aws('terminate-instances', '--instance-ids', ...ids);
    expect(term.TerminatingInstances.map((t: { CurrentState: { Name: string } }) => t.CurrentState.Name)).toEqual(['shutting-down', 'shutting-down']);
    const after = await aws('describe-instances', '--instance-ids', ...ids, '--query', 'Reservations[].Instances[].State.Name');
    expect(after).toEqual(['terminated', 'terminated']);
  });

  it('manages security group rules and reads zones and instance type offerings', async () => {
    const g = await aws('create-security-group', '--group-name', 'cli-sg', '--description', 'from the cli');
    const rule = await aws('authorize-security-group-ingress', '--group-id', g.GroupId, '--protocol', 'tcp', '--port', '22', '--cidr', '203.0.113.0/24');
    expect(rule.SecurityGroupRules[0].SecurityGroupRuleId).toMatch(/^sgr-/);
    const dup = await awsFails(['authorize-security-group-ingress', '--group-id', g.GroupId, '--protocol', 'tcp', '--port', '22', '--cidr', '203.0.113.0/24']);
    expect(dup).toContain('(InvalidPermission.Duplicate)');
    const rules = await aws('describe-security-group-rules', '--filters', `Name=group-id,Values=${g.GroupId}`);
    expect(rules.SecurityGroupRules).toHaveLength(2);
    await aws('revoke-security-group-ingress', '--group-id', g.GroupId, '--protocol', 'tcp', '--port', '22', '--cidr', '203.0.113.0/24');
    const zones = await aws('describe-availability-zones', '--query', 'AvailabilityZones[].ZoneName');
    expect(zones).toHaveLength(6);
    const offered = await aws('describe-instance-type-offerings', '--location-type', 'availability-zone', '--filters', 'Name=instance-type,Values=t2.micro', '--query', 'InstanceTypeOfferings[].Location');
    expect(offered).not.toContain('us-east-1e');
    const regions = await awsCli(cloud.url, ['ec2', 'describe-regions', '--query', 'Regions[].RegionName'], { AWS_DEFAULT_REGION: 'eu-west-1' });
    expect(JSON.parse(regions)).toContain('eu-west-1');
  });
});
