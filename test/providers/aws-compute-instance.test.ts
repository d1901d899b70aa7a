/**
 * aws_instance through the provider protocol against the in-process cloud: launch and wait,
 * state as hashicorp stores it, no drift, in-place updates (type by stop/start, tags,
 * security groups, termination protection, user data), force-new changes, drift (terminated
 * behind terrane's back), import by id, destroy, and the launch mistakes of issue 5.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AuthorizeSecurityGroupIngressCommand, CreateSecurityGroupCommand, CreateSubnetCommand, CreateVpcCommand, DescribeImagesCommand,
  CreateTagsCommand, DescribeInstancesCommand, DescribeVolumesCommand, ImportKeyPairCommand, ModifyInstanceAttributeCommand,
  StartInstancesCommand, StopInstancesCommand, TerminateInstancesCommand,
} from '@aws-sdk/client-ec2';
import { createHash } from 'node:crypto';
import type { Value } from '../../src/lang/value.js';
import { js } from './harness.js';
import { computeEnv, createError, ed25519PublicKey, expectNoChange, type ComputeEnv } from './aws-compute-support.js';

let env: ComputeEnv;
let ami: string, armAmi: string, otherAmi: string;
let subnet: string, subnetE: string, sgA: string, sgB: string;

beforeAll(async () => {
  env = await computeEnv();
  const { ec2 } = env;
  const images = (await ec2.send(new DescribeImagesCommand({ Owners: ['099720109477'] }))).Images!;
  const named = (re: RegExp) => images.filter((i) => re.test(i.Name!)).sort((a, b) => (a.CreationDate! < b.CreationDate! ? 1 : -1))[0]!.ImageId!;
  ami = named(/ubuntu-jammy-22\.04-amd64/);
  armAmi = named(/ubuntu-jammy-22\.04-arm64/);
  otherAmi = named(/ubuntu-focal-20\.04-amd64/);
  const vpc = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.50.0.0/16' }))).Vpc!.VpcId!;
  subnet = (await ec2.send(new CreateSubnetCommand({ VpcId: vpc, CidrBlock: '10.50.1.0/24', AvailabilityZone: 'us-east-1a' }))).Subnet!.SubnetId!;
  subnetE = (await ec2.send(new CreateSubnetCommand({ VpcId: vpc, CidrBlock: '10.50.5.0/24', AvailabilityZone: 'us-east-1e' }))).Subnet!.SubnetId!;
  sgA = (await ec2.send(new CreateSecurityGroupCommand({ VpcId: vpc, GroupName: 'ssh', Description: 'ssh' }))).GroupId!;
  sgB = (await ec2.send(new CreateSecurityGroupCommand({ VpcId: vpc, GroupName: 'web', Description: 'web' }))).GroupId!;
  await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: sgA, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '203.0.113.7/32' }] }] }));
  await ec2.send(new ImportKeyPairCommand({ KeyName: 'laptop', PublicKeyMaterial: Buffer.from(ed25519PublicKey()) }));
});
afterAll(async () => { await env?.close(); });

const I = 'aws_instance';
const USER_DATA = '#!/bin/bash\necho hello > /tmp/hello\n';

function config(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    ami, instance_type: 't2.micro', subnet_id: subnet, vpc_security_group_ids: [sgA], key_name: 'laptop',
    associate_public_ip_address: true, user_data: USER_DATA, tags: { Name: 'spark' }, ...extra,
  };
}

async function describe1(id: string) {
  return (await env.ec2.send(new DescribeInstancesCommand({ InstanceIds: [id] }))).Reservations![0]!.Instances![0]!;
}

async function applyPlan(prior: Value, cfg: Record<string, unknown>) {
  const pl = await env.h.plan(I, prior, cfg);
  expect(pl.diagnostics).toEqual([]);
  return { pl, state: await env.h.apply(I, prior, pl.plannedState, cfg) };
}

describe('aws_instance', () => {
  let state: Value;

  it('launches, waits until running and stores what hashicorp stores', async () => {
    const cfg = config({ root_block_device: [{ volume_size: 12, volume_type: 'gp3', tags: { Disk: 'root' } }] });
    const pl = await env.h.plan(I, null, cfg);
    expect(pl.diagnostics).toEqual([]);
    expect(js(pl.plannedState).user_data).toBe(createHash('sha1').update(USER_DATA).digest('hex'));
    expect(js(pl.plannedState).ebs_block_device).toBeUndefined(); // unknown until applied
    state = await env.h.apply(I, null, pl.plannedState, cfg);
    const s = js(state);
    expect(s.id).toMatch(/^i-[0-9a-f]{17}$/);
    expect(s.arn).toMatch(new RegExp(`^arn:aws:ec2:us-east-1:\\d{12}:instance/${s.id}$`));
    expect(s).toMatchObject({
      instance_state: 'running', ami, instance_type: 't2.micro', availability_zone: 'us-east-1a', subnet_id: subnet,
      vpc_security_group_ids: [sgA], security_groups: [], key_name: 'laptop', associate_public_ip_address: true,
      user_data: createHash('sha1').update(USER_DATA).digest('hex'), user_data_base64: null, tenancy: 'default',
      monitoring: false, disable_api_termination: false, disable_api_stop: false, source_dest_check: true,
      instance_initiated_shutdown_behavior: 'stop', credit_specification: [{ cpu_credits: 'standard' }],
      cpu_core_count: 1, cpu_threads_per_core: 1, ebs_block_device: [], ephemeral_block_device: [], network_interface: [],
      tags: { Name: 'spark' }, tags_all: { Name: 'spark' }, outpost_arn: '', password_data: '', get_password_data: false,
      user_data_replace_on_change: false, metadata_options: [{ http_endpoint: 'enabled', http_protocol_ipv6: 'disabled', http_put_response_hop_limit: 1, http_tokens: 'optional', instance_metadata_tags: 'disabled' }],
    });
    expect(s.private_ip).toMatch(/^10\.50\.1\.\d+$/);
    expect(s.private_dns).toBe(`ip-${(s.private_ip as string).replaceAll('.', '-')}.ec2.internal`);
    expect(s.public_ip).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(s.primary_network_interface_id).toMatch(/^eni-/);
    const root = (s.root_block_device as Record<string, unknown>[])[0]!;
    expect(root).toMatchObject({ device_name: '/dev/sda1', volume_size: 12, volume_type: 'gp3', iops: 3000, throughput: 125, delete_on_termination: true, encrypted: false, tags: { Disk: 'root' } });
    expect(root.volume_id).toMatch(/^vol-/);
    const vol = (await env.ec2.send(new DescribeVolumesCommand({ VolumeIds: [root.volume_id as string] }))).Volumes![0]!;
    expect(vol.Tags).toEqual([{ Key: 'Disk', Value: 'root' }]);
    await expectNoChange(env.h, I, state, cfg);
    // Leaving the computed blocks out of the configuration changes nothing either.
    state = await expectNoChange(env.h, I, state, config());
  });

  it('changes the instance type in place by stopping and starting it', async () => {
    const cfg = config({ instance_type: 't2.small' });
    const { pl, state: next } = await applyPlan(state, cfg);
    expect(pl.requiresReplace).toEqual([]);
    expect(pl.plannedState.attrs.get('public_ip')!.isKnown).toBe(false);
    expect(js(next)).toMatchObject({ id: js(state).id, instance_type: 't2.small', instance_state: 'running' });
    expect((await describe1(js(state).id as string)).InstanceType).toBe('t2.small');
    state = await expectNoChange(env.h, I, next, cfg);
  });

  it('updates tags, security groups and termination protection in place', async () => {
    const cfg = config({ instance_type: 't2.small', vpc_security_group_ids: [sgA, sgB], tags: { Name: 'spark', Env: 'dev' }, disable_api_termination: true });
    const { pl, state: next } = await applyPlan(state, cfg);
    expect(pl.requiresReplace).toEqual([]);
    const i = await describe1(js(state).id as string);
    expect(i.SecurityGroups!.map((g) => g.GroupId).sort()).toEqual([sgA, sgB].sort());
    expect(js(next)).toMatchObject({ tags_all: { Name: 'spark', Env: 'dev' }, disable_api_termination: true });
    state = await expectNoChange(env.h, I, next, cfg);
  });

  it('sees a type changed and tags edited by hand, and plans them back in place', async () => {
    const id = js(state).id as string;
    const { ec2 } = env;
    await ec2.send(new StopInstancesCommand({ InstanceIds: [id] }));
    await describe1(id);
    await ec2.send(new ModifyInstanceAttributeCommand({ InstanceId: id, InstanceType: { Value: 't2.medium' } }));
    await ec2.send(new StartInstancesCommand({ InstanceIds: [id] }));
    await ec2.send(new CreateTagsCommand({ Resources: [id], Tags: [{ Key: 'Env', Value: 'by-hand' }] }));
    const read = await env.h.read(I, state);
    expect(js(read)).toMatchObject({ instance_type: 't2.medium', tags: { Name: 'spark', Env: 'by-hand' } });
    const cfg = config({ instance_type: 't2.small', vpc_security_group_ids: [sgA, sgB], tags: { Name: 'spark', Env: 'dev' }, disable_api_termination: true });
    const { pl, state: next } = await applyPlan(read!, cfg);
    expect(pl.requiresReplace).toEqual([]);
    expect(js(next)).toMatchObject({ instance_type: 't2.small', tags: { Name: 'spark', Env: 'dev' } });
    state = await expectNoChange(env.h, I, next, cfg);
  });

  it('associates, replaces and removes the IAM instance profile in place', async () => {
    const base = { instance_type: 't2.small', vpc_security_group_ids: [sgA, sgB], tags: { Name: 'spark', Env: 'dev' }, disable_api_termination: true };
    const id = js(state).id as string;
    let s = state;
    for (const profile of ['reader', 'writer']) {
      const { pl, state: next } = await applyPlan(s, config({ ...base, iam_instance_profile: profile }));
      expect(pl.requiresReplace).toEqual([]);
      expect(js(next).iam_instance_profile).toBe(profile);
      expect((await describe1(id)).IamInstanceProfile!.Arn).toMatch(new RegExp(`:instance-profile/${profile}$`));
      s = next;
    }
    const removed = { ...config(base) };
    const { state: next } = await applyPlan(s, removed);
    // Optional+computed: removing the argument keeps the profile, as in hashicorp/aws.
    expect(js(next).iam_instance_profile).toBe('writer');
    const { state: cleared } = await applyPlan(next, config({ ...base, iam_instance_profile: '' }));
    expect(js(cleared).iam_instance_profile).toBe('');
    expect((await describe1(id)).IamInstanceProfile).toBeUndefined();
    state = await expectNoChange(env.h, I, cleared, config(base));
  });

  it('assigns and unassigns secondary private addresses in place', async () => {
    const base = { instance_type: 't2.small', vpc_security_group_ids: [sgA, sgB], tags: { Name: 'spark', Env: 'dev' }, disable_api_termination: true };
    const id = js(state).id as string;
    const addrs = async () => (await describe1(id)).NetworkInterfaces![0]!.PrivateIpAddresses!.filter((a) => !a.Primary).map((a) => a.PrivateIpAddress).sort();
    const two = config({ ...base, secondary_private_ips: ['10.50.1.100', '10.50.1.101'] });
    const { pl, state: next } = await applyPlan(state, two);
    expect(pl.requiresReplace).toEqual([]);
    expect(await addrs()).toEqual(['10.50.1.100', '10.50.1.101']);
    expect((js(next).secondary_private_ips as string[]).sort()).toEqual(['10.50.1.100', '10.50.1.101']);
    await expectNoChange(env.h, I, next, two);
    const swapped = config({ ...base, secondary_private_ips: ['10.50.1.101', '10.50.1.102'] });
    const { state: after } = await applyPlan(next, swapped);
    expect(await addrs()).toEqual(['10.50.1.101', '10.50.1.102']);
    const none = config({ ...base, secondary_private_ips: [] });
    const { state: cleared } = await applyPlan(after, none);
    expect(await addrs()).toEqual([]);
    state = await expectNoChange(env.h, I, cleared, config(base));
  });

  it('turns on monitoring, requires IMDSv2 and switches CPU credits in place', async () => {
    const base = { instance_type: 't2.small', vpc_security_group_ids: [sgA, sgB], tags: { Name: 'spark', Env: 'dev' }, disable_api_termination: true };
    const cfg = config({
      ...base, monitoring: true, metadata_options: [{ http_tokens: 'required', http_put_response_hop_limit: 2 }],
      credit_specification: [{ cpu_credits: 'unlimited' }],
    });
    const { pl, state: next } = await applyPlan(state, cfg);
    expect(pl.requiresReplace).toEqual([]);
    expect(js(next)).toMatchObject({
      monitoring: true, credit_specification: [{ cpu_credits: 'unlimited' }],
      metadata_options: [{ http_endpoint: 'enabled', http_tokens: 'required', http_put_response_hop_limit: 2, http_protocol_ipv6: 'disabled', instance_metadata_tags: 'disabled' }],
    });
    const i = await describe1(js(state).id as string);
    expect(i.Monitoring!.State).toBe('enabled');
    expect(i.MetadataOptions).toMatchObject({ HttpTokens: 'required', HttpPutResponseHopLimit: 2 });
    state = await expectNoChange(env.h, I, next, cfg);
    // Dropping the blocks from the configuration keeps what was applied (computed blocks, no change).
    state = await expectNoChange(env.h, I, state, config({ ...base, monitoring: true }));
  });

  it('changes user data in place, or replaces the instance with user_data_replace_on_change', async () => {
    const base = { instance_type: 't2.small', vpc_security_group_ids: [sgA, sgB], tags: { Name: 'spark', Env: 'dev' }, disable_api_termination: true };
    const cfg = config({ ...base, user_data: '#!/bin/bash\necho bye\n' });
    const { pl, state: next } = await applyPlan(state, cfg);
    expect(pl.requiresReplace).toEqual([]);
    expect(js(next).user_data).toBe(createHash('sha1').update('#!/bin/bash\necho bye\n').digest('hex'));
    state = await expectNoChange(env.h, I, next, cfg);
    const replace = await env.h.plan(I, state, config({ ...base, user_data: 'other', user_data_replace_on_change: true }));
    expect(replace.requiresReplace).toContainEqual([{ attr: 'user_data' }]);
  });

  it.each([
    { attr: 'ami', change: () => ({ ami: otherAmi }) },
    { attr: 'subnet_id', change: () => ({ subnet_id: subnetE }) },
    { attr: 'key_name', change: () => ({ key_name: 'other' }) },
    { attr: 'private_ip', change: () => ({ private_ip: '10.50.1.200' }) },
  ])('plans a replacement when $attr changes', async ({ attr, change }) => {
    const pl = await env.h.plan(I, state, config({ instance_type: 't2.small', vpc_security_group_ids: [sgA, sgB], ...change() }));
    expect(pl.diagnostics).toEqual([]);
    expect(pl.requiresReplace).toContainEqual([{ attr }]);
  });

  it('imports the instance by id with no change planned after', async () => {
    const cfg = config({ instance_type: 't2.small', vpc_security_group_ids: [sgA, sgB], tags: { Name: 'spark', Env: 'dev' }, disable_api_termination: true, user_data: '#!/bin/bash\necho bye\n' });
    const imp = await env.h.importState(I, js(state).id as string);
    expect(imp.diagnostics).toEqual([]);
    const imported = imp.importedResources[0]!.state;
    expect(js(imported)).toMatchObject({ id: js(state).id, ami, instance_type: 't2.small', key_name: 'laptop' });
    await expectNoChange(env.h, I, imported, cfg);
  });

  it('destroys: lifts termination protection, terminates and waits', async () => {
    const id = js(state).id as string;
    await env.h.destroy(I, state);
    expect((await describe1(id)).State!.Name).toBe('terminated');
    expect(await env.h.read(I, state)).toBeNull();
  });

  it('plans a new instance when one was terminated behind its back', async () => {
    const cfg = { ami, instance_type: 't3.micro' };
    const s = await env.h.create(I, cfg);
    expect(js(s)).toMatchObject({ availability_zone: 'us-east-1a', credit_specification: [{ cpu_credits: 'unlimited' }], ebs_optimized: true });
    expect((js(s).security_groups as string[])).toEqual(['default']);
    await expectNoChange(env.h, I, s, cfg);
    await env.ec2.send(new TerminateInstancesCommand({ InstanceIds: [js(s).id as string] }));
    expect(await env.h.read(I, s)).toBeNull();
  });

  it('keeps user_data_base64 as given, grows the root volume in place and attaches extra EBS volumes', async () => {
    const b64 = Buffer.from('#cloud-config\npackages: [htop]\n').toString('base64');
    const cfg = {
      ami, instance_type: 't3.micro', subnet_id: subnet, user_data_base64: b64, volume_tags: { Team: 'data' },
      root_block_device: [{ volume_size: 10 }],
      ebs_block_device: [{ device_name: '/dev/sdf', volume_size: 20, volume_type: 'gp3', delete_on_termination: false }, { device_name: '/dev/sdg', volume_size: 5 }],
    };
    const s = await env.h.create(I, cfg);
    const v = js(s);
    expect(v).toMatchObject({ user_data_base64: b64, user_data: null, volume_tags: { Team: 'data' } });
    expect((v.root_block_device as Record<string, unknown>[])[0]).toMatchObject({ volume_size: 10, volume_type: 'gp2', iops: 100, throughput: 0, tags: null });
    const ebs = (v.ebs_block_device as Record<string, unknown>[]).sort((a, b) => (a.device_name as string).localeCompare(b.device_name as string));
    expect(ebs).toHaveLength(2);
    expect(ebs[1]).toMatchObject({ device_name: '/dev/sdg', volume_size: 5, volume_type: 'gp2', delete_on_termination: true });
    expect(ebs[0]).toMatchObject({ device_name: '/dev/sdf', volume_size: 20, volume_type: 'gp3', iops: 3000, throughput: 125, delete_on_termination: false, snapshot_id: '' });
    const vols = (await env.ec2.send(new DescribeVolumesCommand({ Filters: [{ Name: 'attachment.instance-id', Values: [v.id as string] }] }))).Volumes!;
    expect(vols.map((x) => x.Tags)).toEqual([[{ Key: 'Team', Value: 'data' }], [{ Key: 'Team', Value: 'data' }], [{ Key: 'Team', Value: 'data' }]]);
    await expectNoChange(env.h, I, s, cfg);

    const bigger = { ...cfg, root_block_device: [{ volume_size: 16 }] };
    const { pl, state: grown } = await applyPlan(s, bigger);
    expect(pl.requiresReplace).toEqual([]);
    expect((js(grown).root_block_device as Record<string, unknown>[])[0]).toMatchObject({ volume_size: 16 });
    await expectNoChange(env.h, I, grown, bigger);
    const moreDisk = await env.h.plan(I, grown, { ...bigger, ebs_block_device: [{ device_name: '/dev/sdf', volume_size: 30, volume_type: 'gp3', delete_on_termination: false }, { device_name: '/dev/sdg', volume_size: 5 }] });
    expect(moreDisk.requiresReplace).toContainEqual([{ attr: 'ebs_block_device' }]);
    await env.h.destroy(I, grown);
  });

  it.each([
    { name: 'a malformed AMI id', cfg: () => config({ ami: 'ami-12345' }),
      want: 'creating EC2 Instance: InvalidAMIID.Malformed: Invalid id: "ami-12345" (expecting "ami-...")' },
    { name: 'an AMI that does not exist', cfg: () => config({ ami: 'ami-0123456789abcdef0' }),
      want: "creating EC2 Instance: InvalidAMIID.NotFound: The image id '[ami-0123456789abcdef0]' does not exist" },
    { name: 't2.micro in a us-east-1e subnet', cfg: () => config({ subnet_id: subnetE }),
      want: 'creating EC2 Instance: Unsupported: Your requested instance type (t2.micro) is not supported in your requested Availability Zone (us-east-1e). Please retry your request by not specifying an Availability Zone or choosing us-east-1a, us-east-1b, us-east-1c, us-east-1d, us-east-1f.' },
    { name: 't2.micro pinned to us-east-1e', cfg: () => ({ ami, instance_type: 't2.micro', availability_zone: 'us-east-1e' }),
      want: 'creating EC2 Instance: Unsupported: Your requested instance type (t2.micro) is not supported in your requested Availability Zone (us-east-1e). Please retry your request by not specifying an Availability Zone or choosing us-east-1a, us-east-1b, us-east-1c, us-east-1d, us-east-1f.' },
    { name: 'an arm64 AMI on an x86_64 type', cfg: () => config({ ami: armAmi }), want: /^creating EC2 Instance: InvalidParameterValue: The architecture 'x86_64' of the specified instance type does not match the architecture 'arm64'/ },
    { name: 'a key pair that does not exist', cfg: () => config({ key_name: 'nobody' }), want: "creating EC2 Instance: InvalidKeyPair.NotFound: The key pair 'nobody' does not exist" },
  ])('reports $name as the AWS error of the launch', async ({ cfg, want }) => {
    const before = (await env.ec2.send(new DescribeInstancesCommand({}))).Reservations!.length;
    const err = await createError(env.h, I, cfg());
    if (typeof want === 'string') expect(err.summary).toBe(want);
    else expect(err.summary).toMatch(want);
    expect((await env.ec2.send(new DescribeInstancesCommand({}))).Reservations!.length).toBe(before);
  });

  it('terminates an instance whose set-up failed after launch instead of leaking it', async () => {
    const before = new Set((await env.ec2.send(new DescribeInstancesCommand({}))).Reservations!.flatMap((r) => r.Instances!.map((i) => i.InstanceId!)));
    const err = await createError(env.h, I, { ami, instance_type: 't3.micro', root_block_device: [{ tags: { 'aws:reserved': 'x' } }] });
    expect(err.summary).toMatch(/^creating EC2 Instance \(i-[0-9a-f]+\): tagging volume \(vol-[0-9a-f]+\): InvalidParameterValue: Tag keys starting with 'aws:' are reserved for internal use$/);
    const launched = (await env.ec2.send(new DescribeInstancesCommand({}))).Reservations!.flatMap((r) => r.Instances!).filter((i) => !before.has(i.InstanceId!));
    expect(launched).toHaveLength(1);
    expect(err.detail).toBe(`The launched instance ${launched[0]!.InstanceId} was terminated.`);
    expect(launched[0]!.State!.Name).toBe('terminated');
  });

  it('validates user data arguments and requires an AMI', () => {
    const d = (cfg: Record<string, unknown>) => env.h.p.validateResourceConfig!(I, env.h.config(I, cfg)).map((x) => x.detail);
    expect(d({ ami, instance_type: 't2.micro', user_data: 'a', user_data_base64: 'YQ==' })).toEqual(['"user_data": conflicts with user_data_base64']);
    expect(d({ ami, instance_type: 't2.micro', user_data_base64: 'not base64!' })).toEqual(['user_data_base64: must be base64-encoded']);
    expect(d({ instance_type: 't2.micro' })).toEqual(['"ami": one of `ami,launch_template` must be specified']);
    expect(d({ ami, instance_type: 't2.micro', volume_tags: { a: 'b' }, root_block_device: [{ tags: { c: 'd' } }] })).toEqual(['"root_block_device.0.tags": conflicts with volume_tags']);
    expect(d({ ami, instance_type: 't2.micro', root_block_device: [{ volume_type: 'gp4' }], metadata_options: [{ http_tokens: 'always', http_put_response_hop_limit: 65 }] })).toEqual([
      'expected metadata_options.0.http_tokens to be one of ["optional" "required"], got always',
      'expected metadata_options.0.http_put_response_hop_limit to be in the range (1 - 64), got 65',
      'expected root_block_device.0.volume_type to be one of ["standard" "io1" "io2" "gp2" "sc1" "st1" "gp3"], got gp4',
    ]);
    expect(d({ ami, instance_type: 't2.micro', subnet_id: subnet, network_interface: [{ device_index: 0, network_interface_id: 'eni-1' }] })).toEqual(['"network_interface": conflicts with subnet_id']);
  });
});
