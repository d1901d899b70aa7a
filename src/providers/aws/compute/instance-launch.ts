/**
 * The RunInstances request for an aws_instance, built from the planned values the way
 * hashicorp's buildInstanceOpts does (network interface vs instance-level subnet and
 * groups, block device mappings with the AMI's root device name, t3 credits default).
 */
import {
  DescribeImagesCommand, DescribeInstanceTypesCommand, type BlockDeviceMapping, type EbsBlockDevice,
  type InstanceNetworkInterfaceSpecification, type RunInstancesCommandInput, type TagSpecification,
} from '@aws-sdk/client-ec2';
import { randomUUID } from 'node:crypto';
import type { Value } from '../../../lang/value.js';
import { attr, bool, num, str, toJS } from '../../sdk/obj.js';
import { ProviderError } from '../../sdk/resource.js';
import type { AwsMeta } from '../config.js';
import { awsCall } from '../errors.js';
import { ec2Tags, tagMap } from '../tags.js';
import { userDataBase64 } from './user-data.js';

type Js = Record<string, unknown>;

/** The first element of a list block as plain JS, or undefined. */
export function first(v: Value, name: string): Js | undefined {
  const l = toJS(attr(v, name)) as Js[] | null | undefined;
  return l?.[0] ?? undefined;
}

function strings(v: Value, name: string): string[] {
  return ((toJS(attr(v, name)) as (string | undefined)[] | null) ?? []).filter((s): s is string => typeof s === 'string');
}

function ebsOf(bd: Js, where: string): EbsBlockDevice {
  const ebs: EbsBlockDevice = { DeleteOnTermination: (bd.delete_on_termination as boolean | null) ?? true };
  if (typeof bd.snapshot_id === 'string' && bd.snapshot_id) ebs.SnapshotId = bd.snapshot_id;
  if (bd.encrypted === true) ebs.Encrypted = true;
  if (typeof bd.kms_key_id === 'string' && bd.kms_key_id) ebs.KmsKeyId = bd.kms_key_id;
  if (typeof bd.volume_size === 'number' && bd.volume_size) ebs.VolumeSize = bd.volume_size;
  const vt = typeof bd.volume_type === 'string' ? bd.volume_type : '';
  if (vt) {
    ebs.VolumeType = vt as EbsBlockDevice['VolumeType'];
    const lower = vt.toLowerCase();
    if (typeof bd.iops === 'number' && bd.iops > 0) {
      if (lower !== 'io1' && lower !== 'io2' && lower !== 'gp3') throw new ProviderError(`creating EC2 Instance: collecting instance settings: error creating resource: iops attribute not supported for ${where} with volume_type ${vt}`);
      ebs.Iops = bd.iops;
    }
    if (typeof bd.throughput === 'number' && bd.throughput > 0) {
      if (lower !== 'gp3') throw new ProviderError(`creating EC2 Instance: collecting instance settings: error creating resource: throughput attribute not supported for ${where} with volume_type ${vt}`);
      ebs.Throughput = bd.throughput;
    }
  }
  return ebs;
}

/** The root device name of an AMI (the first mapping's when the root is not among them). */
async function rootDeviceName(meta: AwsMeta, ami: string): Promise<string> {
  const out = await awsCall('creating EC2 Instance: collecting instance settings: reading EC2 AMI', () =>
    meta.ec2().send(new DescribeImagesCommand({ ImageIds: [ami] })));
  const img = out.Images?.[0];
  if (!img) throw new ProviderError(`creating EC2 Instance: collecting instance settings: Expected 1 AMI for ID: ${ami}, got none`);
  const inMapping = (img.BlockDeviceMappings ?? []).some((m) => m.DeviceName === img.RootDeviceName);
  const name = !inMapping && img.BlockDeviceMappings?.length ? img.BlockDeviceMappings[0]!.DeviceName : img.RootDeviceName;
  if (!name) throw new ProviderError(`creating EC2 Instance: collecting instance settings: Error finding Root Device Name for AMI (${ami})`);
  return name;
}

async function blockDeviceMappings(meta: AwsMeta, planned: Value): Promise<BlockDeviceMapping[]> {
  const out: BlockDeviceMapping[] = [];
  for (const bd of (toJS(attr(planned, 'ebs_block_device')) as Js[] | null | undefined) ?? []) {
    out.push({ DeviceName: bd.device_name as string, Ebs: ebsOf(bd, 'ebs_block_device') });
  }
  for (const bd of (toJS(attr(planned, 'ephemeral_block_device')) as Js[] | null | undefined) ?? []) {
    if (bd.no_device === true) out.push({ DeviceName: bd.device_name as string, NoDevice: '' });
    else {
      if (!bd.virtual_name) throw new ProviderError('creating EC2 Instance: collecting instance settings: virtual_name cannot be empty when no_device is false or undefined.');
      out.push({ DeviceName: bd.device_name as string, VirtualName: bd.virtual_name as string });
    }
  }
  const root = first(planned, 'root_block_device');
  if (root) {
    const ami = str(planned, 'ami');
    if (!ami) throw new ProviderError('creating EC2 Instance: collecting instance settings: `ami` must be set or provided via `launch_template`');
    out.push({ DeviceName: await rootDeviceName(meta, ami), Ebs: ebsOf(root, 'root_block_device') });
  }
  return out;
}

function tagSpecs(planned: Value): TagSpecification[] | undefined {
  const out: TagSpecification[] = [];
  const inst = ec2Tags(tagMap(planned, 'tags_all'));
  if (inst) out.push({ ResourceType: 'instance', Tags: inst });
  const vol = ec2Tags(tagMap(planned, 'volume_tags'));
  if (vol) out.push({ ResourceType: 'volume', Tags: vol });
  return out.length ? out : undefined;
}

/** The RunInstances input for the planned instance; `config` supplies user_data as written. */
export async function runInstancesInput(meta: AwsMeta, planned: Value, config: Value): Promise<RunInstancesCommandInput> {
  const type = str(planned, 'instance_type');
  const input: RunInstancesCommandInput = {
    ClientToken: randomUUID(), MinCount: 1, MaxCount: 1,
    ImageId: str(planned, 'ami'), InstanceType: type as RunInstancesCommandInput['InstanceType'],
    DisableApiTermination: bool(planned, 'disable_api_termination') ?? false,
    EbsOptimized: bool(planned, 'ebs_optimized') ?? false,
    Monitoring: { Enabled: bool(planned, 'monitoring') ?? false },
    HibernationOptions: { Configured: bool(planned, 'hibernation') ?? false },
    KeyName: str(planned, 'key_name') || undefined,
    TagSpecifications: tagSpecs(planned),
  };
  const stop = bool(planned, 'disable_api_stop');
  if (stop !== undefined) input.DisableApiStop = stop;
  const enclave = first(planned, 'enclave_options');
  if (enclave && typeof enclave.enabled === 'boolean') input.EnclaveOptions = { Enabled: enclave.enabled };
  const md = first(planned, 'metadata_options');
  if (md) {
    input.MetadataOptions = { HttpEndpoint: md.http_endpoint as 'enabled' };
    if (md.http_endpoint === 'enabled') {
      if (md.http_tokens) input.MetadataOptions.HttpTokens = md.http_tokens as 'optional';
      if (md.http_put_response_hop_limit) input.MetadataOptions.HttpPutResponseHopLimit = md.http_put_response_hop_limit as number;
      if (md.instance_metadata_tags) input.MetadataOptions.InstanceMetadataTags = md.instance_metadata_tags as 'disabled';
    }
    if (md.http_protocol_ipv6) input.MetadataOptions.HttpProtocolIpv6 = md.http_protocol_ipv6 as 'disabled';
  }
  if (type?.startsWith('t3')) input.CreditSpecification = { CpuCredits: 'unlimited' };
  const credit = first(planned, 'credit_specification');
  if (credit && type) {
    const info = await awsCall(`creating EC2 Instance: collecting instance settings: reading EC2 Instance Type (${type})`, () =>
      meta.ec2().send(new DescribeInstanceTypesCommand({ InstanceTypes: [type as never] })));
    if (info.InstanceTypes?.[0]?.BurstablePerformanceSupported && typeof credit.cpu_credits === 'string' && credit.cpu_credits) {
      input.CreditSpecification = { CpuCredits: credit.cpu_credits };
    }
  }
  const shutdown = str(planned, 'instance_initiated_shutdown_behavior');
  if (shutdown) input.InstanceInitiatedShutdownBehavior = shutdown as 'stop';
  const profile = str(planned, 'iam_instance_profile');
  if (profile) input.IamInstanceProfile = { Name: profile };
  const ud = str(config, 'user_data'), ud64 = str(config, 'user_data_base64');
  if (ud) input.UserData = userDataBase64(ud);
  else if (ud64) input.UserData = ud64;
  const az = str(planned, 'availability_zone');
  input.Placement = {};
  if (az) input.Placement.AvailabilityZone = az;
  const pn = num(planned, 'placement_partition_number');
  if (pn) input.Placement.PartitionNumber = pn;
  const pg = str(planned, 'placement_group');
  if (pg) input.Placement.GroupName = pg;
  const tenancy = str(planned, 'tenancy');
  if (tenancy) input.Placement.Tenancy = tenancy as 'default';
  const host = str(planned, 'host_id');
  if (host) input.Placement.HostId = host;
  const hrg = str(planned, 'host_resource_group_arn');
  if (hrg) input.Placement.HostResourceGroupArn = hrg;
  const cores = num(planned, 'cpu_core_count');
  const cpu = first(planned, 'cpu_options');
  if (cores && cores > 0) input.CpuOptions = { CoreCount: cores, ThreadsPerCore: num(planned, 'cpu_threads_per_core') ?? 2 };
  else if (cpu && (cpu.core_count || cpu.threads_per_core || cpu.amd_sev_snp)) {
    input.CpuOptions = {};
    if (cpu.core_count) input.CpuOptions.CoreCount = cpu.core_count as number;
    if (cpu.threads_per_core) input.CpuOptions.ThreadsPerCore = cpu.threads_per_core as number;
    if (cpu.amd_sev_snp) input.CpuOptions.AmdSevSnp = cpu.amd_sev_snp as 'enabled';
  }
  const lt = first(planned, 'launch_template');
  if (lt) {
    input.LaunchTemplate = lt.id ? { LaunchTemplateId: lt.id as string } : { LaunchTemplateName: lt.name as string };
    if (lt.version) input.LaunchTemplate.Version = lt.version as string;
  }
  networking(input, planned);
  const bdm = await blockDeviceMappings(meta, planned);
  if (bdm.length) input.BlockDeviceMappings = bdm;
  const cr = first(planned, 'capacity_reservation_specification');
  if (cr && (cr.capacity_reservation_preference || (cr.capacity_reservation_target as Js[] | null)?.length)) {
    const target = (cr.capacity_reservation_target as Js[] | null)?.[0];
    input.CapacityReservationSpecification = {
      CapacityReservationPreference: (cr.capacity_reservation_preference as 'open' | null) ?? undefined,
      CapacityReservationTarget: target ? {
        CapacityReservationId: (target.capacity_reservation_id as string | null) ?? undefined,
        CapacityReservationResourceGroupArn: (target.capacity_reservation_resource_group_arn as string | null) ?? undefined,
      } : undefined,
    };
  }
  const mo = first(planned, 'maintenance_options');
  if (mo?.auto_recovery) input.MaintenanceOptions = { AutoRecovery: mo.auto_recovery as 'default' };
  const dns = first(planned, 'private_dns_name_options');
  if (dns) {
    input.PrivateDnsNameOptions = {};
    if (typeof dns.enable_resource_name_dns_a_record === 'boolean') input.PrivateDnsNameOptions.EnableResourceNameDnsARecord = dns.enable_resource_name_dns_a_record;
    if (typeof dns.enable_resource_name_dns_aaaa_record === 'boolean') input.PrivateDnsNameOptions.EnableResourceNameDnsAAAARecord = dns.enable_resource_name_dns_aaaa_record;
    if (dns.hostname_type) input.PrivateDnsNameOptions.HostnameType = dns.hostname_type as 'ip-name';
  }
  return input;
}

/** Subnet, addresses and security groups: on a network interface when a subnet is given, as hashicorp does. */
function networking(input: RunInstancesCommandInput, planned: Value): void {
  const subnet = str(planned, 'subnet_id');
  const names = strings(planned, 'security_groups');
  const ids = strings(planned, 'vpc_security_group_ids');
  const nics = (toJS(attr(planned, 'network_interface')) as Js[] | null | undefined) ?? [];
  const privateIp = str(planned, 'private_ip');
  const ipv6Count = num(planned, 'ipv6_address_count');
  const ipv6 = strings(planned, 'ipv6_addresses');
  if (subnet) {
    const ni: InstanceNetworkInterfaceSpecification = { DeviceIndex: 0, SubnetId: subnet, Groups: [...names, ...ids] };
    const pub = bool(planned, 'associate_public_ip_address');
    if (pub !== undefined) ni.AssociatePublicIpAddress = pub;
    if (privateIp) ni.PrivateIpAddress = privateIp;
    const secondary = strings(planned, 'secondary_private_ips');
    if (secondary.length) ni.PrivateIpAddresses = secondary.map((PrivateIpAddress) => ({ PrivateIpAddress }));
    if (ipv6Count) ni.Ipv6AddressCount = ipv6Count;
    if (ipv6.length) ni.Ipv6Addresses = ipv6.map((Ipv6Address) => ({ Ipv6Address }));
    input.NetworkInterfaces = [ni];
  } else if (nics.length) {
    input.NetworkInterfaces = nics.map((n) => ({
      DeviceIndex: n.device_index as number, NetworkCardIndex: (n.network_card_index as number | null) ?? 0,
      NetworkInterfaceId: n.network_interface_id as string, DeleteOnTermination: (n.delete_on_termination as boolean | null) ?? false,
    }));
  } else {
    if (privateIp) input.PrivateIpAddress = privateIp;
    if (names.length) input.SecurityGroups = names;
    if (ids.length) input.SecurityGroupIds = ids;
    if (ipv6Count) input.Ipv6AddressCount = ipv6Count;
    if (ipv6.length) input.Ipv6Addresses = ipv6.map((Ipv6Address) => ({ Ipv6Address }));
  }
}
