/**
 * aws_instance, as hashicorp/aws defines it: RunInstances then a wait until running,
 * in-place updates where hashicorp makes them (instance type and user data by stop, modify,
 * start; tags, security groups, API stop/termination, monitoring, metadata, credits, root
 * volume), TerminateInstances and a wait on delete. Import id = the instance id.
 */
import {
  AssignPrivateIpAddressesCommand, UnassignPrivateIpAddressesCommand, AssociateIamInstanceProfileCommand, DescribeIamInstanceProfileAssociationsCommand, DisassociateIamInstanceProfileCommand,
  ReplaceIamInstanceProfileAssociationCommand, CreateTagsCommand, DescribeVolumesCommand, ModifyInstanceAttributeCommand, ModifyInstanceCreditSpecificationCommand,
  ModifyInstanceMaintenanceOptionsCommand, ModifyInstanceMetadataOptionsCommand, ModifyNetworkInterfaceAttributeCommand,
  ModifyVolumeCommand, MonitorInstancesCommand, RunInstancesCommand,
  TerminateInstancesCommand, UnmonitorInstancesCommand, type ModifyInstanceAttributeCommandInput, type RunInstancesCommandOutput,
} from '@aws-sdk/client-ec2';
import { rawEquals, type Value } from '../../../lang/value.js';
import { impliedType } from '../../schema.js';
import { attr, bool, str, toJS, withAttrs } from '../../sdk/obj.js';
import { nullObject } from '../../sdk/provider.js';
import { ProviderError, type ResourceContext, type ResourceDef } from '../../sdk/resource.js';
import type { AwsMeta } from '../config.js';
import { awsCall, isAwsCode } from '../errors.js';
import { tagMap, updateEc2Tags } from '../tags.js';
import { first, runInstancesInput } from './instance-launch.js';
import { planInstance } from './instance-plan.js';
import { readInstance } from './instance-read.js';
import { startInstance, stopInstance, waitRunning, waitTerminated } from './instance-state.js';
import { instanceSchema } from './schemas.js';
import { isBase64 } from './user-data.js';
import { parseDuration } from './waiters.js';

const MINUTE = 60_000;

function timeout(v: Value, op: 'create' | 'update' | 'delete', dflt: number): number {
  const t = toJS(attr(v, 'timeouts')) as Record<string, string | null> | null;
  return parseDuration(t?.[op] ?? undefined) ?? dflt;
}

function changed(prior: Value, planned: Value, name: string): boolean {
  return !rawEquals(attr(prior, name).unmark(), attr(planned, name).unmark());
}

/** Launches, retrying while a just-made IAM instance profile propagates (first try immediate). */
async function launch(ctx: ResourceContext<AwsMeta>, planned: Value, config: Value): Promise<RunInstancesCommandOutput> {
  const input = await runInstancesInput(ctx.meta, planned, config);
  const deadline = Date.now() + 2 * MINUTE;
  let delay = 1000;
  for (;;) {
    try {
      return await ctx.meta.ec2().send(new RunInstancesCommand(input));
    } catch (e) {
      const msg = e instanceof Error ? e.message : '';
      const iam = isAwsCode(e, 'InvalidParameterValue') && (msg.includes('Invalid IAM Instance Profile') || msg.includes(' has no associated IAM Roles'));
      if (!iam || Date.now() + delay > deadline) return awsCall('creating EC2 Instance', () => Promise.reject(e));
      await new Promise((r) => setTimeout(r, delay));
      delay = Math.min(delay * 2, 10_000);
    }
  }
}

async function modify(meta: AwsMeta, id: string, what: string, input: Omit<ModifyInstanceAttributeCommandInput, 'InstanceId'>): Promise<void> {
  await awsCall(`updating EC2 Instance (${id})${what}`, () => meta.ec2().send(new ModifyInstanceAttributeCommand({ InstanceId: id, ...input })));
}

/** Stop, modify one attribute, start: how instance type and user data change on a running instance. */
async function modifyWithStopStart(ctx: ResourceContext<AwsMeta>, id: string, what: string, input: Omit<ModifyInstanceAttributeCommandInput, 'InstanceId'>, t: number): Promise<void> {
  const op = `updating EC2 Instance (${id}) ${what}`;
  try {
    await stopInstance(ctx.meta, id, t, ctx.signal);
    await ctx.meta.ec2().send(new ModifyInstanceAttributeCommand({ InstanceId: id, ...input })).catch((e: unknown) =>
      awsCall(`modifying EC2 Instance (${id}) attribute`, () => Promise.reject(e)));
    await startInstance(ctx.meta, id, t, ctx.signal);
  } catch (e) {
    throw new ProviderError(`${op}: ${e instanceof ProviderError ? e.summary : e instanceof Error ? e.message : String(e)}`);
  }
}

function userDataBytes(s: string): Uint8Array {
  return isBase64(s) ? Buffer.from(s, 'base64') : Buffer.from(s, 'utf8');
}

async function update(ctx: ResourceContext<AwsMeta>, prior: Value, planned: Value, config: Value, isNew: boolean): Promise<void> {
  const { meta } = ctx;
  const ec2 = meta.ec2();
  const id = str(prior, 'id') ?? str(planned, 'id')!;
  const t = timeout(planned, 'update', 10 * MINUTE);
  if (isNew) {
    if (bool(planned, 'source_dest_check') === false) await modify(meta, id, '', { SourceDestCheck: { Value: false } });
    return;
  }
  if (changed(prior, planned, 'tags_all')) await updateEc2Tags(meta, id, tagMap(prior, 'tags_all'), tagMap(planned, 'tags_all'));
  if (changed(prior, planned, 'volume_tags')) {
    const vols = await awsCall(`updating EC2 Instance (${id})`, () => ec2.send(new DescribeVolumesCommand({ Filters: [{ Name: 'attachment.instance-id', Values: [id] }] })));
    for (const v of vols.Volumes ?? []) await updateEc2Tags(meta, v.VolumeId!, tagMap(prior, 'volume_tags'), tagMap(planned, 'volume_tags'));
  }
  if (changed(prior, planned, 'iam_instance_profile')) await updateInstanceProfile(ctx, id, prior, planned);
  if (changed(prior, planned, 'source_dest_check') && first(planned, 'network_interface') === undefined) {
    await modify(meta, id, '', { SourceDestCheck: { Value: bool(planned, 'source_dest_check') ?? true } });
  }
  if (changed(prior, planned, 'secondary_private_ips') && attr(planned, 'secondary_private_ips').isKnown) {
    const eni = str(prior, 'primary_network_interface_id');
    if (!eni) throw new ProviderError(`Failed to update secondary_private_ips on "${id}", which does not contain a primary network interface`);
    const before = (toJS(attr(prior, 'secondary_private_ips')) as string[] | null) ?? [];
    const after = (toJS(attr(planned, 'secondary_private_ips')) as string[] | null) ?? [];
    const gone = before.filter((ip) => !after.includes(ip)), added = after.filter((ip) => !before.includes(ip));
    if (gone.length) {
      await awsCall('Failure to unassign Secondary Private IPs', () => ec2.send(new UnassignPrivateIpAddressesCommand({ NetworkInterfaceId: eni, PrivateIpAddresses: gone })));
    }
    if (added.length) {
      await awsCall('Failure to assign Secondary Private IPs', () => ec2.send(new AssignPrivateIpAddressesCommand({ NetworkInterfaceId: eni, PrivateIpAddresses: added })));
    }
  }
  if (changed(prior, planned, 'vpc_security_group_ids')) {
    const groups = (toJS(attr(planned, 'vpc_security_group_ids')) as string[] | null) ?? [];
    if (groups.length < 1) throw new ProviderError('VPC-based instances require at least one security group to be attached.');
    const eni = str(prior, 'primary_network_interface_id');
    if (!eni) throw new ProviderError(`Failed to update vpc_security_group_ids on "${id}", which does not contain a primary network interface`);
    await awsCall(`updating EC2 Instance (${id}): modifying network interface`, () =>
      ec2.send(new ModifyNetworkInterfaceAttributeCommand({ NetworkInterfaceId: eni, Groups: groups })));
  }
  if (changed(prior, planned, 'instance_type')) {
    await modifyWithStopStart(ctx, id, 'type', { InstanceType: { Value: str(planned, 'instance_type') } }, t);
  }
  if (changed(prior, planned, 'user_data')) {
    await modifyWithStopStart(ctx, id, 'user data', { UserData: { Value: userDataBytes(str(config, 'user_data') ?? '') } }, t);
  }
  if (changed(prior, planned, 'user_data_base64')) {
    await modifyWithStopStart(ctx, id, 'user data base64', { UserData: { Value: userDataBytes(str(config, 'user_data_base64') ?? '') } }, t);
  }
  if (changed(prior, planned, 'disable_api_stop')) {
    await modify(meta, id, ': modifying DisableApiStop', { DisableApiStop: { Value: bool(planned, 'disable_api_stop') ?? false } });
  }
  if (changed(prior, planned, 'disable_api_termination')) {
    await modify(meta, id, ': modifying DisableApiTermination', { DisableApiTermination: { Value: bool(planned, 'disable_api_termination') ?? false } });
  }
  if (changed(prior, planned, 'instance_initiated_shutdown_behavior') && str(planned, 'instance_initiated_shutdown_behavior')) {
    await modify(meta, id, ': modifying InstanceInitiatedShutdownBehavior', { InstanceInitiatedShutdownBehavior: { Value: str(planned, 'instance_initiated_shutdown_behavior') } });
  }
  const mo = first(planned, 'maintenance_options');
  if (changed(prior, planned, 'maintenance_options') && mo?.auto_recovery) {
    await awsCall(`updating EC2 Instance (${id}): modifying maintenance options`, () =>
      ec2.send(new ModifyInstanceMaintenanceOptionsCommand({ InstanceId: id, AutoRecovery: mo.auto_recovery as 'default' })));
  }
  if (changed(prior, planned, 'monitoring')) {
    const on = bool(planned, 'monitoring') ?? false;
    await awsCall(`updating EC2 Instance (${id}) monitoring`, () =>
      ec2.send(on ? new MonitorInstancesCommand({ InstanceIds: [id] }) : new UnmonitorInstancesCommand({ InstanceIds: [id] })));
  }
  const cs = first(planned, 'credit_specification');
  if (changed(prior, planned, 'credit_specification') && typeof cs?.cpu_credits === 'string') {
    await awsCall(`updating EC2 Instance (${id}) credit specification`, () => ec2.send(new ModifyInstanceCreditSpecificationCommand({
      InstanceCreditSpecifications: [{ InstanceId: id, CpuCredits: cs.cpu_credits as string }],
    })));
  }
  const md = first(planned, 'metadata_options');
  if (changed(prior, planned, 'metadata_options') && md) {
    const enabled = md.http_endpoint === 'enabled';
    await awsCall(`updating EC2 Instance (${id}) metadata options`, () => ec2.send(new ModifyInstanceMetadataOptionsCommand({
      InstanceId: id, HttpEndpoint: md.http_endpoint as 'enabled',
      HttpTokens: enabled ? (md.http_tokens as 'optional') ?? undefined : undefined,
      HttpPutResponseHopLimit: enabled ? (md.http_put_response_hop_limit as number) ?? undefined : undefined,
      InstanceMetadataTags: enabled ? (md.instance_metadata_tags as 'disabled') ?? undefined : undefined,
      HttpProtocolIpv6: (md.http_protocol_ipv6 as 'disabled') ?? undefined,
    })));
  }
  await updateRootVolume(meta, id, prior, planned);
}

/** Associates, replaces or removes the instance profile, as hashicorp does (a stopped instance re-associates). */
async function updateInstanceProfile(ctx: ResourceContext<AwsMeta>, id: string, prior: Value, planned: Value): Promise<void> {
  const ec2 = ctx.meta.ec2();
  const op = `updating EC2 Instance (${id})`;
  const found = await awsCall(op, () => ec2.send(new DescribeIamInstanceProfileAssociationsCommand({ Filters: [{ Name: 'instance-id', Values: [id] }] })));
  const current = found.IamInstanceProfileAssociations?.[0]?.AssociationId;
  const name = str(planned, 'iam_instance_profile');
  const associate = () => awsCall(`${op}: associating instance profile`, () =>
    ec2.send(new AssociateIamInstanceProfileCommand({ InstanceId: id, IamInstanceProfile: { Name: name } })));
  const disassociate = (assoc: string) => awsCall(`${op}: disassociating instance profile`, () =>
    ec2.send(new DisassociateIamInstanceProfileCommand({ AssociationId: assoc })));
  if (!name) {
    if (current) await disassociate(current);
    return;
  }
  if (!current) {
    await associate();
    return;
  }
  const state = str(prior, 'instance_state');
  if (state === 'stopped' || state === 'stopping' || state === 'shutting-down') {
    await disassociate(current);
    await associate();
  } else {
    await awsCall(`${op}: replacing instance profile`, () =>
      ec2.send(new ReplaceIamInstanceProfileAssociationCommand({ AssociationId: current, IamInstanceProfile: { Name: name } })));
  }
}

async function updateRootVolume(meta: AwsMeta, id: string, prior: Value, planned: Value): Promise<void> {
  const before = first(prior, 'root_block_device'), after = first(planned, 'root_block_device');
  if (!before || !after || !changed(prior, planned, 'root_block_device')) return;
  const volumeId = before.volume_id as string;
  const input: { VolumeId: string; Size?: number; VolumeType?: 'gp3'; Iops?: number; Throughput?: number } = { VolumeId: volumeId };
  let modifyVolume = false;
  if (after.volume_size !== before.volume_size && typeof after.volume_size === 'number' && after.volume_size) { input.Size = after.volume_size; modifyVolume = true; }
  if (after.volume_type !== before.volume_type && typeof after.volume_type === 'string' && after.volume_type) { input.VolumeType = after.volume_type as 'gp3'; modifyVolume = true; }
  const vt = (after.volume_type as string | null) || 'gp2';
  if (after.iops !== before.iops && typeof after.iops === 'number' && after.iops) {
    if (!['io1', 'io2', 'gp3'].includes(vt)) throw new ProviderError(`updating instance: iops attribute not supported for type ${vt}`);
    input.Iops = after.iops; modifyVolume = true;
  }
  if (after.throughput !== before.throughput && typeof after.throughput === 'number' && after.throughput) {
    if (vt !== 'gp3') throw new ProviderError(`updating instance: throughput attribute not supported for type ${vt}`);
    input.Throughput = after.throughput; modifyVolume = true;
  }
  if (modifyVolume) {
    await awsCall(`updating EC2 Instance (${id}) volume (${volumeId})`, () => meta.ec2().send(new ModifyVolumeCommand(input)));
  }
  if (after.delete_on_termination !== before.delete_on_termination) {
    const device = before.device_name as string;
    await modify(meta, id, ` root block device (${device}) DeleteOnTermination attribute`, {
      BlockDeviceMappings: [{ DeviceName: device, Ebs: { DeleteOnTermination: (after.delete_on_termination as boolean | null) ?? true } }],
    });
  }
  const bt = (before.tags as Record<string, string> | null) ?? {}, at = (after.tags as Record<string, string> | null) ?? {};
  if (JSON.stringify(bt) !== JSON.stringify(at)) await updateEc2Tags(meta, volumeId, bt, at);
}

/** Tags the root and EBS volumes whose blocks carry `tags` (RunInstances tags only via volume_tags). */
async function tagBlockDevices(meta: AwsMeta, id: string, planned: Value, out: RunInstancesCommandOutput): Promise<void> {
  const inst = out.Instances?.[0];
  const wanted = new Map<string, Record<string, string>>();
  const root = first(planned, 'root_block_device');
  const rootTags = root?.tags as Record<string, string> | null | undefined;
  const mappings = inst?.BlockDeviceMappings ?? [];
  if (rootTags && Object.keys(rootTags).length) {
    const m = mappings.find((b) => b.DeviceName === inst?.RootDeviceName);
    if (m?.Ebs?.VolumeId) wanted.set(m.Ebs.VolumeId, rootTags);
  }
  for (const bd of (toJS(attr(planned, 'ebs_block_device')) as Record<string, unknown>[] | null) ?? []) {
    const tags = bd.tags as Record<string, string> | null;
    const m = mappings.find((b) => b.DeviceName === bd.device_name);
    if (tags && Object.keys(tags).length && m?.Ebs?.VolumeId) wanted.set(m.Ebs.VolumeId, tags);
  }
  for (const [vol, tags] of wanted) {
    await awsCall(`creating EC2 Instance (${id}): tagging volume (${vol})`, () => meta.ec2().send(new CreateTagsCommand({
      Resources: [vol], Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })),
    })));
  }
}

/** The aws_instance resource. */
export const awsInstance: ResourceDef<AwsMeta> = {
  schema: instanceSchema,

  customizePlan: (ctx, p) => planInstance(ctx.meta, p),

  async create(ctx, planned, config) {
    const out = await launch(ctx, planned, config);
    const id = out.Instances![0]!.InstanceId!;
    try {
      // Waiting for the instance to run fills its block devices (needed for their tags).
      const running = await waitRunning(ctx.meta, id, `waiting for EC2 Instance (${id}) create`, timeout(planned, 'create', 10 * MINUTE), ctx.signal);
      await tagBlockDevices(ctx.meta, id, planned, { ...out, Instances: running ? [running] : out.Instances });
      const withId = withAttrs(planned, { id });
      await update(ctx, withId, withId, config, true);
      const got = await readInstance(ctx.meta, id, withId);
      if (!got) throw new ProviderError(`reading EC2 Instance (${id}): not found after creation`);
      return got;
    } catch (e) {
      // A failed create leaves nothing in state: terminate the launched instance rather than leak it
      // (hashicorp keeps it tainted, which the next apply replaces: the same end).
      await ctx.meta.ec2().send(new TerminateInstancesCommand({ InstanceIds: [id] })).catch(() => undefined);
      const f = e instanceof ProviderError ? e : new ProviderError(e instanceof Error ? e.message : String(e));
      throw new ProviderError(f.summary, [f.detail, `The launched instance ${id} was terminated.`].filter(Boolean).join('\n\n'), f.attribute);
    }
  },

  async read(ctx, state) {
    return readInstance(ctx.meta, str(state, 'id')!, state);
  },

  async update(ctx, prior, planned, config) {
    const id = str(prior, 'id')!;
    await update(ctx, prior, planned, config, false);
    const got = await readInstance(ctx.meta, id, planned);
    if (!got) throw new ProviderError(`reading EC2 Instance (${id}): not found after update`);
    return got;
  },

  async delete(ctx, state) {
    const { meta } = ctx;
    const id = str(state, 'id')!;
    // As hashicorp does: lift termination protection first, ignoring failures (the terminate call reports them).
    await meta.ec2().send(new ModifyInstanceAttributeCommand({ InstanceId: id, DisableApiTermination: { Value: false } })).catch(() => undefined);
    try {
      await meta.ec2().send(new TerminateInstancesCommand({ InstanceIds: [id] }));
    } catch (e) {
      if (isAwsCode(e, 'InvalidInstanceID.NotFound')) return;
      await awsCall(`terminating EC2 Instance (${id})`, () => Promise.reject(e));
    }
    await waitTerminated(meta, id, timeout(state, 'delete', 20 * MINUTE), ctx.signal);
  },

  async importState(_ctx, id) {
    return withAttrs(nullObject(impliedType(instanceSchema.block)), { id, get_password_data: false, user_data_replace_on_change: false, source_dest_check: true });
  },
};

