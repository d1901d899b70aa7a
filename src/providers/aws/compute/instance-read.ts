/**
 * Reading an aws_instance into state the way hashicorp/aws's read does: DescribeInstances
 * (a terminated instance counts as gone), the instance type (for credit specifications),
 * attributes (shutdown behaviour, API stop/termination, user data), volumes for the block
 * devices, and the VPC to decide between security group ids and names.
 */
import {
  DescribeInstanceAttributeCommand, DescribeInstanceCreditSpecificationsCommand, DescribeInstancesCommand,
  DescribeInstanceTypesCommand, DescribeVolumesCommand, DescribeVpcsCommand, type Instance, type Tag, type Volume,
} from '@aws-sdk/client-ec2';
import { emptyListVal, emptySetVal, nullVal, type Value } from '../../../lang/value.js';
import type { BlockSchema } from '../../protocol.js';
import { impliedType } from '../../schema.js';
import { attr, bool, toJS, withAttrs } from '../../sdk/obj.js';
import type { AwsMeta } from '../config.js';
import { awsCall, isAwsCode } from '../errors.js';
import { tagsForState } from '../tags.js';
import { IdBatcher } from '../batch.js';
import { instanceSchema } from './schemas.js';
import { userDataHash } from './user-data.js';

type Js = Record<string, unknown>;

/** The instance `id` as DescribeInstances reports it, or undefined when gone (or terminated). */
export async function findInstance(meta: AwsMeta, id: string): Promise<Instance | undefined> {
  const i = await meta.shared('ec2 DescribeInstances', () => new IdBatcher<Instance>(
    async (ids) => {
      const out = await meta.ec2().send(new DescribeInstancesCommand({ InstanceIds: ids }));
      const got = new Map<string, Instance>();
      for (const r of out.Reservations ?? []) for (const x of r.Instances ?? []) if (x.InstanceId) got.set(x.InstanceId, x);
      return got;
    },
    async (one) => {
      try {
        const out = await meta.ec2().send(new DescribeInstancesCommand({ InstanceIds: [one] }));
        return out.Reservations?.[0]?.Instances?.[0];
      } catch (e) {
        if (isAwsCode(e, 'InvalidInstanceID.NotFound')) return undefined;
        return awsCall(`reading EC2 Instance (${one})`, () => Promise.reject(e));
      }
    },
  )).get(id);
  return i && i.State?.Name !== 'terminated' ? i : undefined;
}

function tagMapOf(tags: Tag[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const t of tags ?? []) if (t.Key && !t.Key.startsWith('aws:')) out[t.Key] = t.Value ?? '';
  return out;
}

function nonEmpty(v: Value): boolean {
  return v.isKnown && !v.isNull && v.elems.length > 0;
}

function blockTagsDefined(prior: Value): boolean {
  for (const name of ['root_block_device', 'ebs_block_device']) {
    const b = attr(prior, name);
    if (!nonEmpty(b)) continue;
    for (const e of b.elems) {
      const t = attr(e, 'tags');
      if (t.isKnown && !t.isNull && t.attrs.size > 0) return true;
    }
  }
  return false;
}

async function instanceAttribute(meta: AwsMeta, id: string, name: 'disableApiStop' | 'disableApiTermination' | 'userData' | 'instanceInitiatedShutdownBehavior') {
  return awsCall(`reading EC2 Instance (${id}): getting attribute (${name})`, () =>
    meta.ec2().send(new DescribeInstanceAttributeCommand({ InstanceId: id, Attribute: name })));
}

/** The block devices of an instance, as hashicorp's readBlockDevices lays them out. */
function blockDevices(meta: AwsMeta, i: Instance, vols: Volume[], volumeTagsSet: boolean, prior: Value): { root: Js[]; ebs: Js[] } {
  const byId = new Map(vols.map((v) => [v.VolumeId!, v]));
  let root: Js | undefined;
  const ebs: Js[] = [];
  for (const bd of i.BlockDeviceMappings ?? []) {
    const v = bd.Ebs?.VolumeId ? byId.get(bd.Ebs.VolumeId) : undefined;
    if (!v) continue;
    const tags = tagMapOf(v.Tags);
    // As for resources: tags_all is what the volume has, tags leaves out what default_tags put there.
    const own = Object.fromEntries(Object.entries(tags).filter(([k, val]) => meta.defaultTags[k] !== val));
    const m: Js = {
      volume_id: v.VolumeId, delete_on_termination: bd.Ebs?.DeleteOnTermination ?? false, volume_size: v.Size ?? 0,
      volume_type: v.VolumeType ?? '', iops: v.Iops ?? 0, encrypted: v.Encrypted ?? false, kms_key_id: v.KmsKeyId ?? '',
      throughput: v.Throughput ?? 0, device_name: bd.DeviceName ?? '',
      // An empty map would differ from an unset `tags` in the configuration: null, as the SDK treats them alike.
      tags: !volumeTagsSet && Object.keys(own).length ? own : null, tags_all: volumeTagsSet ? {} : tags,
    };
    if (bd.DeviceName === i.RootDeviceName) root = m;
    else ebs.push({ ...m, snapshot_id: v.SnapshotId ?? '' });
  }
  // hashicorp copies a lone root device into ebs_block_device when that block is configured.
  if (root && ebs.length === 0 && nonEmpty(attr(prior, 'ebs_block_device'))) {
    ebs.push({ ...root, snapshot_id: vols.find((v) => v.VolumeId === root!.volume_id)?.SnapshotId ?? '' });
  }
  return { root: root ? [root] : [], ebs };
}

/** The full state of instance `id`, or null when it no longer exists. */
export async function readInstance(meta: AwsMeta, id: string, prior: Value): Promise<Value | null> {
  const i = await findInstance(meta, id);
  if (!i) return null;
  const ec2 = meta.ec2();
  const type = i.InstanceType as string;
  const primary = i.NetworkInterfaces?.find((n) => n.Attachment?.DeviceIndex === 0);
  const volumeIds = (i.BlockDeviceMappings ?? []).map((b) => b.Ebs?.VolumeId).filter((v): v is string => !!v);
  const [typeInfo, vpcs, vols, shutdown, stop, term, ud] = await Promise.all([
    meta.once(`instance-type ${type}`, () => awsCall(`reading EC2 Instance Type (${type})`, () => ec2.send(new DescribeInstanceTypesCommand({ InstanceTypes: [type as never] })))),
    i.VpcId ? meta.once(`vpc ${i.VpcId}`, () => awsCall(`reading EC2 Instance (${id}): reading VPC (${i.VpcId})`, () => ec2.send(new DescribeVpcsCommand({ VpcIds: [i.VpcId!] })))).catch(() => undefined) : undefined,
    volumeIds.length ? awsCall(`reading EC2 Instance (${id}): reading block devices`, () => ec2.send(new DescribeVolumesCommand({ VolumeIds: volumeIds }))) : undefined,
    instanceAttribute(meta, id, 'instanceInitiatedShutdownBehavior'),
    instanceAttribute(meta, id, 'disableApiStop'),
    instanceAttribute(meta, id, 'disableApiTermination'),
    instanceAttribute(meta, id, 'userData'),
  ]);
  const burstable = typeInfo.InstanceTypes?.[0]?.BurstablePerformanceSupported ?? false;
  const s: Js = {
    id, arn: `arn:${meta.partition}:ec2:${meta.region}:${meta.accountId}:instance/${id}`,
    instance_state: i.State?.Name, ami: i.ImageId, instance_type: type, key_name: i.KeyName ?? '',
    availability_zone: i.Placement?.AvailabilityZone, placement_group: i.Placement?.GroupName ?? '',
    host_id: i.Placement?.HostId ?? '', placement_partition_number: i.Placement?.PartitionNumber ?? 0, tenancy: i.Placement?.Tenancy,
    public_dns: i.PublicDnsName ?? '', public_ip: i.PublicIpAddress ?? '', private_dns: i.PrivateDnsName ?? '',
    private_ip: i.PrivateIpAddress ?? '', outpost_arn: i.OutpostArn ?? '', instance_lifecycle: i.InstanceLifecycle ?? '',
    spot_instance_request_id: i.SpotInstanceRequestId ?? '',
    iam_instance_profile: i.IamInstanceProfile?.Arn ? i.IamInstanceProfile.Arn.split('/').pop() : '',
    ebs_optimized: i.EbsOptimized ?? false,
    monitoring: i.Monitoring?.State === 'enabled' || i.Monitoring?.State === 'pending',
    instance_initiated_shutdown_behavior: shutdown.InstanceInitiatedShutdownBehavior?.Value,
    disable_api_stop: stop.DisableApiStop?.Value ?? false,
    disable_api_termination: term.DisableApiTermination?.Value ?? false,
    ...tagsForState(meta, i.Tags, prior),
  };
  if (i.Placement?.HostResourceGroupArn) s.host_resource_group_arn = i.Placement.HostResourceGroupArn;
  if (i.CpuOptions) {
    s.cpu_core_count = i.CpuOptions.CoreCount;
    s.cpu_threads_per_core = i.CpuOptions.ThreadsPerCore;
    s.cpu_options = [{ amd_sev_snp: i.CpuOptions.AmdSevSnp ?? '', core_count: i.CpuOptions.CoreCount, threads_per_core: i.CpuOptions.ThreadsPerCore }];
  } else s.cpu_options = [];
  if (i.HibernationOptions) s.hibernation = i.HibernationOptions.Configured ?? false;
  s.enclave_options = i.EnclaveOptions ? [{ enabled: i.EnclaveOptions.Enabled ?? false }] : [];
  s.maintenance_options = i.MaintenanceOptions ? [{ auto_recovery: i.MaintenanceOptions.AutoRecovery }] : [];
  const md = i.MetadataOptions;
  s.metadata_options = md ? [{
    http_endpoint: md.HttpEndpoint, http_protocol_ipv6: md.HttpProtocolIpv6 ?? 'disabled', http_put_response_hop_limit: md.HttpPutResponseHopLimit,
    http_tokens: md.HttpTokens, instance_metadata_tags: md.InstanceMetadataTags ?? 'disabled',
  }] : [];
  const dns = i.PrivateDnsNameOptions;
  s.private_dns_name_options = dns ? [{
    enable_resource_name_dns_a_record: dns.EnableResourceNameDnsARecord ?? false,
    enable_resource_name_dns_aaaa_record: dns.EnableResourceNameDnsAAAARecord ?? false, hostname_type: dns.HostnameType,
  }] : [];
  const cr = i.CapacityReservationSpecification;
  s.capacity_reservation_specification = cr ? [{
    capacity_reservation_preference: cr.CapacityReservationPreference ?? null,
    capacity_reservation_target: cr.CapacityReservationTarget ? [{
      capacity_reservation_id: cr.CapacityReservationTarget.CapacityReservationId ?? null,
      capacity_reservation_resource_group_arn: cr.CapacityReservationTarget.CapacityReservationResourceGroupArn ?? null,
    }] : [],
  }] : [];
  // Only the network interfaces the configuration attaches are tracked (others may be attached by other resources).
  const configured = ((toJS(attr(prior, 'network_interface')) as Js[] | null) ?? []).map((n) => n.device_index);
  s.network_interface = (i.NetworkInterfaces ?? []).filter((n) => configured.includes(n.Attachment?.DeviceIndex)).map((n) => ({
    device_index: n.Attachment?.DeviceIndex ?? 0, network_card_index: n.Attachment?.NetworkCardIndex ?? 0,
    network_interface_id: n.NetworkInterfaceId, delete_on_termination: n.Attachment?.DeleteOnTermination ?? false,
  }));
  if (primary) {
    s.subnet_id = primary.SubnetId;
    s.primary_network_interface_id = primary.NetworkInterfaceId;
    s.ipv6_address_count = primary.Ipv6Addresses?.length ?? 0;
    s.source_dest_check = primary.SourceDestCheck ?? true;
    s.associate_public_ip_address = primary.Association !== undefined;
    s.secondary_private_ips = (primary.PrivateIpAddresses ?? []).filter((a) => !a.Primary).map((a) => a.PrivateIpAddress);
    s.ipv6_addresses = (primary.Ipv6Addresses ?? []).map((a) => a.Ipv6Address);
  } else {
    s.associate_public_ip_address = i.PublicIpAddress !== undefined;
    s.ipv6_address_count = 0;
    s.primary_network_interface_id = '';
    s.subnet_id = i.SubnetId ?? '';
    s.secondary_private_ips = [];
    s.ipv6_addresses = [];
  }
  if (i.SubnetId) s.source_dest_check = i.SourceDestCheck ?? true;
  // Security groups: ids in a VPC; names too in the default VPC (where configurations may use either).
  const hasSubnet = !!i.SubnetId;
  const useName = vpcs?.Vpcs?.[0] ? vpcs.Vpcs[0].IsDefault ?? false : !hasSubnet;
  s.vpc_security_group_ids = hasSubnet ? (i.SecurityGroups ?? []).map((g) => g.GroupId) : [];
  s.security_groups = useName ? (i.SecurityGroups ?? []).map((g) => g.GroupName) : [];
  const volumeTags = attr(prior, 'volume_tags');
  const volumeTagsSet = volumeTags.isKnown && !volumeTags.isNull && volumeTags.attrs.size > 0;
  const devices = blockDevices(meta, i, vols?.Volumes ?? [], volumeTagsSet, prior);
  s.root_block_device = devices.root;
  s.ebs_block_device = devices.ebs;
  if (volumeTagsSet && !blockTagsDefined(prior)) {
    const all: Record<string, string> = {};
    for (const v of vols?.Volumes ?? []) Object.assign(all, tagMapOf(v.Tags));
    s.volume_tags = all;
  }
  const udv = ud.UserData?.Value;
  if (udv) {
    const b64 = attr(prior, 'user_data_base64');
    if (b64.isKnown && !b64.isNull && b64.str !== '') s.user_data_base64 = udv;
    else s.user_data = userDataHash(udv);
  }
  if (burstable) {
    const cs = await awsCall(`reading EC2 Instance (${id}) credit specification`, () =>
      ec2.send(new DescribeInstanceCreditSpecificationsCommand({ InstanceIds: [id] })));
    const c = cs.InstanceCreditSpecifications?.[0];
    s.credit_specification = c ? [{ cpu_credits: c.CpuCredits ?? null }] : [];
  }
  s.password_data = '';
  if (bool(prior, 'get_password_data') === undefined) s.get_password_data = false;
  return settleUnknowns(instanceSchema.block, withAttrs(prior, s));
}

/** Replaces what is still unknown (attributes AWS did not report) with null, and unset blocks with none. */
export function settleUnknowns(block: BlockSchema, v: Value): Value {
  const t = impliedType(block);
  const changes: Record<string, Value> = {};
  for (const [name, a] of Object.entries(block.attributes)) {
    const x = attr(v, name);
    if (!x.isKnown) changes[name] = nullVal(a.type);
  }
  for (const [name, nb] of Object.entries(block.blockTypes)) {
    const x = attr(v, name);
    const et = impliedType(nb.block);
    // Blocks nobody set (unknown when planned, null after an import) are stored as none, as the SDK does.
    if (!x.isKnown || (x.isNull && (nb.nesting === 'set' || nb.nesting === 'list'))) {
      changes[name] = nb.nesting === 'set' ? emptySetVal(et) : nb.nesting === 'list' ? emptyListVal(et) : nullVal(t.attrs[name]!);
    }
  }
  return Object.keys(changes).length ? withAttrs(v, changes) : v;
}
